@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl revise`: the next mark, the computed sections, and refusals.
@Suite struct ReviseTests {
    static let number = FixtureSet.procedureNumber
    static let history = "\(FixtureSet.procedureFolder)/history.yaml"
    static let body = "\(FixtureSet.procedureFolder)/body.md"

    @Test func reviseAppendsTheNextRevisionWithTheChangedSections() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number)
        try workspace.replace("文件编号按", with: "文件编号和版本号按", in: Self.body)
        try workspace.replace("# 5 记录", with: "## 4.3 销毁\n\n过期文件由体系与质量部统一销毁。\n\n# 5 记录", in: Self.body)
        let before = try workspace.text(Self.history)
        let outcome = try workspace.revise(Self.number, change: "增加文件销毁要求", author: "何思琪", approver: nil)
        #expect(outcome.revision == "A/1")
        #expect(outcome.sections == "4.1、4.3")
        #expect(outcome.note == nil)
        #expect(try workspace.text(Self.history) == before + """
            - revision: "A/1"
              date: \(FixtureSet.todayText)
              change: 增加文件销毁要求
              sections: 4.1、4.3
              author: 何思琪

            """)
        // The new entry is a draft: check is clean, release needs the approver.
        let check = try workspace.check()
        #expect(!check.rules.contains(Rules.changedSinceRelease.id), "\(check.summary)")
        #expect(refusal { try workspace.release(Self.number) }?.diagnostics.contains { $0.message.contains("no approver") } == true)
        try workspace.approve(Self.number)
        try workspace.replace("  sections: 4.1、4.3\n  author: 何思琪\n", with: "  sections: 4.1、4.3\n  author: 何思琪\n  approver: 周明远\n",
                              in: Self.history)
        guard case .sealed(let revision, _, _) = try workspace.release(Self.number) else {
            Issue.record("A/1 was not sealed")
            return
        }
        #expect(revision == "A/1")
        #expect(try workspace.check().diagnostics.isEmpty)
    }

    @Test func reviseRefusesWhenTheLastEntryIsNotReleased() throws {
        let workspace = try WorkflowWorkspace()
        let files = try workspace.snapshot()
        let error = try #require(refusal { try workspace.revise(Self.number) })
        #expect(error.description.contains("not released yet"))
        #expect(error.notes.first?.contains("edit the unreleased entry A/0") == true)
        #expect(try workspace.snapshot() == files)
    }

    @Test func reviseRefusesWhenNothingChangedUnlessForced() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number)
        let error = try #require(refusal { try workspace.revise(Self.number) })
        #expect(error.description.contains("has not changed"))
        let outcome = try workspace.revise(Self.number, change: "定期评审，无内容变化", force: true)
        try workspace.approve(Self.number)
        #expect(outcome.sections == "无")
    }

    @Test func aNewEditionSkipsTheSkipLetters() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("skip-letters: [I, O]", with: "skip-letters: [B, I, O]", in: "docset.yaml")
        let workspace = try WorkflowWorkspace(fixture)
        _ = try workspace.release(Self.number)
        try workspace.replace("适用于手册", with: "适用于全部手册", in: Self.body)
        let outcome = try workspace.revise(Self.number, .edition, change: "换版")
        try workspace.approve(Self.number)
        #expect(outcome.revision == "C/0")
        #expect(outcome.sections == "2")
    }

    @Test func withoutAReleaseRecordTheSectionsAreAll() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number)
        try FileManager.default.removeItem(at: workspace.url.appendingPathComponent("\(FixtureSet.procedureFolder)/releases"))
        try workspace.replace("适用于手册", with: "适用于全部手册", in: Self.body)
        let outcome = try workspace.revise(Self.number)
        try workspace.approve(Self.number)
        #expect(outcome.sections == "全部")
        #expect(outcome.note?.contains("no release record") == true)
    }

    @Test func aDateBeforeTheLastEntryIsRefused() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number)
        try workspace.replace("适用于手册", with: "适用于全部手册", in: Self.body)
        #expect(refusal { try workspace.revise(Self.number, date: Day("2024-01-01")!) }?.description.contains("backwards") == true)
    }

    @Test func theWholeCycleEndsClean() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.number)
        try workspace.replace("适用于手册", with: "适用于全部手册", in: Self.body)
        #expect(try workspace.check().rules == [Rules.changedSinceRelease.id])
        _ = try workspace.revise(Self.number, change: "扩大适用范围")
        try workspace.approve(Self.number)
        _ = try workspace.release(Self.number)
        let check = try workspace.check()
        #expect(check.diagnostics.isEmpty, "\(check.summary)")
        #expect(check.set.document(number: Self.number)?.history.map(\.revisionText) == ["A/0", "A/1"])
        #expect(FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("\(FixtureSet.procedureFolder)/releases/A-1.yaml").path))
    }
}
