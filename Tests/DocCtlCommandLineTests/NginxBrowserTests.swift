import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The published site as an intranet reader gets it: nginx with the README's configuration
/// (docs/nginx/docctl.conf), headless Chromium loading the master list, a document, a superseded
/// revision and a search over HTTP, the response headers, and every link of every page requested
/// with no 404 in nginx's access log. Skipped where nginx, curl or Chromium is missing; `.ci/run`
/// installs all three, so it runs in CI.
@Suite(.serialized, .enabled(if: NginxBrowserTools.available, "needs nginx, curl and chromium"))
struct NginxBrowserTests {
    static let nginx = PrintTools.tool("nginx") ?? URL(fileURLWithPath: "/usr/sbin/nginx")
    static let curl = PrintTools.tool("curl") ?? URL(fileURLWithPath: "/usr/bin/curl")

    /// A site with QP-01 published at A/0, then revised, approved, released and published at A/1.
    static func publishedSite(_ folder: URL) throws {
        try FixtureSet.valid().materialize(in: folder.appendingPathComponent("set"))
        let today = ["--today", FixtureSet.todayText]
        for number in [FixtureSet.manualNumber, FixtureSet.procedureNumber] {
            let result = try DocCtlProcess.run(["release", number, "--set", "set"] + today, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
        }
        var result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let body = folder.appendingPathComponent("set/\(FixtureSet.procedureFolder)/body.md")
        try Data((String(decoding: try Data(contentsOf: body), as: UTF8.self) + "\n本程序同样适用于外包服务。\n").utf8).write(to: body)
        try SiteSafetyCommandTests.reviseApproveAndRelease(in: folder, change: "扩大适用范围")
        result = try DocCtlProcess.run(["publish", "set", "--to", "site"] + today, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// Starts nginx on 127.0.0.1:`port` with the README's server block over `folder/site`, logging `status uri` a line.
    static func startNginx(_ folder: URL, port: Int) throws -> Process {
        let base = folder.path
        let config = String(decoding: try Data(contentsOf: DocCtlProcess.repositoryRoot.appendingPathComponent("docs/nginx/docctl.conf")), as: UTF8.self)
            .replacingOccurrences(of: "listen 80;", with: "listen 127.0.0.1:\(port);")
            .replacingOccurrences(of: "root /srv/docctl/site;", with: "root \(base)/site;")
        try Data(config.utf8).write(to: folder.appendingPathComponent("docctl.conf"))
        let temporaries = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map { "\($0)_temp_path \(base)/\($0);" }.joined(separator: " ")
        let main = """
            \(getuid() == 0 ? "user root;" : "")
            daemon off;
            pid \(base)/nginx.pid;
            error_log \(base)/error.log;
            events { worker_connections 64; }
            http {
                include /etc/nginx/mime.types;
                log_format docctl '$status $request_uri';
                access_log \(base)/access.log docctl;
                \(temporaries)
                include \(base)/docctl.conf;
            }
            """
        try Data(main.utf8).write(to: folder.appendingPathComponent("nginx.conf"))
        let process = Process()
        process.executableURL = nginx
        process.arguments = ["-p", base, "-c", base + "/nginx.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // nginx takes a moment to listen.
        for _ in 0..<50 {
            if try DocCtlProcess.run(["-s", "-o", "/dev/null", "http://127.0.0.1:\(port)/"], executable: curl).status == 0 { break }
            usleep(100_000)
        }
        return process
    }

    /// The DOM of `url` after Chromium ran its scripts.
    static func dom(_ url: String, profile: URL) throws -> String {
        let arguments = ["60", PrintTools.chromium!.path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--user-data-dir=\(profile.path)", "--virtual-time-budget=5000", "--dump-dom", url]
        let result = try DocCtlProcess.run(arguments, executable: PrintTools.tool("timeout")!)
        #expect(result.status == 0, "chromium \(url): \(result.stderr.suffix(400))")
        return result.stdout
    }

    /// Every local link (`href`, `src`) of an HTML page at `path`, as a site path.
    static func links(in html: String, at path: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        let base = URL(string: "http://site" + path)!
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            let target = String(html[Range(match.range(at: 1), in: html)!]).replacingOccurrences(of: "&amp;", with: "&")
            guard !target.isEmpty, !target.hasPrefix("#"), !target.contains(":") || target.hasPrefix("./") else { return nil }
            guard let url = URL(string: target, relativeTo: base), url.host == "site" else { return nil }
            return url.path
        }
    }

    @Test func chromiumReadsThePublishedSiteThroughNginxAndEveryLinkResolves() throws {
        try TemporaryFolder.with { temporary in
            let folder = temporary.url
            try Self.publishedSite(folder)
            let port = Int.random(in: 20000...60000)
            let nginx = try Self.startNginx(folder, port: port)
            defer {
                nginx.terminate()
                nginx.waitUntilExit()
            }
            let root = "http://127.0.0.1:\(port)"
            let profile = folder.appendingPathComponent("chromium")
            let procedure = FixtureSet.procedureNumber

            // The browser: master list, the current revision, the superseded one (marked by docctl.js
            // from the regenerated status stylesheet), a search.
            let index = try Self.dom(root + "/", profile: profile)
            #expect(index.contains(procedure) && index.contains(FixtureSet.manualNumber))
            let current = try Self.dom(root + "/\(procedure)/A-1/index.html", profile: profile)
            #expect(current.contains("本程序同样适用于外包服务") && current.contains("A/1"))
            let superseded = try Self.dom(root + "/\(procedure)/A-0/index.html", profile: profile)
            #expect(superseded.contains("A/0"))
            #expect(superseded.contains("作废"), "the superseded revision is not marked 作废 over HTTP")
            let search = try Self.dom(root + "/index.html?q=" + "文件".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!, profile: profile)
            #expect(search.contains("search-panel") && !search.contains("id=\"search-panel\" class=\"search-panel\" aria-live=\"polite\" hidden"),
                    "the search found nothing")

            // Headers: charset, the CSP, a year's immutable cache for revision folders, revalidation elsewhere.
            func headers(_ path: String) throws -> String {
                try DocCtlProcess.run(["-s", "-D", "-", "-o", "/dev/null", root + path], executable: Self.curl).stdout.lowercased()
            }
            for path in ["/", "/\(procedure)/index.html", "/assets/docctl.js", "/assets/docctl.css", "/assets/search-index.json"] {
                let head = try headers(path)
                #expect(head.contains("200 ok") && head.contains("charset=utf-8") && head.contains("cache-control: no-cache"), "\(path): \(head)")
                #expect(head.contains("content-security-policy: \(ContentSecurityPolicy.policy.lowercased()); frame-ancestors 'none'"), "\(path): \(head)")
            }
            for revision in ["A-0", "A-1"] {
                let head = try headers("/\(procedure)/\(revision)/index.html")
                #expect(head.contains("cache-control: public, max-age=31536000, immutable") && head.contains("text/html; charset=utf-8"), "\(head)")
            }

            // Every link of every page on the site, requested through nginx.
            let site = folder.appendingPathComponent("site")
            var targets = Set<String>()
            for case let relative as String in FileManager.default.enumerator(atPath: site.path)! where relative.hasSuffix(".html") {
                let html = String(decoding: try Data(contentsOf: site.appendingPathComponent(relative)), as: UTF8.self)
                targets.formUnion(Self.links(in: html, at: "/" + relative))
            }
            #expect(targets.count > 8, "\(targets.sorted())")
            let requests = targets.sorted().flatMap { ["-o", "/dev/null", root + ($0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0)] }
            let fetched = try DocCtlProcess.run(["-s", "-w", "%{http_code} %{url_effective}\\n"] + requests, executable: Self.curl)
            let failed = fetched.stdout.split(separator: "\n").filter { !$0.hasPrefix("200 ") }
            #expect(failed.isEmpty, "\(failed.prefix(10))")
            nginx.terminate()
            nginx.waitUntilExit()
            let log = String(decoding: (try? Data(contentsOf: folder.appendingPathComponent("access.log"))) ?? Data(), as: UTF8.self)
            #expect(log.split(separator: "\n").count > targets.count)
            let notFound = log.split(separator: "\n").filter { $0.hasPrefix("404 ") }
            #expect(notFound.isEmpty, "404 in nginx's access log: \(notFound.prefix(10))")
        }
    }
}

enum NginxBrowserTools {
    static let available = (PrintTools.tool("nginx") != nil || FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx"))
        && PrintTools.tool("curl") != nil && PrintTools.chromium != nil && PrintTools.tool("timeout") != nil
}
