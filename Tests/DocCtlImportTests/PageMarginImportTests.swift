import DocCtlCore
@testable import DocCtlImport
import DocCtlTestSupport
import Foundation
import Testing

/// Page headers and footers (`word/header1.xml`, `word/footer1.xml`) and text boxes.
@Suite("Import: page headers, footers and text boxes")
struct PageMarginImportTests {
    static func part(_ root: String, _ children: String) -> Data {
        Data(#"<?xml version="1.0" encoding="UTF-8"?><w:\#(root) xmlns:w="\#(D.wordNamespace)">\#(children)</w:\#(root)>"#.utf8)
    }

    static func header(_ children: String) -> (String, Data) { ("word/header1.xml", part("hdr", children)) }
    static func footer(_ children: String) -> (String, Data) { ("word/footer1.xml", part("ftr", children)) }

    @Test func documentNumberAndRevisionInAHeaderTableWithTheCompanyName() throws {
        var fixture = D(body: D.p("事件管理程序") + D.p("1 目的", style: "Heading1") + D.p("正文。"), styles: headingStyles)
        fixture.entries = [
            Self.header(D.table([["星桥云服信息技术有限公司", "文件编号：XQ-QP-04", "版本：A/1"], ["^^", "受控状态：受控", "第 1 页 共 9 页"]])),
            Self.footer(D.p("内部资料 注意保密")),
        ]
        let document = try importing(fixture, number: nil)
        #expect(document.number == "XQ-QP-04")
        #expect(document.organization == "星桥云服信息技术有限公司")
        let yaml = try #require(document.file("document.yaml"))
        #expect(yaml.contains("number: XQ-QP-04\n"))
        #expect(yaml.contains("control: controlled\n"))
        #expect(document.file("history.yaml")?.contains(#"- revision: "A/1""#) == true)
        #expect(document.items(.found).contains { $0.message == "control field 文件编号 (from the page header or footer)" && $0.paragraph == nil })
        #expect(document.items(.found).contains { $0.message.hasPrefix("organisation name (from the page header)") })
        #expect(document.items(.dropped).contains { $0.message.contains("page footer text '内部资料 注意保密'") })
        // Page numbers are not worth a report line.
        #expect(!document.report.items.contains { $0.message.contains("第 1 页") })
        #expect(!document.markdown.contains("星桥云服"))
    }

    @Test func theCoverWinsOverTheHeaderAndTabbedHeaderLinesAreSplit() throws {
        var fixture = D(body: ControlImportTests.cover + D.p("1 目的", style: "Heading1") + D.p("正文。"), styles: headingStyles)
        fixture.entries = [Self.header(D.p("Example Co., Ltd.\t文件编号：OLD-01\t密级：秘密"))]
        let document = try importing(fixture, number: nil)
        #expect(document.number == "QP-04")
        #expect(document.organization == "Example Co., Ltd.")
        #expect(document.file("document.yaml")?.contains("classification: 内部公开\n") == true)
    }

    @Test func headerFieldsInLabelAndValueCells() throws {
        var fixture = D(body: D.p("变更管理程序") + D.p("1 目的", style: "Heading1") + D.p("正文。"), styles: headingStyles)
        fixture.entries = [Self.header(D.table([["文件编号", "QP-06", "版本", "B/0"]]))]
        let document = try importing(fixture, number: nil)
        #expect(document.number == "QP-06")
        #expect(document.file("history.yaml")?.contains(#"- revision: "B/0""#) == true)
    }

    @Test func textBoxParagraphsFollowTheParagraphTheyAreAnchoredIn() throws {
        let box = #"<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>"#
            + D.p("注：重大事件须在 30 分钟内上报。") + #"</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>"#
            + D.p("注：重大事件须在 30 分钟内上报。") + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        let fixture = D(body: D.p("1 目的", style: "Heading1") + D.paragraph(runs: D.run("事件分级如下。") + box) + D.p("其后正文。"),
                        styles: headingStyles)
        let markdown = try importing(fixture).markdown
        #expect(markdown.contains("事件分级如下。\n\n注：重大事件须在 30 分钟内上报。\n\n其后正文。"))
        // The fallback copy is not imported a second time.
        #expect(markdown.components(separatedBy: "30 分钟").count == 2)
    }

    @Test func vmlTextBoxOfAnOldDocument() throws {
        let box = #"<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>"# + D.p("受理") + D.p("分派")
            + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        let fixture = D(body: D.p("1 流程", style: "Heading1") + D.paragraph(runs: box), styles: headingStyles)
        #expect(try importing(fixture).markdown.contains("受理\n\n分派"))
    }

    @Test func pageNumbersAreRecognised() {
        for text in ["第 1 页 共 9 页", "第1页，共9页", "Page 3 of 9", "- 4 -", "3/12", "共 9 页 第 2 页"] {
            #expect(ImportConverter.isPageNumber(text), "\(text)")
        }
        #expect(!ImportConverter.isPageNumber("第3章"))
    }
}
