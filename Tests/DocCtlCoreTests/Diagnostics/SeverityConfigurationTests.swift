import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Per-rule severities in docset.yaml, `--strict`, exit statuses, and a test for every rule.
@Suite struct SeverityConfigurationTests {
    static func withRawHTML(rules: String) -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.replace("rules: { }", with: "rules: \(rules)", in: "docset.yaml")
        fixture.append("manual/99-appendices.md", "# 附录C 其他\n\n1️⃣<div>内容</div>\n")
        return fixture
    }

    @Test func ruleTurnedOffInDocsetIsNotReported() throws {
        let outcome = try Self.withRawHTML(rules: "{ raw-html: off }").check(strict: true)
        expectClean(outcome)
    }

    @Test func warningRaisedToErrorInDocsetFails() throws {
        let fixture = Self.withRawHTML(rules: "{ raw-html: error }")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.rawHTML, .error, at: fixture.marker())
        #expect(outcome.exitStatus == 1)
    }

    @Test func errorLoweredToWarningPasses() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("rules: { }", with: "rules:\n  unresolved-reference: warning\n", in: "docset.yaml")
        fixture.append("manual/99-appendices.md", "# 附录C 其他\n\n1️⃣[[QP-77]]\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.unresolvedReference, .warning, at: fixture.marker())
        #expect(outcome.exitStatus == 0)
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let fixture = Self.withRawHTML(rules: "{ }")
        let relaxed = try fixture.check()
        expectFinding(relaxed, Rules.rawHTML, .warning, at: fixture.marker())
        #expect(relaxed.exitStatus == 0)
        let strict = try fixture.check(strict: true)
        expectFinding(strict, Rules.rawHTML, .error, at: fixture.marker())
        #expect(strict.exitStatus == 1)
    }

    @Test func unknownRuleIdInDocsetSuggestsTheClosest() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("rules: { }", with: "rules: { 1️⃣raw-htm: off }", in: "docset.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownKey, at: fixture.marker())
        #expect(finding?.fix == "did you mean 'raw-html'?")
    }

    @Test func severityOtherThanErrorWarningOffIsAnInvalidValue() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("rules: { }", with: "rules: { raw-html: 1️⃣ignore }", in: "docset.yaml")
        expectFinding(try fixture.check(), Rules.invalidValue, at: fixture.marker())
    }

    @Test func environmentalRuleCannotBeTurnedOff() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("rules: { }", with: "rules: { unreadable-file: off }", in: "docset.yaml")
        fixture.remove("records.yaml")
        fixture.folders.insert("records.yaml")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.unreadableFile, inFile: "records.yaml")
        #expect(outcome.exitStatus == 2)
    }

    @Test func everyRuleHasADefaultSeverityAndAUniqueId() {
        #expect(Set(Rules.all.map(\.id)).count == Rules.all.count)
        #expect(Rules.all.allSatisfy { $0.defaultSeverity == .error || $0.defaultSeverity == .warning })
        #expect(Rules.all.allSatisfy { $0.id.allSatisfy { $0.isLowercase || $0 == "-" } })
    }

    /// Each `Rules.x` of the catalogue is used by at least one test of the core.
    @Test func everyRuleInTheCatalogueHasATest() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let catalogue = try String(contentsOf: root.appendingPathComponent("Sources/DocCtlCore/Diagnostics/RuleCatalog.swift"), encoding: .utf8)
        let folder = root.appendingPathComponent("Tests/DocCtlCoreTests")
        var tests = ""
        for case let name as String in FileManager.default.enumerator(atPath: folder.path)! where name.hasSuffix("Tests.swift") {
            tests += try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        let declaration = /public static let (\w+) = Rule\("([a-z-]+)"/
        var declared: [String: String] = [:]
        for match in catalogue.matches(of: declaration) { declared[String(match.output.2)] = String(match.output.1) }
        #expect(Set(declared.keys) == Set(Rules.all.map(\.id)))
        for rule in Rules.all {
            let name = try #require(declared[rule.id])
            #expect(tests.contains("Rules.\(name),") || tests.contains("Rules.\(name))") || tests.contains("Rules.\(name).id"), "no test uses Rules.\(name) (\(rule.id))")
        }
    }
}
