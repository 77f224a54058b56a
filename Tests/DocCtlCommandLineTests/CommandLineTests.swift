import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// End-to-end: the built `docctl` on fixture sets and on the repository's example manual.
@Suite(.serialized) struct CommandLineTests {
    /// Writes `fixture` as `set/` in a temporary folder and runs docctl there.
    static func run(_ fixture: FixtureSet, _ arguments: [String]) throws -> DocCtlProcess.Result {
        try TemporaryFolder.with { folder in
            try fixture.materialize(in: folder.url.appendingPathComponent("set"))
            return try DocCtlProcess.run(arguments, in: folder.url)
        }
    }

    /// A set with one error (an unresolved reference) and one warning (raw HTML).
    static func defective() -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "# 附录C 其他\n\n见1️⃣[[QP-10]]。\n\n2️⃣<div>HTML</div>\n")
        return fixture
    }

    static var line: Regex<(Substring, path: Substring, line: Substring, column: Substring, severity: Substring, rule: Substring, message: Substring)> {
        /^(?<path>[^:\n]+):(?<line>\d+):(?<column>\d+): (?<severity>error|warning|note)\[(?<rule>[a-z-]+)\]: (?<message>.+)$/
    }

    // MARK: exit status and text

    @Test func validSetExitsZeroUnderStrict() throws {
        let result = try Self.run(FixtureSet.valid(), ["check", "set", "--strict", "--today", FixtureSet.todayText])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("0 errors, 0 warnings"))
    }

    @Test func contentErrorsExitOneInTheEditorFormat() throws {
        let fixture = Self.defective()
        let result = try Self.run(fixture, ["check", "set", "--today", FixtureSet.todayText])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let headers = result.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(" ") }
        #expect(headers.count == 2, "\(result.stdout)")
        for header in headers { #expect(header.wholeMatch(of: Self.line) != nil, "not path:line:column: severity[rule]: message: \(header)") }
        let error = fixture.marker("1️⃣"), warning = fixture.marker("2️⃣")
        #expect(headers.first?.hasPrefix("set/\(error.path):\(error.line):\(error.column): error[unresolved-reference]: ") == true)
        #expect(headers.last == "set/\(warning.path):\(warning.line):\(warning.column): warning[raw-html]: raw HTML is not rendered: <div>HTML</div>")
        // The snippet and the notes are indented below the header.
        #expect(result.stdout.contains("  \(error.line) | 见[[QP-10]]。\n"))
        #expect(result.stdout.contains("  note: did you mean [[QP-01]]?"))
        #expect(result.stderr.contains("1 error, 1 warning"))
    }

    @Test func warningsOnlyExitZeroUnlessStrict() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "# 附录C 其他\n\n<div>HTML</div>\n")
        #expect(try Self.run(fixture, ["check", "set", "--today", FixtureSet.todayText]).status == 0)
        let strict = try Self.run(fixture, ["check", "set", "--strict", "--today", FixtureSet.todayText])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains(": error[raw-html]: "))
    }

    @Test func missingFolderExitsTwo() throws {
        let result = try TemporaryFolder.with { try DocCtlProcess.run(["check", "no-such-set"], in: $0.url) }
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-set"))
    }

    @Test func folderWithoutDocsetExitsTwo() throws {
        let result = try TemporaryFolder.with { folder in
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("set"), withIntermediateDirectories: true)
            return try DocCtlProcess.run(["check", "set"], in: folder.url)
        }
        #expect(result.status == 2)
        #expect(result.stderr.contains("docset.yaml"))
    }

    @Test func unreadableFileExitsTwo() throws {
        var fixture = FixtureSet.valid()
        fixture.remove("records.yaml")
        fixture.folders.insert("records.yaml")
        let result = try Self.run(fixture, ["check", "set", "--today", FixtureSet.todayText])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("set/records.yaml: error[unreadable-file]: "))
    }

    @Test(arguments: [["check", "set", "--today", "2026-13-01"], ["check", "set", "--format", "yaml"], ["check", "--no-such-flag"], ["no-such-command"]])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try Self.run(FixtureSet.valid(), arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    /// A usage error found by a command's `run()` (not by the parser) shows that command's usage,
    /// not the root's `docctl <subcommand>`.
    @Test func aUsageErrorFromACommandShowsThatCommandsUsage() throws {
        let result = try TemporaryFolder.with { folder in try DocCtlProcess.run(["init", "fresh"], in: folder.url) }
        #expect(result.status == 2)
        #expect(result.stderr.contains("Error: Missing expected argument '--standard <id>'"), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: docctl init <folder>"), "\(result.stderr)")
        #expect(result.stderr.contains("See 'docctl init --help'"), "\(result.stderr)")
        #expect(!result.stderr.contains("<subcommand>"), "\(result.stderr)")
    }

    @Test func helpExitsZero() throws {
        let result = try DocCtlProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("check"))
    }

    // MARK: machine-readable formats

    @Test func jsonFormatParses() throws {
        let fixture = Self.defective()
        let result = try Self.run(fixture, ["check", "set", "--format", "json", "--today", FixtureSet.todayText])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 1)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["rule"] as? String } == ["unresolved-reference", "raw-html"])
        let location = try #require(diagnostics.first?["location"] as? [String: Any])
        let marker = fixture.marker("1️⃣")
        #expect(location["file"] as? String == "set/\(marker.path)")
        #expect(location["line"] as? Int == marker.line)
        #expect(location["column"] as? Int == marker.column)
        #expect(diagnostics.first?["severity"] as? String == "error")
        #expect(diagnostics.first?["fix"] as? String == "did you mean [[QP-01]]?")
    }

    @Test func sarifFormatHasTheSarifStructure() throws {
        let result = try Self.run(Self.defective(), ["check", "set", "--format", "sarif", "--today", FixtureSet.todayText])
        #expect(result.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif") == true)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "docctl")
        let ruleIDs = (driver["rules"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ruleIDs == Rules.all.map(\.id))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["unresolved-reference", "raw-html"])
        #expect(results.map { $0["level"] as? String } == ["error", "warning"])
        let physical = try #require(((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "set/manual/99-appendices.md")
        #expect(((physical["region"] as? [String: Any])?["startLine"] as? Int ?? 0) > 0)
    }

    @Test func junitFormatIsOneTestCasePerRule() throws {
        let result = try Self.run(Self.defective(), ["check", "set", "--format", "junit", "--today", FixtureSet.todayText])
        #expect(result.status == 1)
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(data: Data(result.stdout.utf8))
        let suites = try #require(document.rootElement())
        #expect(suites.name == "testsuites")
        let suite = try #require(suites.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "tests")?.stringValue == String(Rules.all.count))
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")
        let cases = suite.elements(forName: "testcase")
        #expect(cases.count == Rules.all.count)
        let failing = cases.filter { !$0.elements(forName: "failure").isEmpty }
        #expect(failing.compactMap { $0.attribute(forName: "name")?.stringValue } == ["unresolved-reference"])
        #endif
    }

    @Test func githubFormatIsOneAnnotationPerFinding() throws {
        let fixture = Self.defective()
        let result = try Self.run(fixture, ["check", "set", "--format", "github", "--today", FixtureSet.todayText])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let marker = fixture.marker("1️⃣")
        #expect(lines.first?.hasPrefix("::error file=set/manual/99-appendices.md,line=\(marker.line),col=\(marker.column),title=unresolved-reference::") == true)
        #expect(lines.last?.hasPrefix("::warning file=") == true)
        #expect(lines.allSatisfy { !$0.dropFirst(2).contains("\n") })
    }

    @Test func outputIsDeterministic() throws {
        let fixture = Self.defective()
        let first = try Self.run(fixture, ["check", "set", "--format", "json", "--today", FixtureSet.todayText])
        let second = try Self.run(fixture, ["check", "set", "--format", "json", "--today", FixtureSet.todayText])
        #expect(first.stdout == second.stdout)
    }

    // MARK: coverage

    @Test func coverageOfTheValidFixtureIsComplete() throws {
        let result = try Self.run(FixtureSet.valid(), ["coverage", "set", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["percent"] as? Double == 100)
    }

    @Test func coverageBelowTheMinimumExitsOne() throws {
        var fixture = FixtureSet.valid()
        fixture.remove(FixtureSet.chapterPath(10))
        let result = try Self.run(fixture, ["coverage", "set", "--min-percent", "100"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("below the minimum"))
    }

    @Test func coverageCSVHasAHeaderAndARowPerClause() throws {
        let result = try Self.run(FixtureSet.valid(), ["coverage", "set", "--format", "csv"])
        #expect(result.status == 0)
        // RFC 4180 rows end in CRLF (one Character in Swift, so split on the string).
        let rows = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "standard,clause,title,status,required,sections,procedures,lead")
        #expect(rows.count > FixtureSet.manualClauses().count)
    }

    // MARK: the repository's example set

    @Test func exampleManualPassesStrictCheck() throws {
        let result = try DocCtlProcess.run(["check", "manual-src", "--strict", "--today", "2026-11-29"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
    }

    @Test func exampleManualCoversEveryRequiredClause() throws {
        let result = try DocCtlProcess.run(["coverage", "manual-src", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let standards = try #require(object["standards"] as? [[String: Any]])
        #expect(standards.map { $0["key"] as? String } == ["itsm", "isms"])
        #expect(standards.map { $0["standard"] as? String } == ["iso-iec-20000-1-2018", "iso-iec-27001-2022"])
        for standard in standards {
            #expect(standard["percent"] as? Double == 100)
            #expect((standard["required"] as? Int ?? 0) > 50)
        }
    }

    @Test func coveragePerStandardAndTheStatementOfApplicability() throws {
        let one = try DocCtlProcess.run(["coverage", "manual-src", "--standard", "isms", "--min-percent", "100"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.hasPrefix("[isms] ISO/IEC 27001:2022 (GB/T 22080-2025) — coverage to depth 3"))
        #expect(!one.stdout.contains("[itsm]"))
        let soa = try DocCtlProcess.run(["coverage", "manual-src", "--format", "csv", "--standard", "isms"])
        let rows = soa.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "standard,control,title,applicable,justification,implemented-by,implementation-status,sections")
        #expect(rows.count == 94)
        #expect(rows.filter { $0.contains(",no,") }.count == 3)
        let unknown = try DocCtlProcess.run(["coverage", "manual-src", "--standard", "qms"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("its standards are itsm, isms"))
    }

    @Test func minPercentAppliesToEachStandard() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("standard: iso-iec-20000-1-2018", with: "standards: { itsm: iso-iec-20000-1-2018, isms: iso-iec-27001-2022 }", in: "docset.yaml")
        let result = try Self.run(fixture, ["coverage", "set", "--min-percent", "90"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("coverage of isms "))
        #expect(!result.stderr.contains("coverage of itsm "))
        #expect(result.stdout.contains("[itsm] ISO/IEC 20000-1:2018") && result.stdout.contains("[isms] ISO/IEC 27001:2022"))
    }

    @Test func theThreeSystemsExamplePasses() throws {
        let result = try DocCtlProcess.run(["check", "examples/three-systems", "--strict", "--today", "2026-11-29"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let coverage = try DocCtlProcess.run(["coverage", "examples/three-systems", "--min-percent", "100"])
        #expect(coverage.status == 0, "\(coverage.stderr)")
        #expect(coverage.stdout.contains("qms (ISO 9001:2015): "))
        #expect(coverage.stdout.contains("ems (ISO 14001:2015): "))
        #expect(coverage.stdout.contains("ohs (ISO 45001:2018): "))
    }

    @Test func standardsListNamesTheBuiltInTrees() throws {
        let result = try DocCtlProcess.run(["standards", "list"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("iso-iec-20000-1-2018\tISO/IEC 20000-1:2018"))
    }
}
