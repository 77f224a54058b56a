import DocCtlCore
@testable import DocCtlServe
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl serve`'s server: the build folder and nothing else, the reload stream, a clean stop.
@Suite struct PreviewServerTests {
    @Test func requestPathsThatLeaveTheFolderOrNameHiddenFilesAreRefused() {
        for target in ["/../etc/passwd", "/a/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd", "/a/..%2f..%2fsecret.txt",
                       "/%252e%252e/secret.txt", "/.docctl-output", "/.docctl-build-cache", "/a/.hidden", "/a//b", "/a\\..\\b",
                       "/a%00.html", "/%5c..%5csecret.txt", "relative.html", "/./index.html"] {
            #expect(SiteFiles.relativePath(target) == nil, "\(target)")
        }
        #expect(SiteFiles.relativePath("/") == "")
        #expect(SiteFiles.relativePath("/QP-04/A-0/index.html?x=1") == "QP-04/A-0/index.html")
        #expect(SiteFiles.relativePath("/%E7%A8%8B%E5%BA%8F/") == "程序")
    }

    /// A build folder with a page, a subfolder, a secret beside it and links leading out.
    static func site(_ folder: TemporaryFolder) throws -> URL {
        let root = folder.url.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("QP-01/A-0"), withIntermediateDirectories: true)
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\(ContentSecurityPolicy.meta)<title>t</title></head><body>草稿</body></html>"
        try Data(page.utf8).write(to: root.appendingPathComponent("index.html"))
        try Data(page.utf8).write(to: root.appendingPathComponent("QP-01/A-0/index.html"))
        try Data("secret".utf8).write(to: folder.url.appendingPathComponent("secret.txt"))
        try Data("marker".utf8).write(to: root.appendingPathComponent(".docctl-output"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.txt").path, withDestinationPath: "../secret.txt")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("outside").path, withDestinationPath: folder.path)
        return root
    }

    @Test func symbolicLinksAreNeverFollowed() throws {
        try TemporaryFolder.with { folder in
            let files = SiteFiles(root: try Self.site(folder))
            #expect(files.file(for: "/link.txt") == nil)
            #expect(files.file(for: "/outside/secret.txt") == nil)
            #expect(files.file(for: "/QP-01/A-0/")?.hasSuffix("QP-01/A-0/index.html") == true)
            #expect(files.file(for: "/QP-01/A-0") != nil)
            #expect(files.file(for: "/missing.html") == nil)
        }
    }

    /// Runs a server on an ephemeral loopback port for `body`, then stops it.
    static func withServer(_ root: URL, _ body: (UInt16, PreviewServer) async throws -> Void) async throws {
        let server = try PreviewServer(root: root, host: "127.0.0.1", port: 0)
        let task = server.start()
        let port = try await server.waitUntilListening(timeout: 10)
        do {
            try await body(port, server)
        } catch {
            await server.stop()
            task.cancel()
            throw error
        }
        await server.stop()
        task.cancel()
    }

    @Test func pagesAreServedWithTheReloadScriptAndTheServePolicy() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.withServer(try Self.site(folder)) { port, _ in
            let page = try await HTTPProbe.fetch("/QP-01/A-0/", port: port)
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.headers["content-security-policy"] == LiveReload.policy)
            #expect(page.headers["cache-control"] == "no-store")
            #expect(page.text.contains("<script src=\"\(LiveReload.scriptPath)\"></script></head>"))
            #expect(page.text.contains("connect-src 'self'"))
            #expect(page.text.contains("草稿"))
            let script = try await HTTPProbe.fetch(LiveReload.scriptPath, port: port)
            #expect(script.status == 200 && script.text.contains("EventSource") && !script.text.contains("http"))
            #expect(try await HTTPProbe.fetch("/", port: port).status == 200)
            #expect(try await HTTPProbe.fetch("/", port: port, method: "POST").status == 405)
        }
    }

    @Test func nothingOutsideTheBuildFolderIsServed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.withServer(try Self.site(folder)) { port, _ in
            for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/QP-01/..%2f..%2fsecret.txt",
                           "/%252e%252e/secret.txt", "/link.txt", "/outside/secret.txt", "/.docctl-output", "/..%5csecret.txt",
                           "/QP-01/A-0/../../../secret.txt"] {
                let response = try await HTTPProbe.fetch(target, port: port)
                #expect(response.status == 404 || response.status == 400, "\(target): \(response.status)")
                #expect(!response.text.contains("secret") && !response.text.contains("marker"), "\(target)")
            }
        }
    }

    @Test func openPagesReceiveAReloadEventAndTheStreamEndsOnStop() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = try Self.site(folder)
        let server = try PreviewServer(root: root, host: "127.0.0.1", port: 0)
        let task = server.start()
        let port = try await server.waitUntilListening(timeout: 10)
        let probe = try HTTPProbe(port: port)
        defer { probe.close() }
        probe.send("GET \(LiveReload.eventsPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        let opened = try await HTTPProbe.onThread { probe.read { String(decoding: $0, as: UTF8.self).contains("retry:") } }
        #expect(String(decoding: opened, as: UTF8.self).contains("text/event-stream"))
        // The subscription is registered once the stream's first bytes are out.
        for _ in 0..<100 where server.broadcaster.listeners == 0 { try await Task.sleep(nanoseconds: 20_000_000) }
        server.broadcaster.send("reload", data: "1")
        let event = try await HTTPProbe.onThread { probe.read { String(decoding: $0, as: UTF8.self).contains("event: reload") } }
        #expect(String(decoding: event, as: UTF8.self).contains("event: reload\ndata: 1"))
        await server.stop()
        task.cancel()
        // The server closed the stream: the read ends (with the final chunk or at the peer's close), not at the timeout.
        let started = Date()
        _ = try await HTTPProbe.onThread { probe.read { _ in false } }
        #expect(Date().timeIntervalSince(started) < 9)
    }
}
