@testable import DocCtlCore
import DocCtlTestSupport
import Testing

/// Which sections cover which clauses, and the report's formats.
@Suite struct CoverageReportTests {
    @Test func theValidFixtureCoversEveryRequiredClause() throws {
        let (set, _) = try FixtureSet.valid().load()
        let report = try #require(CoverageReport.compute(set))
        #expect(report.standard.id == "iso-iec-20000-1-2018")
        #expect(!report.required.isEmpty)
        #expect(report.coveredCount == report.required.count)
        #expect(report.percent == 100)
        let incident = try #require(report.entries.first { $0.clause.id == "8.6.1" })
        #expect(incident.status == .covered)
        #expect(incident.sections.first?.number == "8.6.1")
    }

    @Test func aRemovedSectionLeavesItsClauseUncovered() throws {
        var fixture = FixtureSet.valid()
        let path = try #require(fixture.files.keys.first { $0.hasPrefix("manual/") && fixture.text($0)?.contains("### 8.6.1 ") == true })
        let heading = try #require(fixture.text(path)?.split(separator: "\n").first { $0.hasPrefix("### 8.6.1 ") })
        fixture.replace(String(heading), with: heading + " {clause=none}", in: path)
        let (set, _) = try fixture.load()
        let report = try #require(CoverageReport.compute(set))
        #expect(report.entries.first { $0.clause.id == "8.6.1" }?.status == .uncovered)
        #expect(report.percent < 100)
        let chapter8 = try #require(report.chapters.first { $0.clause.id == "8" })
        #expect(chapter8.covered == chapter8.total - 1)
    }

    @Test func csvHasAHeaderAndOneRowPerClause() throws {
        let (set, _) = try FixtureSet.valid().load()
        let report = try #require(CoverageReport.compute(set))
        let rows = CoverageFormatter.csv(report, language: .zhCN).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "clause,title,status,required,sections,procedures,lead")
        #expect(rows.count == report.entries.count + 1)
        #expect(rows.contains { $0.hasPrefix("8.6.1,") && $0.contains(",covered,yes,") })
        let json = CoverageFormatter.json(report, language: .en)
        #expect(json.contains("\"percent\" : 100"))
    }
}
