import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Issue 12's reproductions, run as a user runs them.
@Suite struct SiteSafetyCommandTests {
    static func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A temporary folder holding the valid fixture as `set/`, both documents released.
    static func released(_ body: (URL) throws -> Void) throws {
        try TemporaryFolder.with { folder in
            try FixtureSet.valid().materialize(in: folder.url.appendingPathComponent("set"))
            for number in [FixtureSet.manualNumber, FixtureSet.procedureNumber] {
                let result = try DocCtlProcess.run(["release", number, "--set", "set", "--today", FixtureSet.todayText], in: folder.url)
                #expect(result.status == 0, "\(result.stderr)")
            }
            try body(folder.url)
        }
    }

    static func errorLines(_ result: DocCtlProcess.Result) -> [Substring] {
        result.stderr.split(separator: "\n").filter { !$0.hasPrefix("  ") }
    }

    @Test func publishNeverReplacesAFolderWhoseChecksumsHappenToVerify() throws {
        try Self.released { folder in
            let user = folder.appendingPathComponent("u")
            try Self.write("a\n", user.appendingPathComponent("t.txt"))
            try Self.write("b\n", user.appendingPathComponent("s/p"))
            let sums = Process()
            sums.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            sums.arguments = ["sh", "-c", "sha256sum t.txt s/p > SHA256SUMS"]
            sums.currentDirectoryURL = user
            try sums.run()
            sums.waitUntilExit()
            #expect(sums.terminationStatus == 0)
            let result = try DocCtlProcess.run(["publish", "set", "--to", "u"], in: folder)
            #expect(result.status == 2)
            #expect(Self.errorLines(result) == ["error: publish: \(user.path) is not a site published by docctl (s/p is not a file publish writes); nothing was touched"])
            #expect(try String(contentsOf: user.appendingPathComponent("t.txt"), encoding: .utf8) == "a\n")
            #expect(FileManager.default.fileExists(atPath: user.appendingPathComponent("s/p").path))
        }
    }

    @Test func aTemplateLinkedToAFileOutsideIsRefused() throws {
        try TemporaryFolder.with { folder in
            try FixtureSet.valid().materialize(in: folder.url.appendingPathComponent("set"))
            let templates = folder.url.appendingPathComponent("tp")
            let bundled = DocCtlProcess.repositoryRoot.appendingPathComponent("templates").resolvingSymlinksInPath()
            try FileManager.default.copyItem(at: bundled, to: templates)
            let footer = templates.appendingPathComponent("partials/footer.mustache")
            try FileManager.default.removeItem(at: footer)
            try FileManager.default.createSymbolicLink(atPath: footer.path, withDestinationPath: "/etc/passwd")
            let result = try DocCtlProcess.run(["build", "set", "-o", "out", "--templates", "tp", "--today", FixtureSet.todayText], in: folder.url)
            #expect(result.status == 2)
            #expect(Self.errorLines(result).count == 1)
            #expect(result.stderr.contains("partials/footer.mustache leads out of the templates folder (to /etc/passwd)"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out").path))
        }
    }

    @Test func sourceDateEpochPastYear9999IsRefusedByEveryCommandThatReadsIt() throws {
        try Self.released { folder in
            for epoch in ["253402300800", "-86400", "tomorrow"] {
                let environment = ["SOURCE_DATE_EPOCH": epoch]
                let today = ["--today", FixtureSet.todayText]
                for arguments in [["build", "set", "-o", "out"] + today, ["publish", "set", "--to", "site"] + today,
                                  ["revise", FixtureSet.procedureNumber, "--set", "set", "--revision", "-m", "x", "--author", "y"],
                                  ["copy", FixtureSet.procedureNumber, "--set", "set", "--uncontrolled", "-o", "copy.html"],
                                  ["init", "new", "--standard", "iso-iec-20000-1-2018"],
                                  ["coverage", "set", "--format", "html"] + today,
                                  ["diff", FixtureSet.procedureNumber, "A/0", "A/1", "--set", "set", "-o", "redline.html"] + today] {
                    let result = try DocCtlProcess.run(arguments, in: folder, environment: environment)
                    #expect(result.status == 2, "\(arguments) \(epoch): \(result.stderr)")
                    #expect(Self.errorLines(result).count == 1, "\(arguments): \(result.stderr)")
                    #expect(result.stderr.contains("SOURCE_DATE_EPOCH must be a whole number of seconds"), "\(arguments): \(result.stderr)")
                }
            }
            for path in ["out", "site", "copy.html", "new", "redline.html"] {
                #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path)")
            }
        }
    }

