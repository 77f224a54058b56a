import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The Statement of Applicability (applicability.yaml) and its rules, each at its file and line.
@Suite struct ApplicabilityRuleTests {
    /// Every Annex A control of the built-in ISO/IEC 27001:2022 tree.
    static let controls: [Clause] = {
        guard let tree = StandardsLibrary.builtIn.tree("iso-iec-27001-2022") else { return [] }
        return tree.order.compactMap { tree.clause($0) }.filter { $0.excludable && $0.childIDs.isEmpty }
    }()

    /// The integrated fixture with a complete SoA: every control implemented by QP-01, but for A.7.4.
    static func withStatement() -> FixtureSet {
        var fixture = SeveralStandardsTests.integrated(harmonized: true)
        var text = "# 适用性声明\n"
        for control in controls {
            text += control.id == "A.7.4"
                ? "isms:A.7.4: { applicable: false, justification: 本公司不自建机房，租用的数据中心由服务商监控 }\n"
                : "isms:\(control.id): { applicable: true, implemented-by: [QP-01], status: implemented }\n"
        }
        fixture.write("applicability.yaml", text)
        return fixture
    }

    @Test func annexAHas93Controls() {
        #expect(Self.controls.count == 93)
    }

    @Test func aCompleteStatementRaisesNoSoARule() throws {
        let outcome = try Self.withStatement().check()
        for rule in [Rules.soaMissing, Rules.soaUnimplemented, Rules.soaUnknownDocument, Rules.notApplicableUnjustified,
                     Rules.exclusionNotAllowed, Rules.unknownClause] {
            expectNoFinding(outcome, rule)
        }
        let isms = try #require(CoverageReport.compute(outcome.set)?.part("isms"))
        #expect(isms.entries.first { $0.clause.id == "isms:A.7.4" }?.status == .notApplicable)
        #expect(isms.entries.first { $0.clause.id == "isms:A.5.15" }?.procedures == ["QP-01"])
        #expect(isms.entries.filter { $0.clause.id.hasPrefix("isms:A.") && $0.required }.allSatisfy { $0.status != .uncovered })
    }

    @Test func aMissingStatementIsReportedAtTheStandardsKey() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("standard: iso-iec-20000-1-2018", with: "standards: { itsm: iso-iec-20000-1-2018, 1️⃣isms: iso-iec-27001-2022 }", in: "docset.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.soaMissing, at: fixture.marker())
        #expect(finding?.message.hasPrefix("ISO/IEC 27001:2022 needs a Statement of Applicability: applicability.yaml is missing (93 controls: isms:A.5.1, ") == true)
        #expect(outcome.diagnostics(Rules.soaMissing).count == 1)
    }

