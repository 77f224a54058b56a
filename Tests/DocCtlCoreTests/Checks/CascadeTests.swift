@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// One broken file is reported once, not again by every rule that reads what it would have held.
@Suite struct CascadeTests {
    static let history = "\(FixtureSet.procedureFolder)/history.yaml"
    static let body = "\(FixtureSet.procedureFolder)/body.md"

    @Test func unreadableBodyOfASealedDocumentIsNotAlsoReportedAsChanged() throws {
        var fixture = FixtureSet.valid()
        let digest = try fixture.digest(of: FixtureSet.procedureNumber)
        fixture.append(Self.history, "  digest: \(digest)\n")
        // GB18030 bytes for "程序" in an otherwise UTF-8 file.
        fixture.write(Self.body, data: Data([0xB3, 0xCC, 0xD0, 0xF2, 0x0A]))
        let outcome = try fixture.check()
        #expect(outcome.rules.contains(Rules.encoding.id))
        #expect(!outcome.rules.contains(Rules.changedSinceRelease.id))
    }

    @Test func referencesIntoADocumentThatFailedToLoadAreNotReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("\(FixtureSet.procedureFolder)/document.yaml", "broken: [unclosed\n")
        let outcome = try fixture.check()
        #expect(outcome.rules.contains(Rules.yamlSyntax.id))
        #expect(outcome.diagnostics(Rules.unresolvedReference).allSatisfy { !$0.message.contains(FixtureSet.procedureNumber) })
    }
}

/// The per-document parts run on every core and the set-level themes on both; the diagnostics
/// must be those of running them one by one, in order.
@Suite struct ParallelCheckTests {
    @Test func parallelThemesReportWhatSequentialThemesReport() throws {
        var fixture = FixtureSet.valid()
        // Findings for several themes at once: a dangling reference, an unknown clause, a stray
        // emphasis marker and a history entry without a date.
        fixture.append("\(FixtureSet.procedureFolder)/body.md", "\n见 [[QP-99]] 与 [[99.9]]，以及 **未闭合。\n")
        fixture.append("\(FixtureSet.procedureFolder)/history.yaml", "- revision: A/1\n  change: 无日期\n")
        let (set, _) = try fixture.load()
        let checker = Checker(today: FixtureSet.today)
        let parallel = checker.run(set)
        var sink = DiagnosticSink()
        var summaries: [DocumentSummary] = []
        for document in set.documents {
            let record = DocumentChecks.record(document, set: set, key: "")
            sink.append(contentsOf: record.findings)
            summaries.append(record.summary)
        }
        let context = CheckContext(set: set, today: FixtureSet.today, coverage: CoverageReport.compute(set), summaries: summaries)
        for theme in Checker.themes { theme(context, &sink) }
        #expect(parallel.count >= 3)
        // The themes start longest first, each once, and report in their own order (compared here).
        #expect(Checker.startOrder.sorted() == Array(Checker.themes.indices))
        #expect(parallel.map { String(describing: $0) } == sink.diagnostics.map { String(describing: $0) })
    }
}