    @Test func copyNeverWritesIntoTheDocumentSet() throws {
        try Self.released { folder in
            let before = try Data(contentsOf: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/body.md"))
            for target in ["set/\(FixtureSet.procedureFolder)/body.md", "set/copy.html"] {
                let result = try DocCtlProcess.run(["copy", FixtureSet.procedureNumber, "--set", "set", "--uncontrolled", "-o", target,
                                                    "--today", FixtureSet.todayText], in: folder)
                #expect(result.status == 2, "\(target): \(result.stderr)")
                #expect(result.stderr.contains("is inside the document set"), "\(result.stderr)")
            }
            #expect(try Data(contentsOf: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/body.md")) == before)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("set/copy.html").path))
        }
    }

    @Test func twoBuildsIntoOneFolderFailWithALockedMessage() throws {
        try TemporaryFolder.with { folder in
            try FixtureSet.valid().materialize(in: folder.url.appendingPathComponent("set"))
            let lock = try SiteLock(site: folder.url.appendingPathComponent("out"))
            let result = try DocCtlProcess.run(["build", "set", "-o", "out"], in: folder.url)
            withExtendedLifetime(lock) {}
            #expect(result.status == 2)
            #expect(result.stderr.contains("out is locked: another docctl build or publish is writing it right now"), "\(result.stderr)")
        }
    }

    @Test func aSecretDocumentIsReportedAndWithdrawnFromTheSite() throws {
        try Self.released { folder in
            let today = ["--today", FixtureSet.todayText]
            var result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let document = folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/document.yaml")
            let text = try String(contentsOf: document, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "classification: 内部公开", with: "classification: 秘密").utf8).write(to: document)
            try Self.reviseApproveAndRelease(in: folder, change: "升密")
            result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("warning: QP-01 (秘密) may no longer be published, but site still holds its earlier revisions; remove them with: docctl publish set --to site --withdraw QP-01"), "\(result.stderr)")
            result = try DocCtlProcess.run(["publish", "set", "--to", "site", "--withdraw", "QP-01"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("  withdrawn QP-01 A/0 (recorded in site/.docctl-log)"), "\(result.stdout)")
            #expect(!result.stderr.contains("warning"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/QP-01").path))
            result = try DocCtlProcess.run(["verify", "site"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    /// `revise` the fixture procedure, record its approval (as a team does), then `release` it.
    static func reviseApproveAndRelease(in folder: URL, change: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var result = try DocCtlProcess.run(["revise", FixtureSet.procedureNumber, "--set", "set", "--revision", "-m", change, "--author", "何思琪",
                                            "--approver", "周明远", "--date", FixtureSet.todayText], in: folder)
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        try Approvals.approve(documentYAML: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/document.yaml"), on: FixtureSet.todayText)
        result = try DocCtlProcess.run(["release", FixtureSet.procedureNumber, "--set", "set", "--today", FixtureSet.todayText], in: folder)
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func diffRefusesAnEditedArchive() throws {
        try Self.released { folder in
            let today = ["--today", FixtureSet.todayText]
            var result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let body = folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/body.md")
            try Data(try String(contentsOf: body, encoding: .utf8).replacingOccurrences(of: "适用于手册", with: "适用于全部手册").utf8).write(to: body)
            try Self.reviseApproveAndRelease(in: folder, change: "扩大范围")
            result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let arguments = ["diff", FixtureSet.procedureNumber, "A/0", "A/1", "--set", "set", "--site", "site", "-o", "redline.html"]
            result = try DocCtlProcess.run(arguments, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let archive = folder.appendingPathComponent("site/QP-01/A-0/QP-01_A-0.xml")
            try Data(try String(contentsOf: archive, encoding: .utf8).replacingOccurrences(of: "适用于手册", with: "仅适用于部分手册").utf8).write(to: archive)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("redline.html"))
            result = try DocCtlProcess.run(arguments, in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains("site/QP-01/A-0 does not match its manifests; no redline was made"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("redline.html").path))
        }
    }
}
