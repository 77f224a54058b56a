@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

@Suite(.serialized) struct SiteRendererTests {
    /// A set whose titles, YAML values and Markdown try every way out of their context.
    static func hostileSet() -> FixtureSet {
        var fixture = RenderingFixtures.fullSet()
        let procedure = "\(FixtureSet.procedureFolder)/document.yaml"
        // A combining mark after a quote makes one Character of both: escaping by Characters missed the quote.
        fixture.replace("title: 成文信息控制程序", with: "title: '成文信息<script>alert(1)</script>\" onmouseover=\"alert(2)\"" + "\u{301}" + " onmouseover=\"alert(13)'",
                        in: procedure)
        fixture.replace("prepared: { name: 何思琪", with: "prepared: { name: '</textarea><img src=x onerror=alert(3)>'", in: procedure)
        fixture.replace("organization: { name: 测试信息技术有限公司", with: "organization: { name: '测试\"}</style><script>alert(4)</script>'",
                        in: "docset.yaml")
        fixture.replace("name: 运维服务部", with: "name: '<svg onload=alert(5)>'", in: "organization.yaml")
        fixture.replace("title: 文件更改申请单", with: "title: '\"><script>alert(6)</script>'", in: "records.yaml")
        fixture.replace("change: 新建", with: "change: '</td></tr><script>alert(7)</script>'", in: "\(FixtureSet.procedureFolder)/history.yaml")
        fixture.append("\(FixtureSet.procedureFolder)/body.md", """

            # 6 附加

            [点我](javascript:alert(8)) [图](data:text/html,x) <script>alert(9)</script>

            <iframe src="javascript:alert(10)"></iframe>

            ## 6.1 <b onclick="alert(11)">标题</b>

            | a | b |
            | --- | --- |
            | <img src=x onerror=alert(12)> | `</textarea>` |

            """)
        return fixture
    }

    static let allowedTags: Set<String> = [
        "html", "head", "meta", "title", "link", "style", "body", "header", "nav", "main", "footer", "section", "article", "div",
        "p", "a", "span", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "br", "hr", "table", "thead",
        "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6", "form", "input", "button", "meter", "noscript",
        "script", "svg", "g", "rect", "path", "text", "tspan",
    ]

