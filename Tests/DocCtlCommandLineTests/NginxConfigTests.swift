import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// docs/nginx/docctl.conf, the README's intranet configuration, serving a site `docctl publish` wrote:
/// charset, the pages' Content-Security-Policy as a header, a year's cache for revision folders and
/// revalidation for the master list. Skipped where nginx or curl is not installed.
@Suite(.serialized, .enabled(if: PrintTools.tool("nginx") != nil || FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx"),
                             "needs nginx"),
       .enabled(if: PrintTools.tool("curl") != nil, "needs curl"))
struct NginxConfigTests {
    static let nginx = PrintTools.tool("nginx") ?? URL(fileURLWithPath: "/usr/sbin/nginx")

    @Test func theConfigServesAPublishedSiteWithTheRightHeaders() throws {
        let config = String(decoding: try Data(contentsOf: DocCtlProcess.repositoryRoot.appendingPathComponent("docs/nginx/docctl.conf")),
                            as: UTF8.self)
        // The header carries the pages' own policy (plus what only a header can say).
        #expect(config.components(separatedBy: "\"\(ContentSecurityPolicy.policy); frame-ancestors 'none'\"").count == 3)
        try TemporaryFolder.with { folder in
            let base = folder.url.path
            let publish = try DocCtlProcess.run(["publish", "manual-src", "--to", base + "/site"])
            #expect(publish.status == 0, "\(publish.stderr)")
            let port = Int.random(in: 20000...60000)
            let server = config.replacingOccurrences(of: "listen 80;", with: "listen 127.0.0.1:\(port);")
                .replacingOccurrences(of: "root /srv/docctl/site;", with: "root \(base)/site;")
            try Data(server.utf8).write(to: folder.url.appendingPathComponent("docctl.conf"))
            let temporaries = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
                .map { "\($0)_temp_path \(base)/\($0);" }.joined(separator: " ")
            let main = """
                \(getuid() == 0 ? "user root;" : "")
                daemon off;
                pid \(base)/nginx.pid;
                error_log \(base)/error.log;
                events { worker_connections 16; }
                http {
                    include /etc/nginx/mime.types;
                    access_log off;
                    \(temporaries)
                    include \(base)/docctl.conf;
                }
                """
            try Data(main.utf8).write(to: folder.url.appendingPathComponent("nginx.conf"))
            let test = try DocCtlProcess.run(["-t", "-p", base, "-c", base + "/nginx.conf"], executable: Self.nginx)
            #expect(test.status == 0, "nginx -t: \(test.stderr)")
            let process = Process()
            process.executableURL = Self.nginx
            process.arguments = ["-p", base, "-c", base + "/nginx.conf"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer {
                process.terminate()
                process.waitUntilExit()
            }
            func headers(_ path: String) throws -> String {
                // nginx takes a moment to listen: retry a refused connection a few times.
                for _ in 0..<50 {
                    let result = try DocCtlProcess.run(["-s", "-D", "-", "-o", "/dev/null", "http://127.0.0.1:\(port)\(path)"],
                                                       executable: PrintTools.tool("curl") ?? URL(fileURLWithPath: "/usr/bin/curl"))
                    if result.status == 0 { return result.stdout.lowercased() }
                    usleep(100_000)
                }
                return ""
            }
            let index = try headers("/")
            #expect(index.contains("200 ok"), "\(index)")
            #expect(index.contains("content-type: text/html; charset=utf-8"), "\(index)")
            #expect(index.contains("cache-control: no-cache"), "\(index)")
            #expect(index.contains("content-security-policy: default-src 'none'; script-src 'self'"), "\(index)")
            #expect(index.contains("x-content-type-options: nosniff"), "\(index)")
            let revision = try headers("/XQ-ITSM-M-01/A-2/index.html")
            #expect(revision.contains("200 ok"), "\(revision)")
            #expect(revision.contains("cache-control: public, max-age=31536000, immutable"), "\(revision)")
            #expect(revision.contains("content-security-policy: default-src 'none'"), "\(revision)")
            let pointer = try headers("/XQ-ITSM-M-01/index.html")
            #expect(pointer.contains("cache-control: no-cache"), "\(pointer)")
            let script = try headers("/assets/docctl.js")
            #expect(script.contains("charset=utf-8") && script.contains("cache-control: no-cache"), "\(script)")
            #expect(try headers("/.SITE.docctl-lock").contains("404"))
        }
    }
}
