import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Document-control rules: approvals, copies, classification, owner, periodic review.
@Suite struct ControlRuleTests {
    static let manual = "manual/document.yaml"
    static let procedure = "\(FixtureSet.procedureFolder)/document.yaml"

    // MARK: approval-missing

    @Test func controlledDocumentWithoutReviewerIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  reviewed: { name: 沈家宁, date: 2025-06-10 }\n", with: "", in: Self.manual)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.approvalMissing, at: Place(path: Self.manual, line: 1, column: 1))
        #expect(finding?.message.contains("reviewed (审核)") == true)
    }

    @Test func approvalWithoutDateIsReportedAtTheApproval() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  approved: { name: 周明远, date: 2025-06-15 }", with: "  approved: 1️⃣{ name: 周明远 }", in: Self.manual)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.approvalMissing, at: fixture.marker())
        #expect(finding?.message.hasSuffix("date") == true)
    }

    @Test func controlledDocumentWithoutIssuedDateIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("issued: 2025-06-15\n", with: "", in: Self.manual)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.approvalMissing, at: Place(path: Self.manual, line: 1, column: 1))
    }

    @Test func uncontrolledDocumentNeedsNoApprovals() throws {
        var fixture = FixtureSet.valid()
        let path = Self.procedure
        fixture.replace("control: controlled", with: "control: uncontrolled", in: path)
        fixture.replace("approvals:\n  prepared: { name: 何思琪, date: 2025-03-06 }\n  reviewed: { name: 沈家宁, date: 2025-03-10 }\n  approved: { name: 周明远, date: 2025-03-16 }\n",
                        with: "", in: path)
        fixture.replace("distribution:\n  - { copy: \"01\", holder: 总经理 }\n", with: "", in: path)
        expectClean(try fixture.check(strict: true))
    }

    // MARK: approval-order

    @Test func reviewBeforePreparationIsOutOfOrder() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  reviewed: { name: 沈家宁, date: 2025-06-10 }", with: "  reviewed: 1️⃣{ name: 沈家宁, date: 2025-06-01 }", in: Self.manual)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.approvalOrder, at: fixture.marker())
        #expect(finding?.message == "reviewed (2025-06-01) is earlier than prepared (2025-06-08)")
    }

    @Test func effectiveBeforeIssuedIsOutOfOrder() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("effective: 2025-06-15", with: "effective: 1️⃣2025-06-14", in: Self.manual)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.approvalOrder, at: fixture.marker())
    }

    @Test func approvalsOnTheSameDayAreInOrder() throws {
        var fixture = FixtureSet.valid()
        for step in ["prepared: { name: 林若溪, date: 2025-06-08 }", "reviewed: { name: 沈家宁, date: 2025-06-10 }",
                     "approved: { name: 周明远, date: 2025-06-15 }"] {
            fixture.replace(step, with: step.replacingOccurrences(of: #"2025-06-\d\d"#, with: "2025-06-15", options: .regularExpression),
                            in: Self.manual)
        }
        expectNoFinding(try fixture.check(), Rules.approvalOrder)
    }

    // MARK: approver-is-preparer

    @Test func approverWhoPreparedIsAWarning() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  approved: { name: 周明远, date: 2025-06-15 }", with: "  approved: 1️⃣{ name: 林若溪, date: 2025-06-15 }", in: Self.manual)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.approverIsPreparer, .warning, at: fixture.marker())
        #expect(outcome.exitStatus == 0)
    }

    // MARK: uncontrolled-with-copies

    @Test func uncontrolledDocumentWithRegisteredCopiesIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("control: controlled", with: "control: uncontrolled", in: Self.procedure)
        fixture.replace("  - { copy: \"01\"", with: "  - { copy: 1️⃣\"01\"", in: Self.procedure)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.uncontrolledWithCopies, at: fixture.marker())
    }

    // MARK: duplicate-copy-number

    @Test func duplicateCopyNumbersAreReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  - { copy: \"02\", holder: 体系与质量部 }", with: "  - { copy: 1️⃣01, holder: 体系与质量部 }", in: Self.manual)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.duplicateCopyNumber, at: fixture.marker())
        #expect(finding?.message.contains("copy number 01 ") == true)
        #expect(finding?.notes.first?.location?.line == 16)
    }

    @Test func copyNumbersAreStringsSo01IsNot1() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  - { copy: \"02\", holder: 体系与质量部 }", with: "  - { copy: 1, holder: 体系与质量部 }", in: Self.manual)
        let outcome = try fixture.check()
        expectNoFinding(outcome, Rules.duplicateCopyNumber)
        #expect(outcome.set.documents[0].distribution.map(\.copy) == ["01", "1"])
    }

    // MARK: unknown-classification

    @Test func classificationNotOnTheLadderIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("classification: 内部公开", with: "classification: 1️⃣绝密", in: Self.procedure)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownClassification, at: fixture.marker())
        #expect(finding?.message.contains("绝密") == true)
    }

    @Test func publishLimitNotOnTheLadderIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("publish-up-to: 内部公开", with: "publish-up-to: 1️⃣内部公", in: "docset.yaml")
        let finding = expectFinding(try fixture.check(), Rules.unknownClassification, at: fixture.marker())
        #expect(finding?.fix == "did you mean '内部公开'?")
    }

    // MARK: unknown-owner

    @Test func ownerThatIsNoDepartmentIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("owner: quality", with: "owner: 1️⃣qualty", in: Self.procedure)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownOwner, at: fixture.marker())
        #expect(finding?.fix == "did you mean 'quality'?")
    }

    @Test func ownerMayBeTheDepartmentName() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("owner: quality", with: "owner: 体系与质量部", in: Self.procedure)
        expectNoFinding(try fixture.check(), Rules.unknownOwner)
    }

    // MARK: review-overdue

    @Test func reviewOverdueIsAWarningRelativeToToday() throws {
        let fixture = FixtureSet.valid()
        let outcome = try fixture.check(today: Day("2026-06-16")!)
        // The manual was effective 2025-06-15 and is reviewed every 12 months.
        let finding = expectFinding(outcome, Rules.reviewOverdue, .warning, at: fixture.location(of: "12 months", in: Self.manual))
        #expect(finding?.message.contains("due on 2026-06-15") == true)
        #expect(finding?.fix?.contains("last-review: 2026-06-16") == true)
    }

    @Test func reviewDueTodayIsNotOverdue() throws {
        expectNoFinding(try FixtureSet.valid().check(today: Day("2026-06-15")!), Rules.reviewOverdue)
    }

    @Test func lastReviewDateCountsAndIsWhereTheOverdueIsReported() throws {
        let fixture = FixtureSet.valid()
        let outcome = try fixture.check(today: Day("2026-12-02")!)
        expectFinding(outcome, Rules.reviewOverdue, at: fixture.location(of: "2025-12-01", in: Self.procedure))
        #expect(outcome.diagnostics(Rules.reviewOverdue).count == 2)
    }

    @Test func withdrawnDocumentIsNeverOverdue() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("control: controlled", with: "control: controlled\nstatus: withdrawn", in: Self.procedure)
        let outcome = try fixture.check(today: Day("2026-12-02")!)
        #expect(outcome.diagnostics(Rules.reviewOverdue).count == 1)
    }
}
