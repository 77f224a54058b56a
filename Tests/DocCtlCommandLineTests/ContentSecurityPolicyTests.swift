import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Every HTML page docctl writes carries ``ContentSecurityPolicy`` before anything it loads, and
/// needs nothing the policy forbids: no inline script, no event-handler attribute, no remote file.
@Suite(.serialized) struct ContentSecurityPolicyTests {
    /// What is wrong with `html` under the policy (empty when nothing).
    static func problems(_ html: String, _ name: String) -> [String] {
        var problems: [String] = []
        let meta = html.components(separatedBy: ContentSecurityPolicy.meta)
        if meta.count != 2 {
            problems.append("\(name): the policy appears \(meta.count - 1) times")
        } else if let head = meta.first, head.contains("<link") || head.contains("<style") || head.contains("<script") {
            problems.append("\(name): something is loaded before the policy")
        }
        let scripts = html.components(separatedBy: "<script").dropFirst()
        if scripts.contains(where: { !$0.hasPrefix(" src=\"") }) { problems.append("\(name): an inline script") }
        if html.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) != nil {
            problems.append("\(name): an event-handler attribute")
        }
        if html.range(of: #"<(script|link|img)[^>]*\s(src|href)="(https?:)?//"#, options: .regularExpression) != nil {
            problems.append("\(name): a script, stylesheet or image from elsewhere")
        }
        return problems
    }

    @Test func thePolicyIsTheOneTheTemplatesSpellOut() throws {
        for name in ["partials/head.mustache", "redirect.mustache"] {
            let text = try #require(BuiltInResources.text("templates/" + name))
            #expect(text.contains("<meta charset=\"utf-8\">\n" + ContentSecurityPolicy.meta + "\n"), "\(name)")
        }
    }

    @Test func everyBuiltPageCarriesThePolicy() throws {
        try TemporaryFolder.with { folder in
            let output = folder.url.appendingPathComponent("out")
            let result = try DocCtlProcess.run(["build", "manual-src", "-o", output.path])
            #expect(result.status == 0, "\(result.stderr)")
            let pages = FileManager.default.enumerator(atPath: output.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") }
            #expect(pages.count > 30)
            for page in pages.sorted() {
                let html = String(decoding: try Data(contentsOf: output.appendingPathComponent(page)), as: UTF8.self)
                #expect(Self.problems(html, page).isEmpty, "\(Self.problems(html, page))")
            }
        }
    }

    @Test func copiesTheCoveragePageAndRedlinesCarryThePolicy() throws {
        try TemporaryFolder.with { folder in
            let copy = folder.url.appendingPathComponent("copy.html")
            var result = try DocCtlProcess.run(["copy", "QP-06", "--copy-no", "02", "--no-register", "-o", copy.path, "--today", "2026-11-29"])
            #expect(result.status == 0, "\(result.stderr)")
            let copyHTML = String(decoding: try Data(contentsOf: copy), as: UTF8.self)
            #expect(Self.problems(copyHTML, "copy").isEmpty, "\(Self.problems(copyHTML, "copy"))")
            result = try DocCtlProcess.run(["coverage", "manual-src", "--format", "html"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Self.problems(result.stdout, "coverage").isEmpty, "\(Self.problems(result.stdout, "coverage"))")
        }
        try WorkflowCommandTests.inFolder { folder in
            let today = ["--today", FixtureSet.todayText]
            for number in [FixtureSet.manualNumber, WorkflowCommandTests.procedure] {
                let result = try DocCtlProcess.run(["release", number, "--set", "set"] + today, in: folder)
                #expect(result.status == 0, "\(result.stderr)")
            }
            var result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            try WorkflowCommandTests.edit(folder, WorkflowCommandTests.body, "适用于手册", "适用于全部手册")
            result = try DocCtlProcess.run(["revise", WorkflowCommandTests.procedure, "--set", "set", "--revision", "-m", "扩大适用范围",
                                            "--author", "何思琪", "--approver", "周明远", "--date", FixtureSet.todayText], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            try Approvals.approve(documentYAML: folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/document.yaml"), on: FixtureSet.todayText)
            result = try DocCtlProcess.run(["release", WorkflowCommandTests.procedure, "--set", "set"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            result = try DocCtlProcess.run(["diff", WorkflowCommandTests.procedure, "A/0", "A/1", "--set", "set", "--site", "site",
                                            "-o", "redline.html"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let redline = try WorkflowCommandTests.text(folder, "redline.html")
            #expect(Self.problems(redline, "redline").isEmpty, "\(Self.problems(redline, "redline"))")
        }
    }

    @Test func theCheckFindsWhatThePolicyWouldBlock() {
        let meta = ContentSecurityPolicy.meta
        #expect(Self.problems("<head>\(meta)</head><script src=\"a.js\"></script>", "ok").isEmpty)
        #expect(!Self.problems("<head></head>", "none").isEmpty)
        #expect(!Self.problems("<head><link rel=\"stylesheet\" href=\"a.css\">\(meta)</head>", "late").isEmpty)
        #expect(!Self.problems("<head>\(meta)</head><script>alert(1)</script>", "inline").isEmpty)
        #expect(!Self.problems("<head>\(meta)</head><p onclick=\"x()\">", "handler").isEmpty)
        #expect(!Self.problems("<head>\(meta)</head><img src=\"https://example.com/a.png\">", "remote").isEmpty)
    }
}
