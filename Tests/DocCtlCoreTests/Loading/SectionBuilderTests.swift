@testable import DocCtlCore
import Testing

/// Heading numbers, titles and attribute blocks, and the section tree built from them.
@Suite struct SectionBuilderTests {
    typealias Parts = SectionBuilder.HeadingParts

    @Test func numberTitleAndClauseAttribute() {
        #expect(SectionBuilder.parseHeading("8.6.1 事件管理 {clause=8.6.1}")
            == Parts(number: "8.6.1", title: "事件管理", attributes: [("clause", "8.6.1")]))
    }

    @Test func severalClausesAndAnAnchor() {
        let parts = SectionBuilder.parseHeading("6.3 服务连续性及可用性管理 {clause=8.7.1,8.7.2 #continuity}")
        #expect(parts == Parts(number: "6.3", title: "服务连续性及可用性管理", attributes: [("clause", "8.7.1,8.7.2"), ("id", "continuity")]))
    }

    @Test func chineseChapterNumber() {
        #expect(SectionBuilder.parseHeading("第4章 组织环境") == Parts(number: "4", title: "组织环境", attributes: []))
        #expect(SectionBuilder.parseHeading("第10章\u{3000}改进") == Parts(number: "10", title: "改进", attributes: []))
        #expect(SectionBuilder.parseHeading("第四章 组织环境") == Parts(number: "4", title: "组织环境", attributes: []))
        #expect(SectionBuilder.parseHeading("第十章 改进") == Parts(number: "10", title: "改进", attributes: []))
        #expect(SectionBuilder.parseHeading("第几章 问答") == Parts(number: nil, title: "第几章 问答", attributes: []))
    }

    /// A number typed with a full-width input method.
    @Test func fullWidthDigits() {
        #expect(SectionBuilder.parseHeading("４.３ 确定服务管理体系的范围") == Parts(number: "4.3", title: "确定服务管理体系的范围", attributes: []))
        #expect(SectionBuilder.parseHeading("８．６．１ 事件管理") == Parts(number: "8.6.1", title: "事件管理", attributes: []))
    }

    @Test func appendixHasNoNumber() {
        #expect(SectionBuilder.parseHeading("附录A 程序文件清单") == Parts(number: nil, title: "附录A 程序文件清单", attributes: []))
        #expect(SectionBuilder.parseHeading("Annex B Records") == Parts(number: nil, title: "Annex B Records", attributes: []))
    }

    @Test(arguments: [
        ("4 组织环境", "4", "组织环境"),
        ("4.1\u{3000}理解组织及其环境", "4.1", "理解组织及其环境"),
        ("8.6.1事件管理", "8.6.1", "事件管理"),
        ("7.5. 成文信息", "7.5", "成文信息"),
        ("10", "10", ""),
    ])
    func numberedHeadings(text: String, number: String, title: String) {
        let parts = SectionBuilder.parseHeading(text)
        #expect(parts.number == number)
        #expect(parts.title == title)
    }

    @Test(arguments: ["目的", "8..1 双点", "v1.2 版本说明", "1a 编号", ".5 点开头", "2025年度服务目标", "12个月内的计划", "3项原则"])
    func headingsWithoutASectionNumber(text: String) {
        #expect(SectionBuilder.parseHeading(text).number == nil, "\(text)")
    }

    @Test func numbersStayStrings() {
        #expect(SectionBuilder.parseHeading("8.10 第十项").number == "8.10")
        #expect(SectionBuilder.parseHeading("5.1.10 细则").number == "5.1.10")
    }

    @Test func buildNestsSectionsByHeadingLevel() {
        let blocks = MarkdownParser.parse("# 4 组织环境\n\n文字\n\n## 4.1 理解\n\n文字\n\n## 4.2 相关方\n\n# 5 领导作用\n", path: "m.md")
        let (preamble, sections) = SectionBuilder.build(blocks, numbering: .standard)
        #expect(preamble.isEmpty)
        #expect(sections.map(\.number) == ["4", "5"])
        #expect(sections[0].children.map(\.number) == ["4.1", "4.2"])
        #expect(sections[0].children[1].location.line == 9)
        #expect(sections[0].clauses == ["4"])
    }

    @Test func frontMatterAndAppendicesMapToNoClause() {
        let blocks = MarkdownParser.parse("# 0 概述\n\n## 0.1 手册管理\n\n# 附录A 清单\n\n# 8 运行 {clause=none}\n", path: "m.md")
        let sections = SectionBuilder.build(blocks, numbering: .standard).sections
        #expect(sections.flatMap(\.flattened).allSatisfy { $0.clauses.isEmpty })
        #expect(sections[1].isAppendix)
    }

    @Test func ownNumberingMapsOnlyAttributeBlocks() {
        let blocks = MarkdownParser.parse("# 1 目的\n\n# 5 工作程序 {clause=8.6.1}\n", path: "p.md")
        let sections = SectionBuilder.build(blocks, numbering: .own).sections
        #expect(sections.map(\.clauses) == [[], ["8.6.1"]])
    }

    @Test func anchorsAreUnique() {
        let blocks = MarkdownParser.parse("# 说明\n\n# 说明\n\n# 1 目的\n\n# 1 目的\n", path: "p.md")
        let anchors = SectionBuilder.build(blocks, numbering: .own).sections.map(\.anchor)
        #expect(Set(anchors).count == 4)
        #expect(anchors == ["sec-说明", "sec-说明-2", "sec-1", "sec-1-2"])
    }

    static func anchors(_ markdown: String) -> [String] {
        SectionBuilder.build(MarkdownParser.parse(markdown, path: "p.md"), numbering: .own).sections.map(\.anchor)
    }

    /// An unnumbered heading before `1 目的` took `sec-1` and moved section 1 to `sec-1-2`.
    @Test func unnumberedHeadingsNeverTakeANumberedAnchor() {
        #expect(Self.anchors("# 前言\n\n# 1 目的\n\n# 2 范围\n") == ["sec-前言", "sec-1", "sec-2"])
        #expect(Self.anchors("# 2025年度目标\n\n# 1 目的\n") == ["sec-2025年度目标", "sec-1"])
        #expect(Self.anchors("# ——\n\n# 1 目的\n") == ["sec-u1", "sec-1"])
    }

    @Test func appendicesAreAnchoredByTheirLabel() {
        let anchors = Self.anchors("""
            # 附录A 程序文件清单
            # 附件 2 申请表
            # 附表3 记录格式
            # Annex B (informative) Records
            # Appendix C
            # 附录 流程图
            # Terms and definitions of the service desk, as agreed with customers in 2024 and reviewed yearly
            """.split(separator: "\n").joined(separator: "\n\n"))
        #expect(anchors == ["appendix-A", "attachment-2", "schedule-3", "appendix-B", "appendix-C", "sec-附录-流程图",
                            "sec-Terms-and-definitions-of-the-service-desk-as-agr"])
    }

    /// Adding a section earlier leaves the anchors of unnumbered sections where they were.
    @Test func anchorsOfUnnumberedSectionsDoNotDependOnWhatComesBefore() {
        let before = Self.anchors("# 1 目的\n\n# 附录A 清单\n\n# 说明\n")
        let after = Self.anchors("# 1 目的\n\n# 2 范围\n\n## 2.1 细则\n\n# 附录A 清单\n\n# 说明\n")
        #expect(before.suffix(2) == after.suffix(2))
        #expect(after.suffix(2) == ["appendix-A", "sec-说明"])
    }
}
