@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl init`: a new set that loads, and that check reports as unfinished.
@Suite struct DocumentSetTemplateTests {
    static func template(_ id: String = "iso-iec-20000-1-2018", language: Language = .zhCN) throws -> DocumentSetTemplate {
        DocumentSetTemplate(standard: try #require(StandardsLibrary.builtIn.tree(id)), language: language,
                            organization: nil, date: FixtureSet.today)
    }

    @Test(arguments: ["iso-iec-20000-1-2018", "iso-9001-2015", "iso-iec-27001-2022"])
    func aNewSetLoadsAndReportsOnlyItsUnfinishedParts(id: String) throws {
        let template = try Self.template(id)
        try TemporaryFolder.with { folder in
            try template.create(at: folder.url)
            let outcome = try CheckOutcome.check(folder.url)
            #expect(outcome.rules == [Rules.unfinishedSection.id, Rules.approvalMissing.id], "\(outcome.summary)")
            #expect(outcome.diagnostics(Rules.unfinishedSection).count == template.clauses.count)
            #expect(outcome.diagnostics(Rules.approvalMissing).count == 5)
            let manual = try #require(outcome.set.documents.first)
            #expect(manual.number == template.manualNumber)
            #expect(manual.history.map(\.revisionText) == ["A/0"])
            #expect(manual.history.first?.digest == nil)
            // Stubs map their clauses but cover nothing until written: 0 %, and no uncovered-clause on top.
            let coverage = try #require(CoverageReport.compute(outcome.set))
            #expect(coverage.percent == 0)
            #expect(coverage.required.allSatisfy { $0.status == .uncovered && $0.unwritten })
        }
    }

    @Test func theEnglishSetUsesEnglishTitles() throws {
        let template = try Self.template(language: .en)
        let files = Dictionary(template.files(), uniquingKeysWith: { first, _ in first })
        #expect(files["manual/04-context-of-the-organization.md"]?.hasPrefix("# 4 Context of the organization\n\nTODO: ") == true)
        try TemporaryFolder.with { folder in
            try template.create(at: folder.url)
            #expect(try CheckOutcome.check(folder.url).rules == [Rules.unfinishedSection.id, Rules.approvalMissing.id])
        }
    }

    @Test func theMatrixHasOneLeadPerRequiredClause() throws {
        let template = try Self.template()
        let files = Dictionary(template.files(), uniquingKeysWith: { first, _ in first })
        let rows = try #require(files["responsibilities.csv"]).split(separator: "\n").dropFirst()
        #expect(rows.count == template.clauses.filter(\.auditable).count)
        #expect(rows.allSatisfy { $0.filter { $0 == "●" }.count == 1 })
    }

    @Test func aNonEmptyFolderIsRefused() throws {
        try TemporaryFolder.with { folder in
            try Data("x".utf8).write(to: folder.url.appendingPathComponent("notes.txt"))
            let error = try #require(refusal { try Self.template().create(at: folder.url) })
            #expect(error.description.contains("not empty"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
        }
    }

    @Test func anEmptyFolderOrOneWithOnlyGitIsAccepted() throws {
        try TemporaryFolder.with { folder in
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
            try Self.template().create(at: folder.url)
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("docset.yaml").path))
        }
    }
}
