import DocCtlCore
import DocCtlImport
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl import`'s stages in the core: the plan refuses what would overwrite, the write puts the
/// folder where the plan said, and the findings are the new folder's only.
@Suite struct ImportActionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let word = root.appendingPathComponent("examples/word/QP-06-change.docx").path

    @Test func thePlanRefusesANumberTheSetHas() throws {
        let set = Self.root.appendingPathComponent("manual-src")
        let error = try #require(throws: ImportError.self) { try ImportAction.plan(file: Self.word, set: set, type: .procedure, number: nil, to: nil) }
        #expect(error.message.contains("document QP-06 already exists in"), "\(error.message)")
    }

    @Test func planWriteAndFindingsOfTheNewFolder() throws {
        try TemporaryFolder.with { folder in
            let set = folder.url.appendingPathComponent("demo")
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent("manual-src"), to: set)
            let existing = try #require(try FileManager.default.contentsOfDirectory(atPath: set.appendingPathComponent("procedures").path)
                .first { $0.hasPrefix("QP-06") })
            try FileManager.default.removeItem(at: set.appendingPathComponent("procedures/\(existing)"))
            let plan = try ImportAction.plan(file: Self.word, set: set, type: .procedure, number: nil, to: nil)
            #expect(plan.folder.path.hasSuffix("demo/procedures/QP-06"))
            #expect(!FileManager.default.fileExists(atPath: plan.folder.path), "the plan writes nothing")
            try ImportAction.write(plan)
            #expect(FileManager.default.fileExists(atPath: plan.folder.appendingPathComponent("body.md").path))
            let checked = try CheckedSet.load(set, today: try #require(Day("2026-12-01")), strict: false)
            let findings = try #require(ImportAction.findings(in: checked, set: set, for: plan.folder))
            #expect(findings.relative == "procedures/QP-06")
            #expect(!findings.diagnostics.isEmpty && findings.diagnostics.allSatisfy { $0.location?.path.hasPrefix("procedures/QP-06/") == true })
            #expect(ImportAction.findings(in: checked, set: set, for: folder.url.appendingPathComponent("elsewhere")) == nil)
            // A second plan for the same document is refused: the folder exists now.
            #expect(throws: ImportError.self) { try ImportAction.plan(file: Self.word, set: set, type: .procedure, number: "QP-66", to: plan.folder.path) }
        }
    }
}
