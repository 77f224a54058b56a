import DocCtlCore
import Foundation
import Testing

/// The README's rules table is the catalogue's, row for row: a rule added, renamed or re-described
/// in `RuleCatalog.swift` fails here until the README says the same (`docctl rules --format markdown`).
@Suite struct RuleTableTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")

    @Test func readmeRulesTableIsTheCatalogue() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let header = "| rule | category | default | what it checks |"
        let start = try #require(text.range(of: header), "README.md has no rules table")
        let table = text[start.lowerBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("|") }.map { $0 + "\n" }.joined()
        let expected = Rules.markdownTable.split(separator: "\n").map(String.init)
        let actual = table.split(separator: "\n").map(String.init)
        for row in expected where !actual.contains(row) { Issue.record("README.md lacks (or differs in) the row: \(row)") }
        for row in actual where !expected.contains(row) { Issue.record("README.md has a row the catalogue does not: \(row)") }
        #expect(actual == expected, "the README's rules are not in catalogue order; paste `docctl rules --format markdown`")
    }

    @Test func theTableHasARowPerRule() {
        let rows = Rules.markdownTable.split(separator: "\n")
        #expect(rows.count == Rules.all.count + 2)
        #expect(Set(Rules.all.map(\.id)).count == Rules.all.count)
    }
}