    @Test func nothingFromTheSourcesBecomesMarkup() throws {
        let set = try RenderingFixtures.load(Self.hostileSet())
        let renderer = try RenderingFixtures.renderer(set)
        var pages = try renderer.render().filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
        pages["standalone"] = try renderer.standalonePage(try #require(set.document(number: FixtureSet.procedureNumber)))
        pages["coverage-standalone"] = try renderer.coveragePage(standalone: true)
        #expect(pages.count >= 6)
        for (path, html) in pages {
            for tag in ScannedTag.scan(html) {
                #expect(Self.allowedTags.contains(tag.name), "\(path): unexpected <\(tag.name)>")
                for attribute in tag.attributes {
                    #expect(!attribute.name.hasPrefix("on"), "\(path): event attribute \(attribute.name) on <\(tag.name)>")
                    if ["href", "src", "action"].contains(attribute.name) {
                        #expect(HTMLEscaping.safeURL(attribute.value) != nil, "\(path): \(attribute.name)=\(attribute.value)")
                    }
                }
                if tag.name == "script" {
                    #expect(tag.attributes.map(\.name) == ["src"], "\(path): inline script")
                }
            }
            #expect(!html.contains("</textarea>"), "\(path)")
            #expect(!html.contains("javascript:"), "\(path)")
            #expect(!html.contains("alert(4)</script>"), "\(path)")
            for number in 1...12 { #expect(!html.contains("<script>alert(\(number))"), "\(path): alert(\(number))") }
        }
        let page = try #require(pages["QP-01/A-0/index.html"])
        let escapedTitle = "成文信息&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)&quot;" + "\u{301}" + " onmouseover=&quot;alert(13)"
        #expect(page.contains(escapedTitle))
        let quoteThenMark = "\"" + "\u{301}"
        for (path, html) in pages {
            let unescaped = html.contains(quoteThenMark)
            #expect(!unescaped, "\(path): a quote before a combining mark was not escaped")
        }
        #expect(page.contains("&lt;/textarea&gt;&lt;img src=x onerror=alert(3)&gt;"))
    }

    @Test func sameSourcesGiveTheSameBytes() throws {
        let first = try RenderingFixtures.renderer(RenderingFixtures.load(RenderingFixtures.fullSet())).render()
        let second = try RenderingFixtures.renderer(RenderingFixtures.load(RenderingFixtures.fullSet())).render()
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first { #expect(second[path] == data, "\(path) differs between two builds") }
    }

    @Test func writtenTreesOfTwoBuildsAreIdentical() throws {
        try TemporaryFolder.with { folder in
            let renderer = try RenderingFixtures.renderer(RenderingFixtures.load(RenderingFixtures.fullSet()))
            let a = folder.url.appendingPathComponent("a"), b = folder.url.appendingPathComponent("b")
            try renderer.write(to: a)
            try RenderingFixtures.renderer(RenderingFixtures.load(RenderingFixtures.fullSet())).write(to: b)
            let files = FileManager.default.enumerator(atPath: a.path)!.compactMap { $0 as? String }.sorted()
            #expect(files == FileManager.default.enumerator(atPath: b.path)!.compactMap { $0 as? String }.sorted())
            for file in files {
                #expect(FileManager.default.contentsEqual(atPath: a.appendingPathComponent(file).path,
                                                          andPath: b.appendingPathComponent(file).path), "\(file)")
            }
        }
    }

    @Test func siteHasTheLayoutOfSpecSection5() throws {
        let files = try RenderingFixtures.renderer(RenderingFixtures.load(RenderingFixtures.fullSet())).render()
        for path in ["index.html", "coverage.html", "assets/docctl.css", "assets/docctl.js", "assets/search-index.json",
                     "assets/search-index.js", "CS-ITSM-M-01/index.html", "CS-ITSM-M-01/A-0/index.html",
                     "CS-ITSM-M-01/A-0/CS-ITSM-M-01_A-0.xml", "QP-01/index.html", "QP-01/A-0/index.html", "QP-01/A-0/QP-01_A-0.xml"] {
            #expect(files[path] != nil, "missing \(path)")
        }
        // The secret plan never reaches the site, nor its text the search index.
        #expect(!files.keys.contains { $0.hasPrefix("PL-01") })
        #expect(!String(decoding: files["assets/search-index.json"]!, as: UTF8.self).contains("机房切换"))
        let index = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(!index.contains("服务连续性计划"), "a document that is not published is not in the master list either")
        // Nothing from outside: no absolute URLs in any page or asset.
        for (path, data) in files where !path.hasSuffix(".xml") && !path.hasPrefix("assets/search-index") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("src=\"http") && !text.contains("href=\"http") && !text.contains("url(http"), "\(path)")
        }
    }

    @Test func everyArchiveIsValidAgainstTheShippedSchema() throws {
        let set = try RenderingFixtures.load(Self.hostileSet())
        let files = try RenderingFixtures.renderer(set).render()
        let schema = try XMLSchema(data: try RenderingFixtures.templates().resource("document.xsd"), path: "document.xsd")
        let archives = files.filter { $0.key.hasSuffix(".xml") }
        #expect(archives.count == 2)
        for (path, data) in archives {
            #expect(schema.validate(data, path: path).isEmpty, "\(path)")
        }
    }

    @Test func archiveCarriesWhatARedlineNeeds() throws {
        let set = try RenderingFixtures.load(RenderingFixtures.fullSet())
        let data = try RenderingFixtures.renderer(set).archive(try #require(set.document(number: FixtureSet.procedureNumber)))
        let root = try XMLReader.parse(data, path: "QP-01.xml")
        #expect(root.attribute("number") == "QP-01")
        #expect(root.attribute("revision") == "A/0")
        let control = try #require(root.firstElement(named: "control"))
        #expect(control.firstElement(named: "status")?.attribute("state") == "draft")
        #expect(control.firstElement(named: "digest")?.textContent.hasPrefix("sha256:") == true)
        let sections = try #require(root.firstElement(named: "sections")).elements(named: "section")
        let procedure = try #require(sections.first { $0.attribute("number") == "4" })
        let sub = try #require(procedure.elements(named: "section").first { $0.attribute("number") == "4.2" })
        #expect(sub.firstElement(named: "text")?.textContent.contains("受控副本的发放记入《文件发放回收登记表》") == true)
        let body = try #require(sub.firstElement(named: "body")?.childElements.first)
        #expect(body.namespace == DocumentArchive.xhtmlNamespace && body.name == "p")
        let references = try #require(root.firstElement(named: "references")).elements(named: "reference")
        #expect(references.contains { $0.attribute("kind") == "record" && $0.attribute("target") == "REC-01" })
        #expect(references.contains { $0.attribute("kind") == "clause" && $0.attribute("target") == "7.5" })
    }

    @Test func goldenPages() throws {
        let set = try RenderingFixtures.load(RenderingFixtures.fullSet())
        let renderer = try RenderingFixtures.renderer(set)
        let files = try renderer.render()
        func text(_ path: String) throws -> String { String(decoding: try #require(files[path]), as: UTF8.self) }
        try RenderingFixtures.assertGolden(try text("index.html"), "index.html")
        try RenderingFixtures.assertGolden(try text("coverage.html"), "coverage.html")
        try RenderingFixtures.assertGolden(try text("CS-ITSM-M-01/A-0/index.html"), "manual-A-0.html")
        try RenderingFixtures.assertGolden(try text("QP-01/A-0/index.html"), "procedure-A-0.html")
        try RenderingFixtures.assertGolden(try text("QP-01/index.html"), "pointer.html")
        try RenderingFixtures.assertGolden(try text("QP-01/A-0/QP-01_A-0.xml"), "procedure-A-0.xml")
        try RenderingFixtures.assertGolden(try text("assets/search-index.json"), "search-index.json")
        let standalone = try renderer.standalonePage(try #require(set.document(number: FixtureSet.procedureNumber)))
        // The inlined stylesheet changes with every style tweak: keep it out of the golden file.
        let css = String(decoding: try RenderingFixtures.templates().resource("assets/docctl.css"), as: UTF8.self)
        #expect(standalone.contains("<style>" + css + "</style>"))
        try RenderingFixtures.assertGolden(standalone.replacingOccurrences(of: css, with: "/* docctl.css */"), "standalone-procedure.html")
    }

    @Test func buildDateIsSourceDateEpochThenTodayThenTheLatestHistoryDate() throws {
        let set = try RenderingFixtures.load(RenderingFixtures.fullSet())
        func date(_ environment: [String: String], today: Day? = nil) throws -> Day {
            try RenderSettings.resolve(for: set, templatesFolder: nil, today: today, environment: environment).buildDate
        }
        let today = Day(year: 2027, month: 3, day: 4)!
        #expect(try date(["SOURCE_DATE_EPOCH": "1767225600"], today: today) == Day(year: 2026, month: 1, day: 1))
        #expect(try date([:], today: today) == today)
        #expect(try date([:]) == Day(year: 2025, month: 6, day: 15))
        #expect(throws: DocCtlError.self) { try date(["SOURCE_DATE_EPOCH": "soon"]) }
        #expect(throws: DocCtlError.self) {
            try RenderSettings.resolve(for: set, templatesFolder: "/nonexistent/templates", today: nil, environment: [:])
        }
    }
}

@Suite struct OutputWriterTests {
    @Test func refusesToReplaceAFolderDocctlDidNotWrite() throws {
        try TemporaryFolder.with { folder in
            let target = folder.url.appendingPathComponent("mine")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try Data("keep".utf8).write(to: target.appendingPathComponent("notes.txt"))
            #expect(throws: DocCtlError.self) { try OutputWriter.replace(target, with: ["index.html": Data("x".utf8)]) }
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("notes.txt").path))
        }
    }

    @Test func replacesItsOwnOutputAsAWhole() throws {
        try TemporaryFolder.with { folder in
            let target = folder.url.appendingPathComponent("out")
            try OutputWriter.replace(target, with: ["old.html": Data("1".utf8), "a/b.txt": Data("2".utf8)])
            try OutputWriter.replace(target, with: ["new.html": Data("3".utf8)])
            let files = FileManager.default.enumerator(atPath: target.path)!.compactMap { $0 as? String }.sorted()
            #expect(files == [OutputWriter.marker, "new.html"])
            let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != ".out.docctl-lock" }
            #expect(siblings == ["out"], "temporary folders left behind: \(siblings)")
        }
    }

    @Test func writesNestedFilesAndReportsWhatItCannotWrite() throws {
        try TemporaryFolder.with { folder in
            try OutputWriter.write(Data("页".utf8), to: "QP-01/A-0/index.html", in: folder.url)
            try OutputWriter.write(Data("x".utf8), to: "QP-01/A-0/index.html", in: folder.url)  // replaced, not appended
            #expect(FileManager.default.contents(atPath: folder.url.appendingPathComponent("QP-01/A-0/index.html").path) == Data("x".utf8))
            // A file where a folder must go: an error naming the place, no crash.
            try Data("file".utf8).write(to: folder.url.appendingPathComponent("blocked"))
            do {
                try OutputWriter.write(Data("y".utf8), to: "blocked/index.html", in: folder.url)
                Issue.record("writing below a file succeeded")
            } catch {
                #expect("\(error)".contains("blocked"), "\(error)")
            }
        }
    }

    @Test func aFailedFillLeavesThePreviousOutputWhole() throws {
        try TemporaryFolder.with { folder in
            let target = folder.url.appendingPathComponent("out")
            try OutputWriter.replace(target, with: ["index.html": Data("1".utf8)])
            #expect(throws: DocCtlError.self) {
                try OutputWriter.replace(target) { (_: URL) throws(DocCtlError) in throw .io("rendering failed") }
            }
            #expect(FileManager.default.contents(atPath: target.appendingPathComponent("index.html").path) == Data("1".utf8))
            let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != ".out.docctl-lock" }
            #expect(siblings == ["out"], "temporary folders left behind: \(siblings)")
        }
    }
}

