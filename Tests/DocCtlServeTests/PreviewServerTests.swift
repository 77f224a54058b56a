import DocCtlCore
@testable import DocCtlServe
import DocCtlTestSupport
import FlyingFox
import Foundation
import Testing

/// `docctl serve`'s request paths: the build folder and nothing else (the server itself is tested
/// through a `docctl serve` process: ServeCommandTests).
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

    /// While a rebuild holds the files it has not written yet, a request for one is answered only
    /// once the gate opens; a final file is answered at once.
    @Test func aRequestForAFileNotYetWrittenIsAnsweredOnceItIs() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let gate = SiteGate()
        let handler = PreviewHandler(files: SiteFiles(root: try Self.site(folder)), broadcaster: ReloadBroadcaster(), gate: gate)
        func get(_ path: String) async throws -> HTTPStatusCode {
            try await handler.handleRequest(HTTPRequest(method: .GET, version: .http11, path: path, query: [], headers: [:], body: Data())).statusCode
        }
        gate.hold(except: ["QP-01/A-0/index.html"])
        #expect(try await get("/QP-01/A-0/") == .ok)
        let answered = Flag()
        let held = Task {
            let status = try await get("/")
            answered.set()
            return status
        }
        try await Task.sleep(nanoseconds: 200_000_000)
        #expect(!answered.isSet)
        gate.open()
        #expect(try await held.value == .ok)
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
}
