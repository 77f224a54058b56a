import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// End-to-end: `docctl copy --copy-no` records issues in distribution.yaml, `check` and `publish`
/// name the copies of a superseded revision still out, and a lost copy's number is refused.
@Suite struct DistributionCommandTests {
    static let procedure = FixtureSet.procedureNumber
    static let register = "set/\(FixtureSet.procedureFolder)/distribution.yaml"

    @Test func issueSupersedeRecallAndLose() throws {
        try WorkflowCommandTests.inFolder { folder in
            let today = ["--today", FixtureSet.todayText]
            func run(_ arguments: [String]) throws -> DocCtlProcess.Result { try DocCtlProcess.run(arguments, in: folder) }
            for number in [FixtureSet.manualNumber, Self.procedure] {
                let result = try run(["release", number, "--set", "set"] + today)
                #expect(result.status == 0, "\(result.stderr)")
            }
            var result = try run(["copy", Self.procedure, "--set", "set", "--copy-no", "01"] + today)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("  recorded the issue in \(Self.register)\n"))
            let first = try WorkflowCommandTests.text(folder, Self.register)
            #expect(first == "# 文件发放回收登记 — QP-01 成文信息控制程序\n- { copy: \"01\", holder: 总经理, revision: \"A/0\", issued: 2026-01-15 }\n")

            result = try run(["copy", Self.procedure, "--set", "set", "--copy-no", "01"] + today)
            #expect(result.stdout.contains("  already recorded as issued on 2026-01-15 in \(Self.register)"))
            #expect(try WorkflowCommandTests.text(folder, Self.register) == first)

            result = try run(["copy", FixtureSet.manualNumber, "--set", "set", "--copy-no", "02", "--no-register"] + today)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("set/manual/distribution.yaml").path))

            try WorkflowCommandTests.edit(folder, WorkflowCommandTests.body, "适用于手册", "适用于全部手册")
            result = try run(["revise", Self.procedure, "--set", "set", "--revision", "-m", "扩大适用范围", "--author", "何思琪",
                              "--approver", "周明远", "--date", FixtureSet.todayText])
            #expect(result.status == 0, "\(result.stderr)")
            try Approvals.approve(documentYAML: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/document.yaml"), on: FixtureSet.todayText)
            result = try run(["release", Self.procedure, "--set", "set"] + today)
            #expect(result.status == 0, "\(result.stderr)")
            result = try run(["check", "set"] + today)
            #expect(result.status == 0)
            #expect(result.stdout.contains("distribution.yaml:2:11: warning[copy-not-recalled]: copy 01 (总经理) of QP-01 A/0 has not been recalled; A/1 supersedes it"))
            result = try run(["publish", "set", "--to", "site"] + today)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("\n  recall: QP-01 A/0 copy 01 (总经理)\n"))
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/distribution.html").path))

            result = try run(["publish", "set", "--to", "site"] + today)
            #expect(result.status == 0, "a site with register pages is published again: \(result.stderr)")
            result = try run(["verify", "site"])
            #expect(result.status == 0, "\(result.stdout)")

            result = try run(["copy", Self.procedure, "--set", "set", "--copy-no", "01"] + today)
            #expect(result.status == 0, "\(result.stderr)")
            let second = try WorkflowCommandTests.text(folder, Self.register)
            #expect(second == first + "- { copy: \"01\", holder: 总经理, revision: \"A/1\", issued: 2026-01-15 }\n", "one appended line, the rest unchanged")

            try WorkflowCommandTests.edit(folder, Self.register, "\"A/1\", issued: 2026-01-15 }", "\"A/1\", issued: 2026-01-15, lost: 2026-01-15 }")
            result = try run(["copy", Self.procedure, "--set", "set", "--copy-no", "01"] + today)
            #expect(result.status == 1)
            #expect(result.stderr.contains("copy number 01 of QP-01 is void: it was lost on 2026-01-15"))
        }
    }
}