@Suite(.serialized) struct ArchivedRevisionTests {
    @Test func anArchiveRendersTheSameBodyAsTheSources() throws {
        let set = try RenderingFixtures.load(RenderingFixtures.fullSet())
        let renderer = try RenderingFixtures.renderer(set)
        for document in set.documents where renderer.site.published.contains(document.number) {
            let archive = try renderer.readArchive(try renderer.archive(document), path: "\(document.number).xml")
            #expect(archive.number == document.number)
            #expect(archive.history.count == document.history.count)
            let archivedAnchors: [String] = archive.allSections.map { $0.anchor }
            let sourceAnchors: [String] = document.allSections.map { $0.anchor }
            #expect(archivedAnchors == sourceAnchors)
            let context = renderer.builder.context(.site(depth: 2), document: document)
            let original = HTMLSerializer.html(MarkdownRenderer(context: context).body(of: document))
            #expect(HTMLSerializer.html(archive.bodyNodes()) == original, "\(document.number): the archive does not re-render its body")
        }
    }

    @Test func editedArchivesCannotInjectMarkup() throws {
        let xhtml = DocumentArchive.xhtmlNamespace
        let hostile = XMLElement(name: "p", namespace: xhtml, attributes: [XMLAttribute(name: "onclick", value: "x")], children: [
            .element(XMLElement(name: "script", namespace: xhtml, children: [.text("alert(1)")])),
            .element(XMLElement(name: "a", namespace: xhtml, attributes: [XMLAttribute(name: "href", value: "javascript:alert(2)")],
                                children: [.text("<b>")])),
        ])
        let node: HTMLNode = try #require(ArchivedRevision.html(hostile))
        let html: String = HTMLSerializer.html([node])
        #expect(html == "<p><a>&lt;b&gt;</a></p>")
    }
}

