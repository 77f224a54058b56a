@testable import DocCtlCore
import Testing

/// cmark-gfm's tree as docctl reads it: positions, docctl's own inline markers, placeholders.
@Suite struct MarkdownParserTests {
    /// All inlines of the paragraphs of `blocks`, in order.
    static func inlines(_ blocks: [Block]) -> [Inline] {
        blocks.flatMap { block -> [Inline] in
            if case .paragraph(let inlines, _) = block { return inlines }
            return []
        }
    }

    @Test func referencesAndCitedTitlesCarryLineAndScalarColumn() {
        let blocks = MarkdownParser.parse("# 1 目的\n\n事件按[[QP-04]]和《事件管理程序》处理。\n", path: "body.md")
        var found: [String] = []
        for inline in Self.inlines(blocks) {
            switch inline {
            case .reference(let target, let location): found.append("ref \(target) \(location.line):\(location.column)")
            case .citedTitle(let title, let location): found.append("title \(title) \(location.line):\(location.column)")
            default: break
            }
        }
        // Columns count Unicode scalars (事件按 is three), not UTF-8 bytes (nine).
        #expect(found == ["ref QP-04 3:4", "title 事件管理程序 3:14"])
    }

    @Test func frontMatterIsSkippedAndLinesStayTrue() {
        let blocks = MarkdownParser.parse("---\ntitle: x\n---\n# 4 组织环境\n", path: "body.md")
        guard case .heading(let level, _, let location) = blocks.first else {
            Issue.record("expected a heading first, got \(blocks)")
            return
        }
        #expect(level == 1)
        #expect(location.line == 4)
        #expect(!blocks.contains { if case .thematicBreak = $0 { true } else { false } })
    }

    @Test func aParagraphHoldingOnlyAPlaceholderIsAPlaceholder() {
        let blocks = MarkdownParser.parse("{{record-list}}\n\n文字 {{record-list}} 文字\n", path: "body.md")
        guard case .placeholder(let name, let location) = blocks.first else {
            Issue.record("expected a placeholder, got \(String(describing: blocks.first))")
            return
        }
        #expect(name == "record-list")
        #expect(location.line == 1)
        #expect(blocks.count == 2)
        if case .placeholder = blocks[1] { Issue.record("a placeholder inside text stays text") }
    }

    @Test func rawHTMLIsKeptOnlyToBeReported() {
        let blocks = MarkdownParser.parse("<script>alert(1)</script>\n", path: "body.md")
        #expect(blocks.contains { if case .html = $0 { true } else { false } })
    }
}
