import DocCtlTestSupport
import Foundation
import Testing
@testable import DocCtlCore

/// A Markdown file past the structure bounds is refused before cmark-gfm parses it (issue 12's
/// 4 MiB hostile inputs), with a diagnostic naming the file; ordinary files are untouched.
@Suite struct MarkdownComplexityTests {
    @Test func ordinaryTextIsWithinTheBounds() {
        let text = String(repeating: "## 4.1 标题\n\n**注**：本条 *强调* 的文字，snake_case 标识。\n\n", count: 2_000)
        #expect(MarkdownComplexity.problem(text) == nil)
        #expect(MarkdownComplexity.problem(String(repeating: "# 同\n", count: MarkdownComplexity.maximumHeadings)) == nil)
    }

    @Test func tooManyHeadingsOrEmphasisMarkersAreNamed() {
        let headings = String(repeating: "   # 同\n", count: MarkdownComplexity.maximumHeadings + 1)
        #expect(MarkdownComplexity.problem(headings)?.contains("20001 headings") == true)
        // Four spaces make an indented code block, not a heading.
        #expect(MarkdownComplexity.problem(String(repeating: "    # 同\n", count: MarkdownComplexity.maximumHeadings + 1)) == nil)
        let markers = String(repeating: "*a* ", count: MarkdownComplexity.maximumEmphasisMarkers / 2 + 1)
        #expect(MarkdownComplexity.problem(markers)?.contains("emphasis markers") == true)
    }

    @Test func aFilePastTheBoundsIsAFileTooLargeErrorAndIsNotParsed() throws {
        var fixture = FixtureSet.valid()
        fixture.append(FixtureSet.procedureFolder + "/body.md", String(repeating: "*a* ", count: 200_000) + "\n")
        let outcome = try fixture.check()
        let found = outcome.diagnostics(Rules.fileTooLarge)
        #expect(found.count == 1)
        #expect(found.first?.location?.path == FixtureSet.procedureFolder + "/body.md")
        #expect(found.first?.location?.line == 1)
        #expect(found.first?.message.contains("400000 emphasis markers") == true, "\(found)")
        #expect(outcome.exitStatus == 1)
    }
}
