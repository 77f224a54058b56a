import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Inputs that once crashed or hung docctl, kept small and named after what went wrong.
@Suite struct RegressionTests {
    /// 5 000 nested list items overflowed the stack while the cmark tree was converted.
    @Test func deeplyNestedMarkdownIsFlattenedNotACrash() {
        let blocks = MarkdownParser.parse(String(repeating: "- ", count: 5_000) + "项 [[QP-01]]\n", path: "deep.md")
        var depth = 0
        var block = blocks.first
        while case .list(_, _, _, let items)? = block {
            depth += 1
            block = items.first?.first
        }
        #expect(depth == MarkdownParser.maximumNesting + 1)
        guard case .paragraph(let inlines, _)? = block else {
            Issue.record("the deepest content should be kept as a paragraph")
            return
        }
        #expect(inlines.plainText.contains("项"))
    }

    @Test func deeplyNestedQuotesAndEmphasisAreBounded() {
        let quotes = MarkdownParser.parse(String(repeating: ">", count: 5_000) + " 引用\n", path: "q.md")
        #expect(!quotes.isEmpty)
        let emphasis = MarkdownParser.parse(String(repeating: "*", count: 5_000) + "强调" + String(repeating: "*", count: 5_000) + "\n", path: "e.md")
        #expect(!emphasis.isEmpty)
    }

    /// 100 000 unclosed `[[` (or `《`) on one line searched ahead from every bracket: minutes.
    @Test func unclosedBracketsAreScannedOnce() {
        let start = ContinuousClock.now
        let brackets = MarkdownParser.parse(String(repeating: "[[", count: 100_000) + "\n", path: "b.md")
        let titles = MarkdownParser.parse(String(repeating: "《", count: 100_000) + "》\n", path: "t.md")
        #expect(ContinuousClock.now - start < .seconds(10))
        var references = 0
        for block in brackets + titles {
            block.forEachInline { if case .reference = $0 { references += 1 }; if case .citedTitle = $0 { references += 1 } }
        }
        #expect(references == 0)
    }

    @Test func referencesAfterUnclosedBracketsAreStillFound() {
        let blocks = MarkdownParser.parse("[[ 《 [[QP-01]] 《成文信息控制程序》 [[REC-01]]\n", path: "r.md")
        var found: [String] = []
        blocks.first?.forEachInline { inline in
            switch inline {
            case .reference(let target, let location): found.append("\(target)@\(location.column)")
            case .citedTitle(let title, let location): found.append("\(title)@\(location.column)")
            default: break
            }
        }
        #expect(found == ["QP-01@6", "成文信息控制程序@16", "REC-01@27"])
    }

    /// 10 000 findings on one 30 000-character line printed the whole line each time (450 MB).
    @Test func snippetsOfLongLinesAreCutAroundTheColumn() {
        let line = String(repeating: "a", count: 10_000) + "X" + String(repeating: "b", count: 10_000)
        let file = SourceFile(path: "long.md", text: "first\n" + line + "\n")
        let diagnostic = Diagnostic(.warning, rule: "raw-html", at: SourceLocation(path: "long.md", line: 2, column: 10_001), "here")
        let text = DiagnosticFormatter(pathPrefix: "", sources: ["long.md": file]).text(Array(repeating: diagnostic, count: 3))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 9)
        let snippet = String(lines[1]), caret = String(lines[2])
        #expect(snippet.count < DiagnosticFormatter.snippetWidth + 20)
        #expect(snippet.hasPrefix("  2 | …") && snippet.hasSuffix("…"))
        // The caret still points at the X.
        let xColumn = snippet.distance(from: snippet.startIndex, to: snippet.firstIndex(of: "X")!)
        let caretColumn = caret.distance(from: caret.startIndex, to: caret.firstIndex(of: "^")!)
        #expect(xColumn == caretColumn)
    }

    @Test func shortLinesAreShownWhole() {
        let file = SourceFile(path: "a.md", text: "见[[QP-99]]。\n")
        let diagnostic = Diagnostic(.error, rule: "unresolved-reference", at: SourceLocation(path: "a.md", line: 1, column: 2), "x")
        let text = DiagnosticFormatter(pathPrefix: "set", sources: ["a.md": file]).text([diagnostic])
        #expect(text == "set/a.md:1:2: error[unresolved-reference]: x\n  1 | 见[[QP-99]]。\n    |   ^\n")
    }
}
