import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// A new team's first day (issue 13): the binary alone, a draft preview of a set being written, and
/// the command line's basics.
@Suite struct FirstDayTests {
    // MARK: One self-contained binary

    /// The clause trees, schemas, templates and assets are compiled into `docctl`: a binary copied
    /// alone into an empty folder (no `docctl_DocCtlCore.resources` beside it) checks and builds the
    /// example.
    @Test func aBinaryCopiedAloneChecksAndBuildsTheExample() throws {
        let built = try #require(DocCtlProcess.executable)
        try TemporaryFolder.with { folder in
            let bin = folder.url.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let alone = bin.appendingPathComponent("docctl")
            try FileManager.default.copyItem(at: built, to: alone)
            #expect(try FileManager.default.contentsOfDirectory(atPath: bin.path) == ["docctl"])
            try FileManager.default.copyItem(at: DocCtlProcess.repositoryRoot.appendingPathComponent("manual-src"),
                                             to: folder.url.appendingPathComponent("manual-src"))
            var result = try DocCtlProcess.run(["check", "--today", "2026-11-29"], in: folder.url, executable: alone)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
            result = try DocCtlProcess.run(["build", "-o", "site-out"], in: folder.url, executable: alone)
            #expect(result.status == 0, "\(result.stderr)")
            for path in ["index.html", "coverage.html", "assets/docctl.css", "assets/docctl.js", "assets/docctl-search.js",
                         "XQ-ITSM-M-01/A-2/index.html", "XQ-ITSM-M-01/A-2/XQ-ITSM-M-01_A-2.xml"] {
                #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site-out/" + path).path), "\(path)")
            }
            result = try DocCtlProcess.run(["standards", "show", "iso-9001-2015"], in: folder.url, executable: alone)
            #expect(result.status == 0 && result.stdout.contains("8.5.1"), "\(result.stderr)")
        }
    }

    // MARK: docctl build --draft

    /// `--standard` repeated makes an integrated manual; the same standard twice is refused and
    /// nothing is written.
    @Test func initTakesSeveralStandards() throws {
        try TemporaryFolder.with { folder in
            var result = try DocCtlProcess.run(["init", "ims", "--standard", "iso-9001-2015", "--standard", "iso-14001-2015",
                                                "--date", "2026-01-15"], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("created ims for ISO 9001:2015 + ISO 14001:2015: "), "\(result.stdout)")
            result = try DocCtlProcess.run(["coverage", "ims"], in: folder.url)
            #expect(result.stdout.contains("[ems] ISO 14001:2015"), "\(result.stdout)")
            result = try DocCtlProcess.run(["init", "twice", "--standard", "iso-9001-2015", "--standard", "iso-9001-2015"], in: folder.url)
            #expect(result.status == 2)
            #expect(result.stderr.contains("named twice"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("twice").path))
        }
    }

