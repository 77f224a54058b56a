import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Provenance: in a git repository `release` records the commit that holds the sealed sources and
/// its author, the document page shows it, and uncommitted sources are named instead of recorded.
@Suite(.enabled(if: PrintTools.tool("git") != nil, "needs git")) struct ProvenanceCommandTests {
    static let history = "set/\(FixtureSet.procedureFolder)/history.yaml"

    static func git(_ arguments: [String], in folder: URL) throws -> String {
        let result = try DocCtlProcess.run(["-c", "user.name=方婷", "-c", "user.email=ft@example.com", "-c", "commit.gpgsign=false"] + arguments,
                                           in: folder, executable: try #require(PrintTools.tool("git")))
        #expect(result.status == 0, "git \(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func releaseRecordsTheCommitOfCommittedSources() throws {
        try WorkflowCommandTests.inFolder { folder in
            _ = try Self.git(["init", "-q"], in: folder)
            _ = try Self.git(["add", "."], in: folder)
            _ = try Self.git(["commit", "-q", "-m", "A/0"], in: folder)
            let head = try Self.git(["rev-parse", "HEAD"], in: folder)
            var result = try DocCtlProcess.run(["release", FixtureSet.procedureNumber, "--set", "set", "--today", FixtureSet.todayText], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("  sources at commit \(head.prefix(12)) (方婷)\n"), "\(result.stdout)")
            let history = try WorkflowCommandTests.text(folder, Self.history)
            #expect(history.contains("  commit: \(head)\n  git-author: 方婷\n"), "\(history)")
            #expect(try DocCtlProcess.run(["check", "set", "--today", FixtureSet.todayText], in: folder).status == 0)

            // The manual's body changed and was not committed: no commit is recorded, the file is named.
            try WorkflowCommandTests.edit(folder, "set/manual/00-front.md", "本手册由", "本管理手册由")
            result = try DocCtlProcess.run(["release", FixtureSet.manualNumber, "--set", "set", "--today", FixtureSet.todayText], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("  no commit recorded: uncommitted changes in manual/00-front.md; commit the sources before releasing to record their provenance"), "\(result.stdout)")
            #expect(!(try WorkflowCommandTests.text(folder, "set/manual/history.yaml")).contains("commit:"))

            result = try DocCtlProcess.run(["build", "set", "-o", "out", "--today", FixtureSet.todayText], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let page = try WorkflowCommandTests.text(folder, "out/\(FixtureSet.procedureNumber)/A-0/index.html")
            #expect(page.contains("<p class=\"provenance\">源文件提交 <code>\(head.prefix(12))（方婷）</code></p>"))
            #expect(!(try WorkflowCommandTests.text(folder, "out/\(FixtureSet.manualNumber)/A-0/index.html")).contains("class=\"provenance\""))

            // verify --sources: the commit holds what was sealed …
            result = try DocCtlProcess.run(["verify", "--sources", "set"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "\(FixtureSet.procedureNumber) A/0: the sources at commit \(head.prefix(12)) match the sealed digest\n")
            // … and a commit that holds other content is found out.
            _ = try Self.git(["commit", "-q", "-a", "-m", "manual"], in: folder)
            let later = try Self.git(["rev-parse", "HEAD"], in: folder)
            try WorkflowCommandTests.edit(folder, WorkflowCommandTests.body, "适用于手册", "适用于全部手册")
            _ = try Self.git(["commit", "-q", "-a", "-m", "edit"], in: folder)
            let changed = try Self.git(["rev-parse", "HEAD"], in: folder)
            try WorkflowCommandTests.edit(folder, WorkflowCommandTests.body, "适用于全部手册", "适用于手册")
            try WorkflowCommandTests.edit(folder, Self.history, "commit: \(head)", "commit: \(changed)")
            result = try DocCtlProcess.run(["verify", "--sources", "set"], in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains("1 of 1 released revision of set do not match the commit they record"), "\(result.stderr)")
            #expect(result.stderr.contains("\(FixtureSet.procedureNumber) A/0: the sources at commit \(changed.prefix(12)) give sha256:"), "\(result.stderr)")
            #expect(later != changed)
        }
    }

    @Test func verifySourcesNeedsGit() throws {
        try WorkflowCommandTests.inFolder { folder in
            let result = try DocCtlProcess.run(["verify", "--sources", "set"], in: folder)
            #expect(result.status == 2)
            #expect(result.stderr.contains("is not in a git work tree: there is no commit to verify against"), "\(result.stderr)")
        }
    }

    @Test func outsideGitNothingIsRecorded() throws {
        try WorkflowCommandTests.inFolder { folder in
            let result = try DocCtlProcess.run(["release", FixtureSet.procedureNumber, "--set", "set", "--today", FixtureSet.todayText], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("commit"))
            #expect(!(try WorkflowCommandTests.text(folder, Self.history)).contains("commit:"))
        }
    }
}