/// Every relative link of a rendered site leads to a file of the site and, with a `#fragment`,
/// to an element with that id.
enum LinkChecker {
    /// Problems as `page: href`, empty when every link resolves.
    static func brokenLinks(_ files: [String: Data]) -> [String] {
        var problems: [String] = []
        var ids: [String: Set<String>] = [:]
        func idsOf(_ path: String) -> Set<String> {
            if let known = ids[path] { return known }
            let html = String(decoding: files[path] ?? Data(), as: UTF8.self)
            let found = Set(ScannedTag.scan(html).flatMap { $0.attributes.filter { $0.name == "id" }.map(\.value) })
            ids[path] = found
            return found
        }
        for (page, data) in files where page.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for tag in ScannedTag.scan(html) {
                for attribute in tag.attributes where attribute.name == "href" || (attribute.name == "src" && tag.name == "script") {
                    var href = attribute.value.replacingOccurrences(of: "&amp;", with: "&")
                    if href.hasPrefix("http") || href.hasPrefix("mailto:") { continue }
                    var fragment: String? = nil
                    if let hash = href.firstIndex(of: "#") {
                        fragment = String(href[href.index(after: hash)...])
                        href = String(href[..<hash])
                    }
                    var target = page
                    if !href.isEmpty {
                        var parts = page.split(separator: "/").dropLast().map(String.init)
                        for component in href.split(separator: "/") {
                            if component == ".." { if !parts.isEmpty { parts.removeLast() } } else if component != "." { parts.append(String(component)) }
                        }
                        target = parts.joined(separator: "/")
                    }
                    guard files[target] != nil else { problems.append("\(page): \(attribute.value) (no \(target))"); continue }
                    // A document's pointer page forwards to its current revision, fragment and all.
                    if let fragment, !fragment.isEmpty,
                       let redirect = ScannedTag.scan(String(decoding: files[target]!, as: UTF8.self)).lazy
                        .compactMap({ $0.attributes.first { $0.name == "data-redirect" }?.value }).first {
                        var parts = target.split(separator: "/").dropLast().map(String.init)
                        for component in redirect.split(separator: "/") {
                            if component == ".." { if !parts.isEmpty { parts.removeLast() } } else if component != "." { parts.append(String(component)) }
                        }
                        target = parts.joined(separator: "/")
                    }
                    if let fragment, !fragment.isEmpty, !idsOf(target).contains(fragment.removingPercentEncoding ?? fragment) {
                        problems.append("\(page): \(attribute.value) (no id \(fragment) in \(target))")
                    }
                }
            }
        }
        return problems.sorted()
    }
}

