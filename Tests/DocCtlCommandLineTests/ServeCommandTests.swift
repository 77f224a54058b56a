import DocCtlServe
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl serve` as a user runs it: a process on a free port, its pages, the build folder and
/// nothing else, a reload event after a save, and a clean stop on Ctrl-C. (Run as a process, the
/// server has threads of its own: these tests run in parallel with the rest of the suite.)
@Suite struct ServeCommandTests {
    /// A copy of the example set in `folder`.
    static func example(_ folder: TemporaryFolder) throws -> URL {
        let root = folder.url.appendingPathComponent("set")
        try FileManager.default.copyItem(at: DocCtlProcess.repositoryRoot.appendingPathComponent("manual-src"), to: root)
        return root
    }

    /// The page of one document in the build folder (`QP-04/A-1/index.html`), as a request path.
    static func documentPage(_ site: URL, _ number: String) throws -> String {
        let revisions = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent(number).path)
        let revision = try #require(revisions.sorted().first { !$0.hasSuffix(".html") && !$0.hasSuffix(".css") })
        return "/\(number)/\(revision)/"
    }

    /// `docctl serve` runs the docctl-serve program installed next to docctl; a docctl copied alone
    /// says so in one line and exits with 2, and a symbolic link to docctl still finds it.
    @Test func serveStartsDocctlServeNextToTheRealDocctl() throws {
        try TemporaryFolder.with { folder in
            let docctl = try #require(DocCtlProcess.executable)
            let alone = folder.url.appendingPathComponent("alone")
            try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: docctl, to: alone.appendingPathComponent("docctl"))
            let set = try Self.example(folder)
            let missing = try DocCtlProcess.run(["serve", set.path, "--port", "0"], executable: alone.appendingPathComponent("docctl"))
            #expect(missing.status == 2)
            #expect(missing.stderr == "error: docctl serve needs the docctl-serve program installed next to docctl (\(alone.path)); `make install` installs both\n")
            // Options are checked before: a wrong --today is a usage error, a missing set a one-line error.
            let badDay = try DocCtlProcess.run(["serve", set.path, "--today", "2026-02-30"], executable: alone.appendingPathComponent("docctl"))
            #expect(badDay.status == 64 || badDay.status == 2)
            #expect(badDay.stderr.contains("--today must be a date"))
            // Through a symbolic link elsewhere, the real docctl's folder is searched.
            let linked = folder.url.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: linked.appendingPathComponent("docctl"), withDestinationURL: docctl)
            let serve = try ServeProcess(set: set, arguments: ["--today", "2026-11-29"], executable: linked.appendingPathComponent("docctl"))
            defer { serve.stop() }
            #expect(try HTTPProbe.get("/", port: serve.port).status == 200)
            #expect(serve.stop() == 0)
        }
    }

    @Test func pagesAreServedWithTheReloadScriptAndTheServePolicy() throws {
        try TemporaryFolder.with { folder in
            let serve = try ServeProcess(set: try Self.example(folder), arguments: ["--today", "2026-11-29"])
            defer { serve.stop() }
            let page = try HTTPProbe.get(try Self.documentPage(serve.buildFolder, "QP-04"), port: serve.port)
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.headers["content-security-policy"] == LiveReload.policy)
            #expect(page.headers["cache-control"] == "no-store")
            #expect(page.text.contains("<script src=\"\(LiveReload.scriptPath)\"></script></head>"))
            #expect(page.text.contains("connect-src 'self'"))
            #expect(page.text.contains("草稿"))
            let script = try HTTPProbe.get(LiveReload.scriptPath, port: serve.port)
            #expect(script.status == 200 && script.text.contains("EventSource") && !script.text.contains("http"))
            #expect(try HTTPProbe.get("/", port: serve.port).status == 200)
            #expect(try HTTPProbe.get("/", port: serve.port, method: "POST").status == 405)
            #expect(serve.stop() == 0)
        }
    }

    @Test func nothingOutsideTheBuildFolderIsServed() throws {
        try TemporaryFolder.with { folder in
            let serve = try ServeProcess(set: try Self.example(folder), arguments: ["--today", "2026-11-29"])
            defer { serve.stop() }
            let site = serve.buildFolder
            let parent = site.deletingLastPathComponent()
            try Data("secret".utf8).write(to: parent.appendingPathComponent("secret.txt"))
            try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("link.txt").path, withDestinationPath: "../secret.txt")
            try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("outside").path, withDestinationPath: parent.path)
            for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/QP-04/..%2f..%2fsecret.txt",
                           "/%252e%252e/secret.txt", "/link.txt", "/outside/secret.txt", "/.docctl-output", "/..%5csecret.txt",
                           "/QP-04/A-0/../../../secret.txt", "/../set/docset.yaml"] {
                let response = try HTTPProbe.get(target, port: serve.port)
                #expect(response.status == 404 || response.status == 400, "\(target): \(response.status)")
                #expect(!response.text.contains("secret") && !response.text.contains("docctl-output 1"), "\(target)")
            }
            #expect(serve.stop() == 0)
        }
    }

    @Test func aSaveSendsAReloadEventAndCtrlCEndsTheStreamAndTheProcess() throws {
        try TemporaryFolder.with { folder in
            let root = try Self.example(folder)
            let serve = try ServeProcess(set: root, arguments: ["--today", "2026-11-29"])
            defer { serve.stop() }
            let probe = try HTTPProbe(port: serve.port)
            defer { probe.close() }
            probe.send("GET \(LiveReload.eventsPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            let opened = probe.read { String(decoding: $0, as: UTF8.self).contains("retry:") }
            #expect(String(decoding: opened, as: UTF8.self).contains("text/event-stream"))
            // A save of one procedure: the page reloads and shows it.
            let body = root.appendingPathComponent("procedures/QP-04-incident-request/body.md")
            try (String(decoding: try Data(contentsOf: body), as: UTF8.self) + "\n预览重新加载检验段落。\n").write(to: body, atomically: true, encoding: .utf8)
            let event = probe.read { String(decoding: $0, as: UTF8.self).contains("event: reload") }
            #expect(String(decoding: event, as: UTF8.self).contains("event: reload\ndata: "), "\(serve.log)")
            #expect(serve.waitForLine(containing: "serve: rebuilt:", timeout: 10) != nil)
            let page = try HTTPProbe.get(try Self.documentPage(serve.buildFolder, "QP-04"), port: serve.port)
            #expect(page.text.contains("预览重新加载检验段落"))
            // Ctrl-C: the stream ends (not at the read timeout), the process exits 0 and removes its build folder.
            let started = Date()
            let status = serve.stop()
            _ = probe.read { _ in false }
            #expect(Date().timeIntervalSince(started) < 9)
            #expect(status == 0, "\(serve.log)")
            #expect(serve.log.contains("serve: stopped"))
            #expect(!FileManager.default.fileExists(atPath: serve.buildFolder.path))
        }
    }
}