    @Test func controlsWithoutADecisionAreListed() throws {
        var fixture = Self.withStatement()
        fixture.replace("isms:A.8.34: { applicable: true, implemented-by: [QP-01], status: implemented }\n", with: "", in: "applicability.yaml")
        fixture.replace("isms:A.5.2: { applicable: true, implemented-by: [QP-01], status: implemented }\n", with: "", in: "applicability.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.soaMissing, at: Place(path: "applicability.yaml", line: 1, column: 1))
        #expect(finding?.message == "2 controls of ISO/IEC 27001:2022 have no decision in applicability.yaml: isms:A.5.2, isms:A.8.34")
    }

    @Test func anExclusionWithoutJustificationIsReported() throws {
        var fixture = Self.withStatement()
        fixture.replace("isms:A.7.4: { applicable: false, justification: 本公司不自建机房，租用的数据中心由服务商监控 }",
                        with: "1️⃣isms:A.7.4: { applicable: false }", in: "applicability.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.notApplicableUnjustified, at: fixture.marker())
        #expect(finding?.message == "clause isms:A.7.4 is declared not applicable without a justification")
    }

    @Test func excludingARequirementIsNotAllowed() throws {
        var fixture = Self.withStatement()
        fixture.append("applicability.yaml", "1️⃣isms:6.1.3: { applicable: false, justification: 无 }\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.exclusionNotAllowed, at: fixture.marker())
        #expect(finding?.message == "ISO/IEC 27001:2022 does not allow clause isms:6.1.3 to be declared not applicable")
    }

    @Test func anApplicableControlNeedsAnImplementation() throws {
        var fixture = Self.withStatement()
        fixture.replace("isms:A.5.15: { applicable: true, implemented-by: [QP-01], status: implemented }",
                        with: "1️⃣isms:A.5.15: { applicable: true, status: planned }", in: "applicability.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.soaUnimplemented, at: fixture.marker())
        #expect(finding?.message.hasPrefix("control isms:A.5.15 ") == true)
        // Mapping a section to the control implements it too.
        fixture.append("manual/99-appendices.md", "# 附录C 访问控制 {clause=isms:A.5.15}\n\n按最小权限原则授予访问权限。\n")
        expectNoFinding(try fixture.check(), Rules.soaUnimplemented)
    }

    @Test func implementedByNamesDocumentsOfTheSet() throws {
        var fixture = Self.withStatement()
        fixture.replace("isms:A.5.16: { applicable: true, implemented-by: [QP-01], status: implemented }",
                        with: "isms:A.5.16: { applicable: true, implemented-by: [1️⃣QP-1], status: implemented }", in: "applicability.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.soaUnknownDocument, at: fixture.marker())
        #expect(finding?.fix == "did you mean QP-01?")
        expectFinding(outcome, Rules.soaUnimplemented, at: Place(path: "applicability.yaml", line: fixture.marker().line, column: 1))
    }

    @Test func anUnknownControlAndABadValueAreReported() throws {
        var fixture = Self.withStatement()
        fixture.replace("isms:A.6.1: { applicable: true, implemented-by: [QP-01], status: implemented }\n", with: "", in: "applicability.yaml")
        fixture.append("applicability.yaml", "1️⃣isms:A.5.94: { applicable: true, implemented-by: [QP-01] }\nisms:A.6.1: { applicable: 2️⃣maybe }\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.unknownClause, at: fixture.marker("1️⃣"))
        expectFinding(outcome, Rules.invalidValue, at: fixture.marker("2️⃣"))
    }

    @Test func theStatementIsACSVTableAndAGeneratedBlock() throws {
        var fixture = Self.withStatement()
        fixture.append("manual/99-appendices.md", "# 附录C 适用性声明\n\n{{statement-of-applicability}}\n")
        let outcome = try fixture.check()
        expectNoFinding(outcome, Rules.unknownPlaceholder)
        let isms = try #require(CoverageReport.compute(outcome.set)?.part("isms"))
        let rows = CoverageFormatter.statementOfApplicabilityCSV(isms, language: .zhCN).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 94)
        #expect(rows.first == "standard,control,title,applicable,justification,implemented-by,implementation-status,sections")
        #expect(rows.contains("isms,A.7.4,物理安全监视,no,本公司不自建机房，租用的数据中心由服务商监控,,,"))
        #expect(rows.contains { $0.hasPrefix("isms,A.5.15,") && $0.hasSuffix(",yes,,QP-01,implemented,") })
    }

    /// The document showing `{{statement-of-applicability}}` seals applicability.yaml with its text:
    /// changing a decision is a change of that document (`changed-since-release`), of the section
    /// showing the block, and of no other document.
    @Test func anApplicabilityDecisionIsPartOfTheSoADocumentsDigest() throws {
        var fixture = Self.withStatement()
        fixture.append("\(FixtureSet.procedureFolder)/body.md", "\n# 9 适用性声明\n\n{{statement-of-applicability}}\n")
        let sealed = try fixture.digest(of: FixtureSet.procedureNumber)
        let manual = try fixture.digest(of: FixtureSet.manualNumber)
        fixture.replace("  approver: 周明远\n", with: "  approver: 周明远\n  digest: \(sealed)\n", in: "\(FixtureSet.procedureFolder)/history.yaml")
        expectNoFinding(try fixture.check(), Rules.changedSinceRelease)
        let (before, _) = try fixture.load()
        let record = SectionDigests.record(of: try #require(before.document(number: FixtureSet.procedureNumber)), sources: before.sources,
                                           revision: "A/0", date: nil)

        fixture.replace("isms:A.7.4: { applicable: false, justification: 本公司不自建机房，租用的数据中心由服务商监控 }",
                        with: "isms:A.7.4: { applicable: true, implemented-by: [QP-01], status: planned }", in: "applicability.yaml")
        #expect(try fixture.digest(of: FixtureSet.procedureNumber) != sealed)
        #expect(try fixture.digest(of: FixtureSet.manualNumber) == manual, "a document without the block does not seal the file")
        let outcome = try fixture.check()
        _ = expectFinding(outcome, Rules.changedSinceRelease, at: Place(path: "\(FixtureSet.procedureFolder)/history.yaml", line: 1, column: 3))
        let (after, _) = try fixture.load()
        let next = SectionDigests.record(of: try #require(after.document(number: FixtureSet.procedureNumber)), sources: after.sources,
                                            revision: "A/1", date: nil)
        let changes = SectionDigests.changes(from: record, to: next)
        #expect(changes.sections == ["9"])
        #expect(!changes.fields)
    }
}