extension SiteRendererTests {
    @Test func everyLinkOfTheSiteResolves() throws {
        let files = try RenderingFixtures.renderer(RenderingFixtures.load(RenderingFixtures.fullSet())).render()
        let broken = LinkChecker.brokenLinks(files)
        #expect(broken.isEmpty, "\(broken.prefix(20).joined(separator: "\n"))")
    }

    @Test func everyLinkOfTheExampleManualResolves() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("manual-src")
        let (set, _) = try DocumentSetLoader().load(root)
        let files = try RenderingFixtures.renderer(set).render()
        #expect(files.count > 50)
        let broken = LinkChecker.brokenLinks(files)
        #expect(broken.isEmpty, "\(broken.prefix(20).joined(separator: "\n"))")
    }
}

extension SiteRendererTests {
    @Test func theLinkCheckerFindsBrokenLinks() {
        let files = ["a/index.html": Data("<a href=\"../b.html#x\">b</a><a href=\"#top\">t</a><a href=\"../c.html\">c</a>".utf8),
                     "b.html": Data("<p id=\"y\">".utf8)]
        #expect(LinkChecker.brokenLinks(files) == ["a/index.html: #top (no id top in a/index.html)",
                                                  "a/index.html: ../b.html#x (no id x in b.html)",
                                                  "a/index.html: ../c.html (no c.html)"])
    }
}
