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

    /// 一、目的 … 六、记录 with （一）（二） under them: the outline many Chinese procedures use, kept as
    /// written; only the next numeral of the sequence is a heading, and a sentence never is.
    @Test func chineseOutlineNumeralsAreHeadings() throws {
        let fixture = D(body: D.p("一、目的", bold: true) + D.p("规范事件的处置。") + D.p("二、职责")
                        + D.p("（一）信息安全部", bold: true) + D.p("负责分级。") + D.p("（二）各部门") + D.p("立即报告。")
                        + D.p("三、工作程序") + D.p("一、二级事件按本程序处置。") + D.p("五、记录") + D.p("（四）不是下一项"))
        let document = try importing(fixture)
        #expect(document.headingLines == ["# 一、目的", "# 二、职责", "## （一）信息安全部", "## （二）各部门", "# 三、工作程序"])
        #expect(document.markdown.contains("一、二级事件按本程序处置。"))
        #expect(document.markdown.contains("五、记录"))
    }

    /// A document whose headings docctl cannot recognise keeps its text: the paragraphs after the
    /// cover's fields are the body (reported as guessed), not cover text to drop.
    @Test func aDocumentWithoutHeadingsKeepsItsBody() throws {
        let cover = D.table([["文件编号", "QP-99", "版本/修订", "B/2"], ["批准", "赵总 2025-03-08", "生效日期", "2025年3月15日"]])
        let fixture = D(body: D.p("某某有限公司", bold: true) + D.p("事件管理程序", style: "Title") + cover
                        + D.p("目的：规范事件的处置") + D.p("范围：全部信息系统") + D.p("服务台接到事件后十五分钟内响应。"))
        let document = try importing(fixture)
        #expect(document.markdown.contains("服务台接到事件后十五分钟内响应。"))
        #expect(document.markdown.contains("目的：规范事件的处置"))
        #expect(document.items(.guessed).contains { $0.message.hasPrefix("no headings found") })
        #expect(!document.items(.dropped).contains { $0.excerpt?.contains("十五分钟") == true })
        // 版本/修订 in one cell gives the revision; the approval's date dates it.
        let history = try #require(document.file("history.yaml"))
        #expect(history.contains("- revision: \"B/2\"\n  date: 2025-03-08\n"), "\(history)")
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
