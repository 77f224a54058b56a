import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// End-to-end: `docctl release`, `revise` and `init` as a user runs them.
@Suite struct WorkflowCommandTests {
    static let procedure = FixtureSet.procedureNumber
    static let history = "set/\(FixtureSet.procedureFolder)/history.yaml"
    static let body = "set/\(FixtureSet.procedureFolder)/body.md"

    /// Runs `body` in a temporary folder holding `fixture` as `set/`.
    static func inFolder(_ fixture: FixtureSet = .valid(), _ body: (URL) throws -> Void) throws {
        try TemporaryFolder.with { folder in
            try fixture.materialize(in: folder.url.appendingPathComponent("set"))
            try body(folder.url)
        }
    }

    static func text(_ folder: URL, _ path: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(path)), as: UTF8.self)
    }

    static func edit(_ folder: URL, _ path: String, _ old: String, _ new: String) throws {
        let existing = try text(folder, path)
        let range = try #require(existing.range(of: old))
        try Data(existing.replacingCharacters(in: range, with: new).utf8).write(to: folder.appendingPathComponent(path))
    }

    @Test func releaseTwiceThenReviseAndReleaseAgain() throws {
        try Self.inFolder { folder in
            let today = ["--today", FixtureSet.todayText]
            var result = try DocCtlProcess.run(["release", Self.procedure, "--set", "set"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("released \(Self.procedure) A/0: sealed sha256:"))
            #expect(result.stdout.contains("wrote set/\(FixtureSet.procedureFolder)/releases/A-0.yaml"))
            let sealed = try Self.text(folder, Self.history)

            result = try DocCtlProcess.run(["release", "set/\(FixtureSet.procedureFolder)", "--set", "set"] + today, in: folder)
            #expect(result.status == 0)
            #expect(result.stdout.contains("already released"))
            #expect(try Self.text(folder, Self.history) == sealed)

            try Self.edit(folder, Self.body, "适用于手册", "适用于全部手册")
            result = try DocCtlProcess.run(["check", "set"] + today, in: folder)
            #expect(result.status == 1)
            #expect(result.stdout.contains("error[changed-since-release]"))
            result = try DocCtlProcess.run(["release", Self.procedure, "--set", "set"] + today, in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains("already released with another digest"))
            #expect(try Self.text(folder, Self.history) == sealed)

            result = try DocCtlProcess.run(["revise", Self.procedure, "--set", "set", "--revision", "-m", "扩大适用范围",
                                            "--author", "何思琪", "--approver", "周明远", "--date", FixtureSet.todayText], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            try Approvals.approve(documentYAML: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/document.yaml"), on: FixtureSet.todayText)
            #expect(result.stdout.contains("added A/1 after A/0, sections: 2"))
            #expect(try Self.text(folder, Self.history).hasSuffix("- revision: \"A/1\"\n  date: \(FixtureSet.todayText)\n  change: 扩大适用范围\n  sections: \"2\"\n  author: 何思琪\n  approver: 周明远\n"))

            result = try DocCtlProcess.run(["revise", Self.procedure, "--set", "set", "--revision", "-m", "x", "--author", "y"], in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains("not released yet"))

            result = try DocCtlProcess.run(["release", Self.procedure, "--set", "set"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            result = try DocCtlProcess.run(["check", "set", "--strict"] + today, in: folder)
            #expect(result.status == 0, "\(result.stdout)")
        }
    }

    @Test func releaseWithCheckErrorsWritesNothing() throws {
        var fixture = FixtureSet.valid()
        fixture.append("\(FixtureSet.procedureFolder)/body.md", "\n见[[QP-99]]。\n")
        try Self.inFolder(fixture) { folder in
            let before = try Self.text(folder, Self.history)
            let result = try DocCtlProcess.run(["release", Self.procedure, "--set", "set", "--today", FixtureSet.todayText], in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains("error[unresolved-reference]"))
            #expect(result.stderr.contains("error: release: \(Self.procedure) A/0 is not released"))
            #expect(try Self.text(folder, Self.history) == before)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/releases").path))
        }
    }

    @Test func unknownDocumentAndBadDateAreReported() throws {
        try Self.inFolder { folder in
            // An unknown document number is a usage error (exit 2), for every command that takes one.
            for arguments in [["release", "QP-0l"], ["revise", "QP-0l", "--revision", "-m", "x", "--author", "x"],
                              ["copy", "QP-0l", "--uncontrolled"], ["diff", "QP-0l", "A/0", "A/1"]] {
                let result = try DocCtlProcess.run(arguments + ["--set", "set"], in: folder)
                #expect(result.status == 2, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains("did you mean QP-01?"), "\(arguments): \(result.stderr)")
            }
            var result: DocCtlProcess.Result
            result = try DocCtlProcess.run(["release", Self.procedure, "--set", "set", "--date", "2025-13-01"], in: folder)
            #expect(result.status != 0 && result.status != 1)
            result = try DocCtlProcess.run(["release", Self.procedure, "--set", "missing"], in: folder)
            #expect(result.status == 2)
        }
    }

    @Test func initCreatesASetThatCheckReportsAsUnfinished() throws {
        try TemporaryFolder.with { folder in
            var result = try DocCtlProcess.run(["init", "new", "--standard", "iso-iec-20000-1-2018", "--date", "2026-01-15"], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("new/manual/04-context-of-the-organization.md"))
            result = try DocCtlProcess.run(["check", "new", "--format", "json", "--today", "2026-01-15"], in: folder.url)
            #expect(result.status == 1)
            let rules = Set(result.stdout.matches(of: /"rule" *: *"([a-z-]+)"/).map { String($0.1) })
            #expect(rules == ["unfinished-section", "approval-missing"])
            result = try DocCtlProcess.run(["init", "new", "--standard", "iso-iec-20000-1-2018"], in: folder.url)
            #expect(result.status == 1)
            #expect(result.stderr.contains("not empty"))
            result = try DocCtlProcess.run(["init", "other", "--standard", "iso-20000"], in: folder.url)
            #expect(result.status == 2)
            #expect(result.stderr.contains("unknown standard"))
        }
    }

    @Test func publishThenVerifyThenTamperIsCaught() throws {
        try Self.inFolder { folder in
            let today = ["--today", FixtureSet.todayText]
            for number in [FixtureSet.manualNumber, Self.procedure] {
                let result = try DocCtlProcess.run(["release", number, "--set", "set"] + today, in: folder)
                #expect(result.status == 0, "\(result.stderr)")
            }
            var result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("published 2 revisions to site:\n"))
            #expect(result.stdout.contains("\n  added \(Self.procedure) A/0\n"))
            result = try DocCtlProcess.run(["verify", "site"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("match their manifests"))

            try Self.edit(folder, Self.body, "适用于手册", "适用于全部手册")
            result = try DocCtlProcess.run(["revise", Self.procedure, "--set", "set", "--revision", "-m", "扩大适用范围",
                                            "--author", "何思琪", "--approver", "周明远", "--date", FixtureSet.todayText], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            try Approvals.approve(documentYAML: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/document.yaml"), on: FixtureSet.todayText)
            result = try DocCtlProcess.run(["release", Self.procedure, "--set", "set"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let old = try Data(contentsOf: folder.appendingPathComponent("site/\(Self.procedure)/A-0/index.html"))
            result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("  superseded \(Self.procedure) A/0\n"))
            #expect(try Data(contentsOf: folder.appendingPathComponent("site/\(Self.procedure)/A-0/index.html")) == old)

            result = try DocCtlProcess.run(["diff", Self.procedure, "A/0", "A/1", "--set", "set", "--site", "site", "-o", "redline.html"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("A/0 → A/1: 2 (changed)"))
            #expect(try Self.text(folder, "redline.html").contains("<ins class=\"diff-ins\">全部</ins>"))
            result = try DocCtlProcess.run(["copy", FixtureSet.manualNumber, "--set", "set", "--copy-no", "01"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.text(folder, "\(FixtureSet.manualNumber)_A-0_copy-01.html").contains("受控副本 分发号 01"))
            result = try DocCtlProcess.run(["copy", FixtureSet.manualNumber, "--set", "set", "--copy-no", "09"] + today, in: folder)
            #expect(result.status == 1)

            try Data("<p>edited</p>".utf8).write(to: folder.appendingPathComponent("site/index.html"))
            result = try DocCtlProcess.run(["verify", "site"], in: folder)
            #expect(result.status == 1)
            #expect(result.stdout.contains("site/index.html: changed"))
            result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains("does not match its manifests"))
            result = try DocCtlProcess.run(["verify", "nowhere"], in: folder)
            #expect(result.status == 2)
        }
    }

    /// Runs git in `folder` (committer set, no global configuration needed).
    static func git(_ arguments: [String], in folder: URL) throws {
        let result = try DocCtlProcess.run(["git", "-c", "user.name=docctl test", "-c", "user.email=test@example.invalid",
                                            "-c", "commit.gpgsign=false"] + arguments,
                                           in: folder, executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
    }

    /// Issue 13 item 11: `diff` of a revision that was released before any site existed is rebuilt
    /// from the sources in git that give its sealed digest; when git does not hold them, it says why.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git"), "needs git"))
    func diffRebuildsAnOlderRevisionFromGit() throws {
        try Self.inFolder { folder in
            let today = ["--today", FixtureSet.todayText]
            try Self.git(["init", "-q"], in: folder)
            for number in [FixtureSet.manualNumber, Self.procedure] {
                let result = try DocCtlProcess.run(["release", number, "--set", "set"] + today, in: folder)
                #expect(result.status == 0, "\(result.stderr)")
            }
            try Self.git(["add", "-A"], in: folder)
            try Self.git(["commit", "-q", "-m", "release A/0"], in: folder)

            try Self.edit(folder, Self.body, "适用于手册", "适用于全部手册")
            var result = try DocCtlProcess.run(["revise", Self.procedure, "--set", "set", "--revision", "-m", "扩大适用范围",
                                                "--author", "何思琪", "--approver", "周明远", "--date", FixtureSet.todayText], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            try Approvals.approve(documentYAML: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/document.yaml"), on: FixtureSet.todayText)
            result = try DocCtlProcess.run(["release", Self.procedure, "--set", "set"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")

            // No site: A/0 comes from the commit that holds its sealed sources, A/1 from the sources.
            result = try DocCtlProcess.run(["diff", Self.procedure, "A/0", "A/1", "--set", "set", "-o", "redline.html"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("A/0 → A/1: 2 (changed)"), "\(result.stdout)")
            let redline = try Self.text(folder, "redline.html")
            #expect(redline.contains("<del class=\"diff-del\">") || redline.contains("<ins class=\"diff-ins\">全部</ins>"))

            // Once A/1 is committed too, A/0 is found by its digest among the older commits of the folder.
            try Self.git(["add", "-A"], in: folder)
            try Self.git(["commit", "-q", "-m", "release A/1"], in: folder)
            result = try DocCtlProcess.run(["diff", Self.procedure, "A/0", "A/1", "--set", "set", "-o", "again.html"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    @Test func diffSaysWhyAnOlderRevisionCannotBeRebuilt() throws {
        try Self.inFolder { folder in
            let today = ["--today", FixtureSet.todayText]
            var result = try DocCtlProcess.run(["release", Self.procedure, "--set", "set"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            try Self.edit(folder, Self.body, "适用于手册", "适用于全部手册")
            result = try DocCtlProcess.run(["revise", Self.procedure, "--set", "set", "--revision", "-m", "扩大适用范围",
                                            "--author", "何思琪", "--approver", "周明远", "--date", FixtureSet.todayText], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            try Approvals.approve(documentYAML: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/document.yaml"), on: FixtureSet.todayText)
            result = try DocCtlProcess.run(["release", Self.procedure, "--set", "set"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            // The temporary folder is not in a git repository (when it is, git holds no commit of the set).
            result = try DocCtlProcess.run(["diff", Self.procedure, "A/0", "A/1", "--set", "set", "-o", "redline.html"], in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains("no archive of \(Self.procedure) A/0: no --site given, and "), "\(result.stderr)")
            #expect(result.stderr.contains("not in a git repository") || result.stderr.contains("no commit in git holds"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("redline.html").path))
        }
    }
}
