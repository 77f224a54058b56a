@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Issue 13, document control: approvals belong to a revision; links follow the current revision
/// unless they pin one.
@Suite struct DocumentControlTests {
    static let number = FixtureSet.procedureNumber
    static let document = "\(FixtureSet.procedureFolder)/document.yaml"
    static let body = "\(FixtureSet.procedureFolder)/body.md"

    @Test func aSealedEntryWhoseApprovalPredatesItIsApprovalStaleAndNotControlled() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number)
        try workspace.replace("approved: { name: 周明远, date: 2025-03-16 }", with: "approved: { name: 周明远, date: 2025-03-13 }", in: Self.document)
        let check = try workspace.check()
        let stale = check.diagnostics.filter { $0.rule == Rules.approvalStale.id }
        #expect(stale.count == 1)
        #expect(stale.first?.location?.path == Self.document)
        #expect(stale.first?.message.contains("approved 2025-03-13 predates its date 2025-03-16") == true)
        let document = try #require(check.set.document(number: Self.number))
        let status = ControlStatus.of(document, in: check.set)
        #expect(status.state == .draft)
        #expect(status.reasons.contains(.approvalsStale))
    }

    @Test func anApproverOtherThanTheEntrysIsStale() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("approved: { name: 周明远, date: 2025-03-16 }", with: "approved: { name: 沈家宁, date: 2025-03-16 }", in: Self.document)
        let workspace = try WorkflowWorkspace(fixture)
        let error = try #require(refusal { try workspace.release(Self.number) })
        #expect(error.description.contains("approvals.approved.name"))
    }

    @Test func aNewRevisionIsNotReleasedWithThePreviousRevisionsApprovals() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number)
        try workspace.replace("适用于手册", with: "适用于全部手册", in: Self.body)
        _ = try workspace.revise(Self.number, change: "扩大适用范围")
        let files = try workspace.snapshot()
        let error = try #require(refusal { try workspace.release(Self.number) })
        #expect(error.description.contains("stale: approvals.approved, issued, effective"))
        #expect(error.diagnostics.map(\.rule) == [Rules.approvalStale.id])
        #expect(try workspace.snapshot() == files)
        // check does not report the entry being prepared: release is where it stops.
        #expect(!(try workspace.check()).diagnostics.contains { $0.rule == Rules.approvalStale.id })

        try workspace.approve(Self.number)
        _ = try workspace.release(Self.number)
        let record = try ReleaseRecord.parse(Data(try workspace.text("\(FixtureSet.procedureFolder)/releases/A-1.yaml").utf8), path: "A-1.yaml")
        #expect(record.approvals.map(\.role) == ["prepared", "reviewed", "approved"])
        #expect(record.approvals.last?.date == FixtureSet.today)
        #expect(record.issued == FixtureSet.today)
        let check = try workspace.check()
        #expect(check.diagnostics.isEmpty, "\(check.summary)")
        #expect(ControlStatus.of(try #require(check.set.document(number: Self.number)), in: check.set).state == .controlled)
    }

    @Test func checkAndTheControlStatusAgreeOnApprovals() throws {
        // A blank approver name: both say the approvals are incomplete (they used to differ).
        var fixture = FixtureSet.valid()
        fixture.replace("approved: { name: 周明远, date: 2025-03-16 }", with: "approved: { name: \"\", date: 2025-03-16 }", in: Self.document)
        let set = try fixture.load().0
        let document = try #require(set.document(number: Self.number))
        var sink = DiagnosticSink()
        ControlChecks.checkApprovals(document, &sink)
        #expect(sink.diagnostics.map(\.rule).contains(Rules.approvalMissing.id))
        #expect(ControlStatus.of(document, in: set).reasons.contains(.approvalsIncomplete))
    }

    @Test func linksBetweenDocumentsGoToThePointerAndAPinnedLinkShowsItsRevision() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/00-front.md", "\n现行版本见[[QP-01]]，引用的版本为[[QP-01@A/0]]。\n")
        let set = try fixture.load().0
        let renderer = try RenderingFixtures.renderer(set)
        let page = renderer.documentPage(try #require(set.document(number: FixtureSet.manualNumber)))
        #expect(page.contains("href=\"../../QP-01/index.html\""))
        #expect(!page.contains("href=\"../../QP-01/A-0/index.html\" class=\"ref ref-document\""))
        #expect(page.contains("href=\"../../QP-01/A-0/index.html\" class=\"ref ref-document ref-pinned\""))
        #expect(page.contains("《成文信息控制程序》(A/0)"))
    }

    @Test func aPinnedRevisionOutsideTheHistoryIsUnresolved() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/00-front.md", "\n见[[QP-01@A/9]]。\n")
        let workspace = try WorkflowWorkspace(fixture)
        let outcome = try workspace.check()
        let found = outcome.diagnostics.filter { $0.rule == Rules.unresolvedReference.id }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("pins revision A/9 of QP-01, which is not in its history (A/0)") == true)
    }
}
