import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Countersigning (会签) and approval authority (审批权限).
@Suite struct ApprovalRuleTests {
    static let procedure = "\(FixtureSet.procedureFolder)/document.yaml"
    static let reviewed = "  reviewed: { name: 沈家宁, date: 2025-03-10 }\n"

    static func countersigned(_ list: String) -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.replace(reviewed, with: "  reviewed:\n" + list, in: procedure)
        return fixture
    }

    // MARK: countersigning

    @Test func severalReviewersWithDepartmentsCountersign() throws {
        let fixture = Self.countersigned("""
              - { name: 沈家宁, department: 体系与质量部, date: 2025-03-10 }
              - { name: 陈嘉禾, department: service, date: 2025-03-11 }

            """)
        let outcome = try fixture.check(strict: true)
        expectClean(outcome)
        let document = try #require(outcome.set.document(number: FixtureSet.procedureNumber))
        #expect(document.countersigned.map(\.department) == ["体系与质量部", "service"])
        #expect(document.reviewed?.name == "沈家宁（体系与质量部）、陈嘉禾（service）")
        #expect(document.reviewed?.date?.description == "2025-03-11")
    }

    @Test func aCountersignatureAfterApprovalIsOutOfOrder() throws {
        let fixture = Self.countersigned("""
              - { name: 沈家宁, department: 体系与质量部, date: 2025-03-10 }
              - 1️⃣{ name: 陈嘉禾, department: 运维服务部, date: 2025-03-17 }

            """)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.approvalOrder, at: fixture.marker())
        #expect(finding?.message == "陈嘉禾 (运维服务部) countersigned QP-01 on 2025-03-17, after it was approved (2025-03-16)")
        #expect(outcome.diagnostics(Rules.approvalOrder).count == 1)
    }

    @Test func aCountersignatureBeforePreparationAndAnUnknownDepartmentAreReported() throws {
        let fixture = Self.countersigned("""
              - 1️⃣{ name: 沈家宁, department: 体系与质量部, date: 2025-03-01 }
              - 2️⃣{ name: 陈嘉禾, department: 运维部, date: 2025-03-11 }

            """)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.approvalOrder, at: fixture.marker("1️⃣"))
        let unknown = expectFinding(outcome, Rules.invalidValue, at: fixture.marker("2️⃣"))
        #expect(unknown?.message == "countersigning department '运维部' is not a department of organization.yaml")
    }

    @Test func aReviewerWithoutADateIsMissing() throws {
        let fixture = Self.countersigned("  - 1️⃣{ name: 沈家宁, department: 体系与质量部 }\n")
        expectFinding(try fixture.check(), Rules.missingKey, at: fixture.marker())
    }

    // MARK: approver-not-authorised

    @Test func anApproverWithoutAuthorityIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("docset.yaml", "approval-authority: { manual: [gm], procedure: [service] }\n")
        fixture.replace("  approved: { name: 周明远, date: 2025-03-16 }", with: "  approved: 1️⃣{ name: 周明远, date: 2025-03-16 }", in: Self.procedure)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.approverNotAuthorised, at: fixture.marker())
        #expect(finding?.message == "周明远 may not approve procedure QP-01")
        #expect(outcome.diagnostics(Rules.approverNotAuthorised).count == 1, "the general manager may approve the manual")
    }

    @Test func theOwnerDepartmentsHeadMayApproveWhenTheSetSaysSo() throws {
        var fixture = FixtureSet.valid()
        fixture.append("docset.yaml", "approval-authority: { manual: [gm], procedure: [service, owner-head] }\n")
        fixture.replace("  approved: { name: 周明远, date: 2025-03-16 }", with: "  approved: { name: 沈家宁, date: 2025-03-16 }", in: Self.procedure)
        fixture.replace(Self.reviewed, with: "  reviewed: { name: 陈嘉禾, date: 2025-03-10 }\n", in: Self.procedure)
        expectNoFinding(try fixture.check(), Rules.approverNotAuthorised)
    }

    @Test func anAuthorityNamingNoDepartmentIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("docset.yaml", "approval-authority: { manual: [1️⃣gn] }\n")
        let finding = expectFinding(try fixture.check(), Rules.invalidValue, at: fixture.marker())
        #expect(finding?.fix == "did you mean 'gm'?")
    }
}
