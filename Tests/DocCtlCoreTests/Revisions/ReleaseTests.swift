@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl release`: sealing, refusals, and what it leaves on disk.
@Suite struct ReleaseTests {
    static let number = FixtureSet.procedureNumber
    static let history = "\(FixtureSet.procedureFolder)/history.yaml"
    static let record = "\(FixtureSet.procedureFolder)/releases/A-0.yaml"
    static let body = "\(FixtureSet.procedureFolder)/body.md"

    @Test func releaseSealsTheLastEntryAndWritesTheReleaseRecord() throws {
        let workspace = try WorkflowWorkspace()
        let before = try workspace.text(Self.history)
        let expected = try FixtureSet.valid().digest(of: Self.number)
        let outcome = try workspace.release(Self.number)
        #expect(outcome == .sealed(revision: "A/0", digest: expected, written: [Self.record, Self.history]))
        #expect(try workspace.text(Self.history) == before + "  digest: \(expected)\n")
        let record = try ReleaseRecord.parse(Data(try workspace.text(Self.record).utf8), path: Self.record)
        #expect(record.digest == expected)
        #expect(record.sections.map(\.label) == ["1", "2", "3", "4", "4.1", "4.2", "5"])
        let check = try workspace.check()
        #expect(check.diagnostics.isEmpty, "\(check.summary)")
        #expect(check.set.document(number: Self.number)?.current?.digest == expected)
    }

    @Test func releasingTwiceIsANoOp() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number)
        let files = try workspace.snapshot()
        let second = try workspace.release(Self.number)
        #expect(second == .alreadySealed(revision: "A/0", digest: try FixtureSet.valid().digest(of: Self.number), written: []))
        #expect(try workspace.snapshot() == files)
    }

    @Test func aSealedEntryWithAnotherDigestIsRefusedAndNothingIsWritten() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number)
        try workspace.replace("适用于手册", with: "适用于全部手册", in: Self.body)
        let files = try workspace.snapshot()
        let error = try #require(refusal { try workspace.release(Self.number) })
        #expect(error.description.contains("already released with another digest"))
        #expect(error.notes.contains { $0.contains("docctl revise") })
        #expect(error.exitStatus == 1)
        #expect(try workspace.snapshot() == files)
    }

    @Test func checkErrorsInTheDocumentRefuseTheReleaseWithNothingWritten() throws {
        var fixture = FixtureSet.valid()
        fixture.append(Self.body, "\n见[[QP-99]]。\n")
        let workspace = try WorkflowWorkspace(fixture)
        let files = try workspace.snapshot()
        let error = try #require(refusal { try workspace.release(Self.number) })
        #expect(error.description.contains("check"))
        #expect(error.diagnostics.map(\.rule) == [Rules.unresolvedReference.id])
        #expect(try workspace.snapshot() == files)
    }

    @Test func errorsInOtherDocumentsDoNotBlockARelease() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "\n见[[QP-99]]。\n")
        let workspace = try WorkflowWorkspace(fixture)
        #expect(try workspace.release(Self.number) == .sealed(revision: "A/0", digest: try fixture.digest(of: Self.number),
                                                                written: [Self.record, Self.history]))
    }

    @Test func incompleteApprovalsRefuseTheRelease() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  approved: { name: 周明远, date: 2025-03-13 }\n", with: "", in: "\(FixtureSet.procedureFolder)/document.yaml")
        // Even when the rule is turned down in docset.yaml.
        fixture.replace("rules: { }", with: "rules: { approval-missing: warning }", in: "docset.yaml")
        let workspace = try WorkflowWorkspace(fixture)
        let files = try workspace.snapshot()
        let error = try #require(refusal { try workspace.release(Self.number) })
        #expect(error.description.contains("approvals"))
        #expect(error.diagnostics.allSatisfy { $0.rule == Rules.approvalMissing.id && $0.severity == .error })
        #expect(try workspace.snapshot() == files)
    }

    @Test func anEntryWithoutApproverIsNotReleased() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("  approver: 周明远\n", with: "", in: Self.history)
        let workspace = try WorkflowWorkspace(fixture)
        let error = try #require(refusal { try workspace.release(Self.number) })
        #expect(error.diagnostics.contains { $0.message.contains("no approver") })
    }

    @Test func dateSetsTheEntryDateButNeverOnASealedEntry() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number, date: Day("2025-03-20"))
        let history = try workspace.text(Self.history)
        #expect(history.contains("  date: 2025-03-20\n"))
        #expect(!history.contains("2025-03-16\n  change"))
        let record = try ReleaseRecord.parse(Data(try workspace.text(Self.record).utf8), path: Self.record)
        #expect(record.date == Day("2025-03-20"))
        guard case .alreadySealed = try workspace.release(Self.number, date: Day("2025-03-20")) else {
            Issue.record("the same date on a sealed entry is a no-op")
            return
        }
        let error = try #require(refusal { try workspace.release(Self.number, date: Day("2025-04-01")) })
        #expect(error.description.contains("already released"))
    }

    @Test func aMissingReleaseRecordIsAddedForASealedEntry() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number)
        try FileManager.default.removeItem(at: workspace.url.appendingPathComponent(Self.record))
        let outcome = try workspace.release(Self.number)
        guard case .alreadySealed(_, _, let written) = outcome else { Issue.record("\(outcome)"); return }
        #expect(written == [Self.record])
    }

    @Test func theDocumentIsFoundByNumberOrFolder() throws {
        let workspace = try WorkflowWorkspace()
        let (set, _) = try DocumentSetLoader().load(workspace.url)
        #expect(try DocumentResolver.resolve("manual", in: set).number == FixtureSet.manualNumber)
        #expect(try DocumentResolver.resolve(workspace.url.path + "/" + FixtureSet.procedureFolder + "/", in: set).number == Self.number)
        #expect(try DocumentResolver.resolve("qp-01", in: set).number == Self.number)
        let error = try #require(refusal { try DocumentResolver.resolve("QP-0l", in: set) })
        #expect(error.notes == ["did you mean QP-01?"])
        #expect(error.exitStatus == 2, "an unknown document number is a usage error")
    }
}