    /// A fresh `init` set does not pass check, yet `build --draft` renders it: every page is marked
    /// 草稿 / DRAFT and lists its problems (escaped), nothing is 受控, and the output is refused by
    /// publish and verify.
    @Test func aDraftBuildPreviewsASetThatDoesNotPassCheck() throws {
        try TemporaryFolder.with { folder in
            var result = try DocCtlProcess.run(["init", "new", "--standard", "iso-iec-20000-1-2018", "--date", "2026-01-15"], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            // Source text that looks like markup reaches a diagnostic, and so the draft notice.
            let yaml = folder.url.appendingPathComponent("new/manual/document.yaml")
            try (String(decoding: try Data(contentsOf: yaml), as: UTF8.self) + "\"<img src=x onerror=alert(1)>\": 1\n")
                .write(to: yaml, atomically: true, encoding: .utf8)
            result = try DocCtlProcess.run(["build", "new", "-o", "out"], in: folder.url)
            #expect(result.status == 1)
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out").path))

            result = try DocCtlProcess.run(["build", "new", "-o", "out", "--draft"], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("built a draft of"), "\(result.stderr)")
            let out = folder.url.appendingPathComponent("out")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(DraftBuild.marker).path))
            // The master list, coverage and every document page (not the pointer pages <number>/index.html).
            let pages = (FileManager.default.enumerator(atPath: out.path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".html") && $0.split(separator: "/").count != 2 }
            #expect(pages.count >= 3, "\(pages)")
            for page in pages {
                let html = String(decoding: try Data(contentsOf: out.appendingPathComponent(page)), as: UTF8.self)
                #expect(html.contains("class=\"draft-notice\""), "\(page) has no draft notice")
                #expect(html.contains("草稿 DRAFT"), "\(page)")
                #expect(!html.contains("status-controlled"), "\(page) says 受控 in a draft build")
                #expect(!html.contains("<img src=x"), "\(page): source text reached the page unescaped")
            }
            let index = String(decoding: try Data(contentsOf: out.appendingPathComponent("index.html")), as: UTF8.self)
            #expect(index.contains("error[unfinished-section]"))
            #expect(index.contains("&lt;img src=x onerror=alert(1)&gt;"))
            let manual = try #require(pages.first { $0.hasPrefix("ITSM-M-01/") })
            let manualHTML = String(decoding: try Data(contentsOf: out.appendingPathComponent(manual)), as: UTF8.self)
            #expect(manualHTML.contains("manual/04-context-of-the-organization.md:"), "a page lists its own problems")

            result = try DocCtlProcess.run(["publish", "new", "--to", "out"], in: folder.url)
            #expect(result.status == 1)
            #expect(result.stderr.contains("draft build"), "\(result.stderr)")
            result = try DocCtlProcess.run(["verify", "out"], in: folder.url)
            #expect(result.status == 1)
            #expect(result.stderr.contains("draft build"), "\(result.stderr)")
        }
    }

    /// TODO stubs map their clauses but cover nothing: a fresh `init` set is 0 % covered, and the
    /// stubs are reported once (unfinished-section), not again as uncovered clauses.
    @Test func coverageDoesNotCountTODOStubs() throws {
        try TemporaryFolder.with { folder in
            var result = try DocCtlProcess.run(["init", "new", "--standard", "iso-iec-20000-1-2018", "--date", "2026-01-15"], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            result = try DocCtlProcess.run(["coverage", "new"], in: folder.url)
            #expect(result.stdout.contains("total: 0/66 required clauses covered (0.0 %)"), "\(result.stdout.suffix(300))")
            #expect(result.stdout.contains("NOT COVERED (TODO stub, not written yet)"))
            result = try DocCtlProcess.run(["check", "new", "--format", "json", "--today", "2026-01-15"], in: folder.url)
            #expect(!result.stdout.contains("uncovered-clause"))
        }
    }

    // MARK: Command line basics

    @Test func versionNamesTheReleaseAndTheCommit() throws {
        let result = try DocCtlProcess.run(["--version"])
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("docctl \(DocCtlVersion.number) (commit "), "\(line)")
        if FileManager.default.fileExists(atPath: DocCtlProcess.repositoryRoot.appendingPathComponent(".git").path) {
            #expect(line.wholeMatch(of: /docctl [0-9.]+ \(commit [0-9a-f]{12}\)/) != nil, "\(line)")
        }
    }

    @Test func aMistypedCommandGetsASuggestionAndExitStatus2() throws {
        var result = try DocCtlProcess.run(["chek", "manual-src"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'chek' is not a docctl command; did you mean 'check'?"), "\(result.stderr)")
        result = try DocCtlProcess.run(["pubilsh"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean 'publish'?"), "\(result.stderr)")
        result = try DocCtlProcess.run(["zzzzzz"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("commands: check, coverage, build"), "\(result.stderr)")
    }

    @Test func usageShowsAlternativesAsAlternatives() throws {
        var result = try DocCtlProcess.run(["revise", "--help"])
        #expect(result.stdout.contains("--revision|--edition"), "\(result.stdout)")
        result = try DocCtlProcess.run(["copy", "--help"])
        #expect(result.stdout.contains("--copy-no <copy-no>|--uncontrolled"), "\(result.stdout)")
        result = try DocCtlProcess.run(["revise", "QP-04", "-m", "x", "--author", "x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--revision|--edition"), "\(result.stderr)")
    }

    // MARK: README recipes that run as written

    /// The day the example set describes (its history, reviews and checks are as of this day).
    static let exampleDay = "2026-11-29"

    static func text(_ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: DocCtlProcess.repositoryRoot.appendingPathComponent(relative)), as: UTF8.self)
    }

    /// README's "Start your own set" is scripts/start-your-own-set.sh's text, and the script runs: from
    /// `init` on an empty folder to a published, verified site.
    @Test func startYourOwnSetRunsAsWritten() throws {
        let executable = try #require(DocCtlProcess.executable)
        let script = try Self.text("scripts/start-your-own-set.sh")
        let block = try #require(script.components(separatedBy: "# --- begin README ---\n").last?
            .components(separatedBy: "# --- end README ---\n").first)
        #expect(block.contains("docctl init") && block.contains("docctl publish"))
        #expect(try Self.text("README.md").contains("```bash\n" + block + "```\n<!-- /start-your-own-set -->"),
                "README's block differs from scripts/start-your-own-set.sh")
        try TemporaryFolder.with { folder in
            let result = try DocCtlProcess.run([DocCtlProcess.repositoryRoot.appendingPathComponent("scripts/start-your-own-set.sh").path,
                                                folder.url.path],
                                               in: folder.url, executable: URL(fileURLWithPath: "/bin/bash"),
                                               environment: ["DOCCTL": executable.path])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("total: 0/66 required clauses covered (0.0 %)"), "\(result.stdout)")
            #expect(result.stdout.contains("total: 66/66 required clauses covered (100.0 %)"), "\(result.stdout)")
            #expect(result.stdout.contains("released QP-01 A/0"), "\(result.stdout)")
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("preview/\(DraftBuild.marker)").path))
            for path in ["site/index.html", "site/SHA256SUMS", "site/QP-01/A-0/index.html", "site/ITSM-M-01/A-0/index.html"] {
                #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(path).path), "\(path)")
            }
        }
    }

    /// Every `docctl` command of the two CI recipes runs, as written, on the example, and writes the
    /// report the CI system reads (SARIF for GitHub code scanning, JUnit for GitLab). The example is a
    /// snapshot of November 2026: its periodic reviews and currency checks fall due later, so `check`
    /// judges it as of that day (a user's CI judges its own set against the real clock).
    @Test(arguments: [("docs/ci/github-actions.yml", "docctl.sarif"), ("docs/ci/gitlab-ci.yml", "docctl-junit.xml")])
    func theCIRecipesRunAsWritten(recipe: String, report: String) throws {
        let executable = try #require(DocCtlProcess.executable)
        let commands = try Self.text(recipe).split(separator: "\n").map { line -> String in
            var command = line.trimmingCharacters(in: .whitespaces)
            for prefix in ["- ", "run: "] where command.hasPrefix(prefix) { command.removeFirst(prefix.count) }
            if command.hasPrefix("docctl check ") {
                command = "docctl check --today \(Self.exampleDay) " + command.dropFirst("docctl check ".count)
            }
            return command
        }.filter { $0.hasPrefix("docctl ") }
        #expect(commands.count >= 3, "\(commands)")
        #expect(try Self.text(recipe).contains("make install PREFIX=/usr/local"))
        try TemporaryFolder.with { folder in
            try FileManager.default.copyItem(at: DocCtlProcess.repositoryRoot.appendingPathComponent("manual-src"),
                                             to: folder.url.appendingPathComponent("manual-src"))
            let path = executable.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            for command in commands {
                let result = try DocCtlProcess.run(["-e", "-c", command], in: folder.url, executable: URL(fileURLWithPath: "/bin/sh"),
                                                   environment: ["PATH": path, "SOURCE_DATE_EPOCH": "1795651200"])
                #expect(result.status == 0, "\(recipe): \(command)\n\(result.stderr)")
            }
            let written = String(decoding: try Data(contentsOf: folder.url.appendingPathComponent(report)), as: UTF8.self)
            if report.hasSuffix(".sarif") {
                #expect(written.contains("\"version\" : \"2.1.0\"") || written.contains("\"version\":\"2.1.0\""), "\(written.prefix(300))")
            } else {
                #expect(written.contains("<testsuites"), "\(written.prefix(300))")
            }
        }
    }
}
