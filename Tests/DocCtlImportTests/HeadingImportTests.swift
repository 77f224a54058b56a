import DocCtlCore
@testable import DocCtlImport
import DocCtlTestSupport
import Foundation
import Testing

@Suite("Import: headings")
struct HeadingImportTests {
    @Test func headingStylesGiveLevelsAndKeepTypedNumbers() throws {
        let fixture = D(body: D.p("4 组织环境", style: "Heading1") + D.p("正文。") + D.p("4.1 理解组织及其环境", style: "Heading2") + D.p("内容。"),
                        styles: headingStyles)
        let document = try importing(fixture)
        #expect(document.headingLines == ["# 4 组织环境", "## 4.1 理解组织及其环境"])
        #expect(document.report.counts.sections == 2)
    }

    @Test func localizedCustomAndOutlineLevelStylesAreHeadings() throws {
        let styles = D.style("a1", name: "标题 1") + D.style("MyChapter", name: "公司章标题", basedOn: "a1")
            + D.style("Outline2", name: "二级条款", outlineLevel: 1)
        let fixture = D(body: D.p("5 领导作用", style: "a1") + D.p("6 策划", style: "MyChapter") + D.p("6.1 应对风险和机遇的措施", style: "Outline2"),
                        styles: styles)
        #expect(try importing(fixture).headingLines == ["# 5 领导作用", "# 6 策划", "## 6.1 应对风险和机遇的措施"])
    }

    @Test func automaticMultilevelNumberingIsComputedAsWordShowsIt() throws {
        let styles = D.style("Heading1", name: "heading 1", numID: 1, level: 0) + D.style("Heading2", name: "heading 2", numID: 1, level: 1)
        let numbering = D.numbering(abstractID: 0, numID: 1, levels: [("decimal", "%1"), ("decimal", "%1.%2"), ("decimal", "%1.%2.%3")], start: 4)
        let fixture = D(body: D.p("组织环境", style: "Heading1") + D.p("理解组织及其环境", style: "Heading2")
                        + D.p("理解相关方的需求和期望", style: "Heading2") + D.p("领导作用", style: "Heading1")
                        + D.p("领导作用和承诺", style: "Heading2") + D.p("总则", numID: 1, level: 2),
                        styles: styles, numbering: numbering)
        #expect(try importing(fixture).headingLines == [
            "# 4 组织环境", "## 4.1 理解组织及其环境", "## 4.2 理解相关方的需求和期望", "# 5 领导作用", "## 5.1 领导作用和承诺", "### 5.1.1 总则",
        ])
    }

    @Test func numberingRestartsWithStartOverride() throws {
        // Two lists share one abstract numbering; the second num restarts at 1.
        let numbering = D.numbering(abstractID: 0, numID: 1, levels: [("lowerLetter", "%1)")], extraNums: [(2, 1)])
        let fixture = D(body: D.p("1 目的", style: "Heading1") + D.p("甲", numID: 1) + D.p("乙", numID: 1) + D.p("说明。")
                        + D.p("丙", numID: 2) + D.p("丁", numID: 2),
                        styles: headingStyles, numbering: numbering)
        var labels = WordNumbering(root: try WordXML.parse(
            Data(#"<w:numbering xmlns:w="\#(D.wordNamespace)">\#(numbering)</w:numbering>"#.utf8), path: "numbering.xml", file: "f"))
        let shown = [1, 1, 2, 2].map { labels.next(NumberingReference(numID: String($0), level: 0))!.display }
        #expect(shown == ["a)", "b)", "a)", "b)"])
        let markdown = try importing(fixture).markdown
        #expect(markdown.contains("1. 甲\n1. 乙\n\n说明。\n\n1. 丙\n1. 丁"))
    }

    @Test func boldNumberedLinesWithoutStylesAreHeadings() throws {
        let fixture = D(body: D.p("4 组织环境", bold: true) + D.p("4.1理解组织及其环境", bold: true) + D.p("体系与质量部每年组织分析。")
                        + D.p("4.2 理解相关方的需求和期望") + D.p("3 个工作日内完成评审。") + D.p("第5章 领导作用") + D.p("附件1：职责分配表", bold: true))
        let document = try importing(fixture)
        #expect(document.headingLines == ["# 4 组织环境", "## 4.1 理解组织及其环境", "## 4.2 理解相关方的需求和期望", "# 5 领导作用", "# 附件1 职责分配表"])
        #expect(document.markdown.contains("3 个工作日内完成评审。"))
    }

    @Test func tableOfContentsFieldAndTypedContentsAreDropped() throws {
        let tocField = #"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \o "1-3" \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1 目的\#t1</w:t></w:r></w:p><w:p><w:r><w:t>2 范围\#t2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
        let fixture = D(body: D.p("目 录") + D.p("4 组织环境 ........ 3") + D.p("4.1 理解组织及其环境 4") + tocField
                        + D.p("1 目的", style: "Heading1") + D.p("正文。"), styles: headingStyles)
        let document = try importing(fixture)
        #expect(document.headingLines == ["# 1 目的"])
        #expect(!document.markdown.contains("组织环境"))
        #expect(document.items(.dropped).contains { $0.message.contains("table of contents") })
    }

    @Test func clauseTitleUnderAnotherNumberIsReportedWithTheMappingToAdd() throws {
        let tree = try #require(StandardsLibrary.builtIn.tree("iso-iec-20000-1-2018"))
        let fixture = D(body: D.p("5 领导作用", style: "Heading1") + D.p("5.2 方针", style: "Heading2")
                        + D.p("5.1.9 建立服务管理方针", style: "Heading3") + D.p("正文。"), styles: headingStyles)
        let document = try importing(fixture, type: .manual, tree: tree)
        let fix = document.items(.fix).first { $0.message.contains("{clause=") }
        #expect(fix?.message.contains("{clause=5.2.1}") == true)
    }
}
