import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Rules on the responsibility matrix, the records register and the organisation.
@Suite struct MatrixAndRecordRuleTests {
    static let matrix = "responsibilities.csv"

    // MARK: matrix-unknown-department

    @Test func matrixColumnThatIsNoDepartmentIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("clause,title,gm,quality,service", with: "clause,title,gm,qualty,service", in: Self.matrix)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.matrixUnknownDepartment, at: Place(path: Self.matrix, line: 1, column: 1))
        #expect(finding?.fix == "did you mean 'quality'?")
    }

    @Test func matrixColumnsMayBeDepartmentNames() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("clause,title,gm,quality,service", with: "clause,title,总经理,体系与质量部,运维服务部", in: Self.matrix)
        expectClean(try fixture.check(strict: true))
    }

    @Test func matrixAsYAMLIsAccepted() throws {
        var fixture = FixtureSet.valid()
        fixture.remove(Self.matrix)
        fixture.write("responsibilities.yaml", """
            departments: [gm, quality, service]
            rows:
              - { clause: "4", gm: ○, quality: ● }
              - { clause: "8.10", 1️⃣service: ● }

            """)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.matrixUnknownClause, at: Place(path: "responsibilities.yaml", line: 4, column: 5))
        #expect(finding?.message.contains("'8.10'") == true)
    }

    // MARK: matrix-unknown-clause

    @Test func matrixRowThatIsNoClauseKeepsItsTextAsWritten() throws {
        var fixture = FixtureSet.valid()
        fixture.append(Self.matrix, "1️⃣8.10,不存在,,●,\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.matrixUnknownClause, at: fixture.marker())
        #expect(finding?.message.contains("'8.10'") == true)
        #expect(finding?.fix == "did you mean 8.1?")
    }

    @Test func clauseWithTwoMatrixRowsIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append(Self.matrix, "1️⃣4,组织环境,,●,\n")
        expectFinding(try fixture.check(), Rules.matrixUnknownClause, at: fixture.marker())
    }

    // MARK: matrix-lead-count

    @Test func clauseRowWithoutALeadIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("5,领导作用,●,○,", with: "1️⃣5,领导作用,○,○,", in: Self.matrix)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.matrixLeadCount, at: fixture.marker())
        #expect(finding?.message == "clause 5 has no lead department (●)")
    }

    @Test func clauseRowWithTwoLeadsIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("5,领导作用,●,○,", with: "1️⃣5,领导作用,●,●,", in: Self.matrix)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.matrixLeadCount, at: fixture.marker())
        #expect(finding?.message.contains("2 lead departments (gm, quality)") == true)
    }

    @Test func lettersRACIAreAccepted() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("5,领导作用,●,○,", with: "5,领导作用,R,C,I", in: Self.matrix)
        expectClean(try fixture.check(strict: true))
    }

    // MARK: matrix-bad-cell

    @Test func unknownMatrixCellIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("5,领导作用,●,○,", with: "1️⃣5,领导作用,●,X,", in: Self.matrix)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.matrixBadCell, at: fixture.marker())
        #expect(finding?.message.contains("'X'") == true)
    }

    // MARK: department-without-responsibility

    @Test func departmentWithoutResponsibilityIsAWarning() throws {
        var fixture = FixtureSet.valid()
        fixture.append("organization.yaml", "  - 1️⃣{ id: finance, name: 财务部, parent: gm }\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.departmentIdle, .warning, at: fixture.marker())
        #expect(outcome.exitStatus == 0)
    }

    // MARK: organization-tree

    @Test func departmentWithUnknownParentIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  - { id: service, name: 运维服务部, parent: gm, head: 赵一鸣 }",
                        with: "  - 1️⃣{ id: service, name: 运维服务部, parent: g, head: 赵一鸣 }", in: "organization.yaml")
        let finding = expectFinding(try fixture.check(), Rules.organizationTree, at: fixture.marker())
        #expect(finding?.fix == "did you mean 'gm'?")
    }

    @Test func departmentCycleIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("{ id: gm, name: 总经理, parent: null", with: "{ id: gm, name: 总经理, parent: service", in: "organization.yaml")
        let outcome = try fixture.check()
        #expect(outcome.diagnostics(Rules.organizationTree).contains { $0.message.contains("cycle") }, "\(outcome.summary)")
    }

    @Test func duplicateDepartmentIdIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("organization.yaml", "  - 1️⃣{ id: service, name: 运维二部, parent: gm }\n")
        expectFinding(try fixture.check(), Rules.organizationTree, at: fixture.marker())
    }

    // MARK: record-incomplete

    @Test func recordWithoutOwnerIsIncomplete() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("- { id: REC-02, title: 文件更改申请单, owner: quality,", with: "- 1️⃣{ id: REC-02, title: 文件更改申请单,", in: "records.yaml")
        let finding = expectFinding(try fixture.check(), Rules.recordIncomplete, at: fixture.marker())
        #expect(finding?.message == "record REC-02 has no owner")
    }

    @Test func recordWithoutRetentionIsIncomplete() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("- { id: REC-02, title: 文件更改申请单, owner: quality, retention: 5 years,",
                        with: "- 1️⃣{ id: REC-02, title: 文件更改申请单, owner: quality,", in: "records.yaml")
        let finding = expectFinding(try fixture.check(), Rules.recordIncomplete, at: fixture.marker())
        #expect(finding?.message.contains("retention") == true)
    }

    @Test(arguments: ["forever", "3", "years"])
    func retentionThatIsNoPeriodIsIncomplete(retention: String) throws {
        var fixture = FixtureSet.valid()
        fixture.replace("retention: 5 years", with: "retention: \(retention)", in: "records.yaml")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.recordIncomplete, at: Place(path: "records.yaml", line: 2, column: 3))
    }

    @Test(arguments: ["3 years", "6 months", "3 年", "6 个月", "permanent", "永久"])
    func retentionPeriodsInEitherLanguageAreAccepted(retention: String) throws {
        var fixture = FixtureSet.valid()
        fixture.replace("retention: 5 years", with: "retention: \(retention)", in: "records.yaml")
        expectNoFinding(try fixture.check(), Rules.recordIncomplete)
    }

    @Test func recordNamingAnUnknownProcedureIsIncomplete() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("retention: 5 years, procedure: QP-01", with: "retention: 5 years, procedure: QP-10", in: "records.yaml")
        let finding = expectFinding(try fixture.check(), Rules.recordIncomplete, at: Place(path: "records.yaml", line: 2, column: 3))
        #expect(finding?.fix == "did you mean QP-01?")
    }

    @Test func recordOwnerThatIsNoDepartmentIsAnUnknownOwner() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("owner: quality, retention: 5 years", with: "owner: qa, retention: 5 years", in: "records.yaml")
        expectFinding(try fixture.check(), Rules.unknownOwner, at: Place(path: "records.yaml", line: 2, column: 3))
    }

    // MARK: record-unregistered

    @Test func recordListedByADocumentButNotRegisteredIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("records: [REC-01, REC-02]", with: "records: [REC-01, REC-02, 1️⃣REC-03]", in: "\(FixtureSet.procedureFolder)/document.yaml")
        let finding = expectFinding(try fixture.check(), Rules.recordUnregistered, at: fixture.marker())
        #expect(finding?.message.contains("REC-03") == true)
    }

    @Test func recordRegisteredTwiceIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("records.yaml", "- 1️⃣{ id: REC-01, title: 重复, owner: quality, retention: 1 year }\n")
        let finding = expectFinding(try fixture.check(), Rules.recordUnregistered, at: fixture.marker())
        #expect(finding?.notes.first?.location?.line == 1)
    }

    @Test func recordsMayBeAMappingWithARecordsList() throws {
        var fixture = FixtureSet.valid()
        let list = try #require(fixture.text("records.yaml"))
        fixture.write("records.yaml", "records:\n" + list.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
        expectClean(try fixture.check(strict: true))
    }
}
