import DocCtlCore
@testable import DocCtlImport
import DocCtlTestSupport
import Foundation
import Testing

@Suite("Import: body")
struct BodyImportTests {
    func body(_ xml: String, known: Set<String> = [], fixture: (inout DocxFixture) -> Void = { _ in }) throws -> ImportedDocument {
        var document = D(body: D.p("1 目的", style: "Heading1") + xml, styles: headingStyles)
        fixture(&document)
        return try importing(document, known: known)
    }

    @Test func typedListsBecomeNestedMarkdownLists() throws {
        let markdown = try body(D.p("要求如下：") + D.p("a) 受理；") + D.p("1) 记录；") + D.p("2) 分类；") + D.p("b) 处理。") + D.p("① 通知") + D.p("完。")).markdown
        #expect(markdown.contains("要求如下：\n\n1. 受理；\n   1. 记录；\n   1. 分类；\n1. 处理。\n   1. 通知\n\n完。"))
    }

    @Test func boldItalicAndEscapingOfMarkdownCharacters() throws {
        let runs = D.run("注", bold: true) + D.run("：按 *优先级* 处理 #1，见 [[内部]] 和 {{record-list}}，") + D.run("斜体", italic: true) + D.run("。")
        let markdown = try body(D.paragraph(runs: runs) + D.p("# 不是标题") + D.p("{{record-list}}")).markdown
        #expect(markdown.contains(#"**注**：按 \*优先级\* 处理 #1，见 \[\#(MarkdownText.markerBreak)\[内部\]\] 和 {\#(MarkdownText.markerBreak){record-list}}，*斜体*。"#))
        #expect(markdown.contains("\\# 不是标题"))
        // Read back by docctl's own parser: no reference, no placeholder, no heading.
        let parsed = MarkdownParser.parse(markdown, path: "body.md")
        let text = "\(parsed)"
        #expect(!text.contains("reference("))
        #expect(!text.contains("placeholder"))
    }

    @Test func documentNumbersBecomeReferencesOnlyWhenTheSetHasThem() throws {
        let markdown = try body(D.p("按《变更管理程序》（QP-06）和 QP-77 执行。"), known: ["QP-06"]).markdown
        #expect(markdown.contains("按《变更管理程序》（[[QP-06]]）和 QP-77 执行。"))
    }

    @Test func tablesWithMergedCellsAreRepeatedAndReported() throws {
        let document = try body(D.table([["优先级", "判定要点", "时限"], ["P1", "核心业务中断", "<<"], ["^^", "平台级故障", "4 小时"], ["a|b", "x", "y"]]))
        #expect(document.markdown.contains("""
        | 优先级 | 判定要点 | 时限 |
        | --- | --- | --- |
        | P1 | 核心业务中断 | 核心业务中断 |
        | P1 | 平台级故障 | 4 小时 |
        | a\\|b | x | y |
        """))
        #expect(document.items(.guessed).contains { $0.message.contains("2 merged cells") })
    }

    @Test func picturesGoToMediaWithTheirCaptionAsAltText() throws {
        let png = TestImages.bluePNG
        let document = try body(D.picture("rId5") + D.p("图1 事件处理流程") + D.picture("rId6") + D.p("正文。")) { fixture in
            fixture.relationships = [D.imageRelationship("rId5", "image1.png"), D.imageRelationship("rId6", "image2.emf")]
            fixture.entries = [("word/media/image1.png", png), ("word/media/image2.emf", Data([1, 0, 0, 0, 0x20, 0x45, 0x4D, 0x46]))]
        }
        #expect(document.markdown.contains("![图1 事件处理流程](media/image1.png)"))
        #expect(!document.markdown.contains("\n图1 事件处理流程"))
        #expect(document.files.contains { $0.path == "media/image1.png" && Data($0.data) == png })
        #expect(document.items(.dropped).contains { $0.message.contains("image2.emf (EMF) was not converted") })
    }

    @Test func footnotesHyperlinksAndLineBreaks() throws {
        let xml = #"<w:p><w:r><w:t>详见</w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>门户</w:t></w:r></w:hyperlink><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:br/><w:t>第二行</w:t></w:r></w:p>"#
        let markdown = try body(xml) { fixture in
            fixture.relationships = [#"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://portal.example.com/a b" TargetMode="External"/>"#]
            fixture.footnotes = #"<w:footnote w:id="2"><w:p><w:r><w:t>门户地址由运维服务部维护。</w:t></w:r></w:p></w:footnote>"#
        }.markdown
        #expect(markdown.contains("详见[门户](https://portal.example.com/a%20b)（注1）\\\n第二行\n\n注1：门户地址由运维服务部维护。"))
    }

    @Test func wordNumberedListItems() throws {
        let numbering = D.numbering(abstractID: 3, numID: 7, levels: [("decimal", "%1."), ("bullet", "•")])
        var fixture = D(body: D.p("1 目的", style: "Heading1") + D.p("第一步", numID: 7) + D.p("细节", numID: 7, level: 1) + D.p("第二步", numID: 7),
                        styles: headingStyles, numbering: numbering)
        fixture.relationships = []
        let markdown = try importing(fixture).markdown
        #expect(markdown.contains("1. 第一步\n   -  细节\n1. 第二步"))
    }
}
