@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl copy` as a core action (``CopyAction``): the copy is written and its issue recorded, and a
/// refused output leaves the sources and the register as they were.
@Suite struct CopyActionTests {
    static let manual = FixtureSet.manualNumber

    static func action(_ workspace: WorkflowWorkspace, copy: String?, output: String) throws -> CopyAction {
        let outcome = try workspace.check()
        return CopyAction(checked: CheckedSet(set: outcome.set, diagnostics: outcome.diagnostics), document: manual, copyNumber: copy,
                          register: true, output: output, templatesFolder: nil, date: FixtureSet.today, environment: [:])
    }

    @Test func aControlledCopyIsWrittenAndItsIssueRecordedOnce() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.manual)
        try TemporaryFolder.with { out in
            let path = out.url.appendingPathComponent("copy.html").path
            let first = try Self.action(workspace, copy: "02", output: path).run { page, _ in Data(page.html.utf8) }
            #expect(first.path == path)
            #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).contains("受控副本 分发号 02"))
            guard case .write(let register, _)? = first.register else { Issue.record("no register edit: \(String(describing: first.register))"); return }
            #expect(try workspace.text(register).contains("issued: \(FixtureSet.todayText)"))
            let second = try Self.action(workspace, copy: "02", output: path).run { page, _ in Data(page.html.utf8) }
            #expect(second.register == .alreadyRecorded(issued: FixtureSet.today))
        }
    }

    @Test func anOutputInsideTheSetIsRefusedBeforeAnythingIsWritten() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.manual)
        let before = try workspace.snapshot()
        var produced = false
        let refused = refusal {
            try Self.action(workspace, copy: "02", output: workspace.url.appendingPathComponent("copy.html").path)
                .run { page, _ in produced = true; return Data(page.html.utf8) }
        }
        #expect(refused?.description.contains("is inside the document set") == true)
        #expect(!produced, "the page was produced (a PDF printed) before the output was checked")
        #expect(try workspace.snapshot() == before, "the register or the sources changed")
    }
}
