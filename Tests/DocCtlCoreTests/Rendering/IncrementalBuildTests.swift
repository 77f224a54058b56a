import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `build` into a folder holding an earlier build renders only what changed, and gives the same
/// bytes as a clean build.
@Suite struct IncrementalBuildTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("manual-src")

    /// Builds the set at `root` into `output` as `docctl build --draft` does (draft: edits may leave
    /// errors), the check taking over the per-document records of the build in `output` unless it
    /// is a clean build.
    @discardableResult
    static func build(_ root: URL, into output: URL, incremental: Bool = true, templates: TemplateSet? = nil) throws -> (rendered: Int, reused: Int) {
        try buildChecked(root, into: output, incremental: incremental, templates: templates).counts
    }

    /// ``build(_:into:incremental:)`` with what the check found and how many documents it took over.
    static func buildChecked(_ root: URL, into output: URL, incremental: Bool = true, templates: TemplateSet? = nil) throws
        -> (counts: (rendered: Int, reused: Int), checked: CheckedSet, checksReused: Int) {
        // The cache is read once, for the check and the render, as `build` does.
        let cache = incremental ? Build.cache(in: output) : nil
        let checks = incremental ? Build.checkCache(from: cache) : nil
        let checked = try CheckedSet.load(root, today: FixtureSet.today, strict: false, checks: checks)
        var renderer = try SiteRenderer(set: checked.set, templates: templates ?? TemplateSet.bundled(), buildDate: FixtureSet.today,
                                        draft: DraftBuild(diagnostics: checked.diagnostics))
        // Bodies taken from the cache are parsed again when rendered, as `build` does.
        if !checked.set.bodiesTakenOver.isEmpty { renderer = Build.droppingBodies(renderer) }
        let counts = try renderer.write(to: output, incremental: incremental, checks: checked.documentChecks, previousCache: cache)
        return (counts, checked, checks?.reusedCount ?? 0)
    }

    /// The paths `.docctl-output` in `output` lists.
    static func markerLists(_ output: URL) throws -> [String] {
        let text = String(decoding: try Data(contentsOf: output.appendingPathComponent(OutputWriter.marker)), as: UTF8.self)
        return Array(text.split(separator: "\n").map(String.init).dropFirst())
    }

    /// Every file below `output` but the marker, relative and sorted.
    static func files(in output: URL) -> [String] {
        let base = output.resolvingSymlinksInPath().path + "/"
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true else { continue }
            let path = url.resolvingSymlinksInPath().path
            let relative = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
            if relative != OutputWriter.marker { files.append(relative) }
        }
        return files.sorted()
    }

    static func copyExample(to folder: TemporaryFolder) throws -> URL {
        let root = folder.url.appendingPathComponent("set")
        try FileManager.default.copyItem(at: example, to: root)
        return root
    }

    @Test func anIncrementalBuildAfterRandomEditsEqualsACleanBuild() throws {
        var random = SeededGenerator()
        try TemporaryFolder.with { folder in
            let root = try Self.copyExample(to: folder)
            let incremental = folder.url.appendingPathComponent("incremental")
            let clean = folder.url.appendingPathComponent("clean")
            // Every document in the middle of a revision: a save changes no document's status
            // (the first change since release does, and every page may show it), so pages are reused.
            let loaded = try CheckOutcome.check(root).set
            for document in loaded.documents {
                let body = root.appendingPathComponent(document.bodyFiles[0].path)
                try Data((String(decoding: try Data(contentsOf: body), as: UTF8.self) + "\n修订中。\n").utf8).write(to: body)
            }
            let first = try Self.build(root, into: incremental)
            #expect(first.reused == 0 && first.rendered > 20)
            let set = try CheckOutcome.check(root).set
            let numbers = set.documents.map(\.number)
            let bodies = set.documents.flatMap { $0.bodyFiles.map(\.path) }.sorted()
            let yamls = set.documents.map { "\($0.folder)/document.yaml" }.sorted()
            var reusedInAll = 0, checksReusedInAll = 0, bodiesTakenInAll = 0
            var done: [String] = []
            for _ in 0..<3 {
                for _ in 0..<Int.random(in: 1...2, using: &random) {
                    done.append(try RandomEdits.edit(root, numbers: numbers, bodies: bodies, yamls: yamls, using: &random))
                }
                // One file the cache records (a page, an archive, a pointer page) changed behind its back.
                let cache = try #require(BuildCache.read(from: incremental))
                let recorded = cache.documents.values.flatMap(\.files.keys).sorted()
                let tampered = recorded[Int.random(in: 0..<recorded.count, using: &random)]
                try Data("tampered".utf8).write(to: incremental.appendingPathComponent(tampered))
                done.append("tampered \(tampered)")
                let built = try Self.buildChecked(root, into: incremental)
                reusedInAll += built.counts.reused
                checksReusedInAll += built.checksReused
                bodiesTakenInAll += built.checked.set.bodiesTakenOver.count
                // The check that took over the records finds what a check from scratch finds.
                let expected = try CheckedSet.load(root, today: FixtureSet.today, strict: false)
                #expect(built.checked.diagnostics == expected.diagnostics, "after \(done.joined(separator: "; ")) — \(random)")
                try Self.build(root, into: clean, incremental: false)
                let differences = RandomEdits.differences(incremental, clean)
                #expect(differences.isEmpty, "after \(done.joined(separator: "; ")): \(differences.prefix(10)) — \(random)")
                // The marker lists what the build recorded as written: exactly the files there.
                #expect(try Self.markerLists(incremental) == Self.files(in: incremental), "after \(done.joined(separator: "; "))")
                #expect(try Self.markerLists(clean) == Self.files(in: clean))
            }
            // Documents whose sources no edit touched are not checked again (docset.yaml is never edited here).
            #expect(checksReusedInAll > 3 * (numbers.count - 6), "\(done) — \(random)")
            // Nor are their bodies parsed (an edit touches at most one body or document.yaml).
            #expect(bodiesTakenInAll >= 3 * (numbers.count - 6), "\(done) — \(random)")
            // A title or a set file re-renders everything, and so does a change to the manual's
            // headings (a renamed or cut heading changes which clauses are covered, and every draft
            // page shows the set's problems); otherwise most documents are taken over.
            let everything = done.contains { edit in
                edit.contains("title") || edit.contains("records.yaml") || edit.contains("withdrawn") || edit.hasPrefix("heading number cut")
                    || (edit.contains("manual/") && (edit.hasPrefix("heading renamed") || edit.hasPrefix("last quarter")))
            }
            if !everything {
                #expect(reusedInAll > 0, "\(done) — \(random)")
            }
        }
    }

    @Test func onlyTheChangedDocumentAndItsReferrersAreRenderedAgain() throws {
        try TemporaryFolder.with { folder in
            let root = try Self.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let first = try Self.build(root, into: output)
            let unchanged = try Self.build(root, into: output)
            #expect(unchanged == (rendered: 0, reused: first.rendered))
            // A procedure nobody refers to by number: only it changes. The manual's generated blocks
            // (procedure list, records, matrix, org chart) and the Statement of Applicability show only
            // what every key holds and the coverage report, so they are not rendered again either.
            try Self.append("\n补充。\n", to: "QP-03", in: root)
            // The first change since release changes the document's status, which every page may show.
            try Self.build(root, into: output)
            try Self.append("\n补充说明。\n", to: "QP-03", in: root)
            let after = try Self.build(root, into: output)
            #expect(after.rendered == 1, "\(after)")
            let revision = try #require(Self.revisionFolder(output, "QP-03"))
            let page = String(decoding: try #require(FileManager.default.contents(atPath: output.path + "/QP-03/\(revision)/index.html")), as: UTF8.self)
            #expect(page.contains("补充说明"))
        }
    }

    /// Appends `text` to the first body file of document `number` of the set at `root`.
    static func append(_ text: String, to number: String, in root: URL) throws {
        let document = try #require(try CheckOutcome.check(root).set.documents.first { $0.number == number })
        let body = root.appendingPathComponent(document.bodyFiles[0].path)
        try (String(decoding: try Data(contentsOf: body), as: UTF8.self) + text).write(to: body, atomically: false, encoding: .utf8)
    }

    /// A page with `{{coverage-matrix}}` lists the sections covering each clause: a section added
    /// to another document renders it again (its key holds the coverage report's digest), though
    /// the section changes neither the clause's first section nor anything else every key holds.
    @Test func aPageShowingTheCoverageIsRenderedAgainWhenAnotherDocumentChangesIt() throws {
        try TemporaryFolder.with { folder in
            let root = try Self.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            try Self.append("\n# 4 覆盖情况\n\n{{coverage-matrix}}\n", to: "XQ-ISMS-01", in: root)
            try Self.append("\n修订中。\n", to: "ISMS-P-05", in: root)
            try Self.build(root, into: output)
            let revision = try #require(Self.revisionFolder(output, "XQ-ISMS-01"))
            let page = output.appendingPathComponent("XQ-ISMS-01/\(revision)/index.html")
            let before = try Data(contentsOf: page)
            // A second section for isms:4.3 (ISMS-P-05's 4.1 stays the first), at the end of its procedure.
            try Self.append("\n## 4.11 范围的年度复核 {clause=isms:4.3}\n\n每年一月复核体系范围。\n", to: "ISMS-P-05", in: root)
            let after = try Self.build(root, into: output)
            #expect(after.reused > 0, "\(after)")
            #expect(try Data(contentsOf: page) != before)
            try Self.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// The example copied into `folder` with QP-03 changed since its release (the first change
    /// changes its status, which the master list shows), built into `out`: the set, the output and
    /// a folder for a clean build.
    static func builtWithQP03InRevision(in folder: TemporaryFolder) throws -> (root: URL, output: URL, clean: URL) {
        let root = try copyExample(to: folder)
        let output = folder.url.appendingPathComponent("out")
        try append("\n补充。\n", to: "QP-03", in: root)
        try build(root, into: output)
        return (root, output, folder.url.appendingPathComponent("clean"))
    }

    /// The site pages (master list, coverage, registers) are taken over when a body edit changes
    /// nothing they show: the same files, linked from the previous output, not rendered again.
    @Test func theSitePagesAreTakenOverWhenABodyEditChangesNothingTheyShow() throws {
        try TemporaryFolder.with { folder in
            let (root, output, clean) = try Self.builtWithQP03InRevision(in: folder)
            let cache = try #require(BuildCache.read(from: output)?.pages)
            #expect(Set(cache.files.keys).isSuperset(of: ["index.html", "coverage.html"]))
            let pages = cache.files.keys.sorted().map { output.path + "/" + $0 }
            let before = pages.map(FileIdentity.of)
            try Self.append("\n补充说明。\n", to: "QP-03", in: root)
            let after = try Self.build(root, into: output)
            #expect(after.rendered == 1)
            #expect(pages.map(FileIdentity.of) == before)
            try Self.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// A change to anything the site pages or the search index show renders them again: the
    /// output is a clean build's, and the page that shows it is not the previous one.
    @Test(arguments: ["title", "effective date", "manual heading", "clause tag", "draft problem", "organisation", "template"])
    func aChangeTheSitePagesShowRendersThemAgain(_ change: String) throws {
        try TemporaryFolder.with { folder in
            let (root, output, clean) = try Self.builtWithQP03InRevision(in: folder)
            let read = { (path: String) in FileManager.default.contents(atPath: output.path + "/" + path) }
            let watched = ["index.html", "coverage.html", "assets/search-index.json"]
            let before = watched.map(read)
            func edit(_ relative: String, _ transform: (String) -> String) throws {
                let url = root.appendingPathComponent(relative)
                let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
                let edited = transform(text)
                #expect(edited != text, "\(change): nothing changed in \(relative)")
                try Data(edited.utf8).write(to: url)
            }
            let qp03 = "procedures/QP-03-supplier"
            var templates: TemplateSet? = nil
            // What must differ afterwards: the master list, the coverage page or the search index.
            var changed: Set<String> = ["index.html"]
            switch change {
            case "title":
                try edit("\(qp03)/document.yaml") { $0.replacingOccurrences(of: "title: 供应商管理程序", with: "title: 供应商与外包管理程序") }
                changed.insert("assets/search-index.json")
            case "effective date":
                // Only the document's own metadata file: nothing every render key shares.
                try edit("\(qp03)/document.yaml") { $0.replacingOccurrences(of: "effective: 2025-10-01", with: "effective: 2025-10-08") }
            case "manual heading":
                try edit("manual/08-2-relationship.md") { $0.replacingOccurrences(of: "### 8.3.4 供应商管理", with: "### 8.3.4 供应商与外包管理") }
                changed = ["coverage.html", "assets/search-index.json"]
            case "clause tag":
                // A section of QP-03 now serves the information security standard too.
                try edit("\(qp03)/body.md") { $0.replacingOccurrences(of: "## 5.5 监视与评价", with: "## 5.5 监视与评价 {clause=isms:5.19}") }
                changed.insert("coverage.html")
            case "draft problem":
                try edit("\(qp03)/body.md") { $0 + "\n参见 [[QP-99]]。\n" }
            case "organisation":
                try edit("docset.yaml") { $0.replacingOccurrences(of: "short: 星桥云服 }", with: "short: 星桥 }") }
            default:
                let custom = folder.url.appendingPathComponent("templates")
                try FileManager.default.copyItem(at: Self.example.deletingLastPathComponent().appendingPathComponent("templates").resolvingSymlinksInPath(), to: custom)
                let index = custom.appendingPathComponent("index.mustache")
                try (String(decoding: try Data(contentsOf: index), as: UTF8.self) + "<!-- 本地模板 -->\n").write(to: index, atomically: false, encoding: .utf8)
                templates = try TemplateSet(folder: custom)
            }
            try Self.build(root, into: output, templates: templates)
            for (path, old) in zip(watched, before) where changed.contains(path) {
                #expect(read(path) != old, "\(change): \(path) is the previous one")
            }
            try Self.build(root, into: clean, incremental: false, templates: templates)
            let differences = RandomEdits.differences(output, clean)
            #expect(differences.isEmpty, "\(change): \(differences)")
        }
    }

    @Test func aReusedFileThatNoLongerMatchesItsHashIsRenderedAgain() throws {
        try TemporaryFolder.with { folder in
            let root = try Self.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            try Self.build(root, into: output)
            let revision = try #require(Self.revisionFolder(output, "QP-03"))
            let page = output.appendingPathComponent("QP-03/\(revision)/index.html")
            try Data("tampered".utf8).write(to: page)
            let again = try Self.build(root, into: output)
            #expect(again.rendered == 1)
            try Self.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// The cache is read once, before the load (``Build/cache(in:)``); a file of the output changed
    /// after that read, before the render, does not match the hash that cache recorded and is rendered again.
    @Test func aFileChangedAfterTheCacheWasReadIsRenderedAgain() throws {
        try TemporaryFolder.with { folder in
            let root = try Self.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            try Self.build(root, into: output)
            let cache = try #require(Build.cache(in: output))
            // Read whole: the check records and kept bodies for the load, the documents for the render.
            #expect(!cache.documents.isEmpty && !cache.checks.isEmpty && !cache.bodies.isEmpty)
            let checked = try CheckedSet.load(root, today: FixtureSet.today, strict: false, checks: Build.checkCache(from: cache))
            let revision = try #require(Self.revisionFolder(output, "QP-03"))
            try Data("tampered".utf8).write(to: output.appendingPathComponent("QP-03/\(revision)/index.html"))
            let renderer = try SiteRenderer(set: checked.set, templates: TemplateSet.bundled(), buildDate: FixtureSet.today,
                                            draft: DraftBuild(diagnostics: checked.diagnostics))
            let again = try Build.droppingBodies(renderer).write(to: output, checks: checked.documentChecks, previousCache: cache)
            #expect(again.rendered == 1 && again.reused > 20)
            try Self.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// A reused file that nothing else names is linked into the new output, not copied: the page
    /// is the same inode as before the build, left with one name once the previous folder is gone.
    @Test func aReusedFileIsLinkedIntoTheNewOutput() throws {
        try TemporaryFolder.with { folder in
            let (root, output, clean, first, page) = try Self.builtExample(in: folder)
            let before = try #require(FileIdentity.of(page))
            let again = try Self.build(root, into: output)
            #expect(again == (rendered: 0, reused: first.rendered))
            #expect(FileIdentity.of(page) == before)
            #expect(try FileManager.default.attributesOfItem(atPath: page)[.referenceCount] as? Int == 1)
            try Self.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// A reused file the user linked elsewhere, or whose permissions were changed, is copied: a
    /// later write through the other name cannot reach the new output, and the copy has the
    /// permissions of a clean build's file.
    @Test(arguments: ["another name", "other permissions"])
    func aReusedFileThatMayNotBeSharedIsCopied(_ reason: String) throws {
        try TemporaryFolder.with { folder in
            let (root, output, clean, first, page) = try Self.builtExample(in: folder)
            let elsewhere = folder.url.appendingPathComponent("elsewhere.html").path
            let manager = FileManager.default
            if reason == "another name" {
                #expect(link(page, elsewhere) == 0)
            } else {
                try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: page)
            }
            let before = try #require(FileIdentity.of(page))
            let again = try Self.build(root, into: output)
            #expect(again == (rendered: 0, reused: first.rendered))
            #expect(FileIdentity.of(page) != before)
            if reason == "another name" {
                try Data("changed through the other name".utf8).write(to: URL(fileURLWithPath: elsewhere))
            }
            try Self.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
            let mode = try manager.attributesOfItem(atPath: page)[.posixPermissions] as? Int
            let cleanPage = clean.path + page.dropFirst(output.path.count)
            let cleanMode = try manager.attributesOfItem(atPath: cleanPage)[.posixPermissions] as? Int
            #expect(mode == cleanMode)
        }
    }

    @Test func aTamperedPointerPageIsRenderedAgain() throws {
        try TemporaryFolder.with { folder in
            let root = try Self.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            let first = try Self.build(root, into: output)
            try Data("<meta http-equiv=refresh content=\"0; url=https://example.com/\">".utf8)
                .write(to: output.appendingPathComponent("QP-03/index.html"))
            let again = try Self.build(root, into: output)
            #expect(again == (rendered: 1, reused: first.rendered - 1))
            try Self.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// A cache cut short, with a byte changed, of another docctl, or not a cache at all is not
    /// used: every document is rendered again, and the output is that of a clean build.
    @Test(arguments: ["truncated", "byte changed", "other version", "not a cache", "empty"])
    func aCacheThatIsNotIntactCostsAFullRebuild(_ damage: String) throws {
        try TemporaryFolder.with { folder in
            let root = try Self.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            let first = try Self.build(root, into: output)
            let file = output.appendingPathComponent(BuildCache.file)
            var bytes = [UInt8](try Data(contentsOf: file))
            switch damage {
            case "truncated": bytes.removeLast(bytes.count / 3)
            case "byte changed":
                // A letter in the last search entry's text (the checksum covers it).
                let index = try #require(bytes.lastIndex { $0 >= UInt8(ascii: "a") && $0 < UInt8(ascii: "z") })
                bytes[index] += 1
            case "other version":
                bytes = Array(String(decoding: bytes, as: UTF8.self)
                    .replacingOccurrences(of: DocCtlVersion.number, with: DocCtlVersion.number + ".1").utf8)
            case "not a cache": bytes = Array(#"{"format":1,"docctl":"x","documents":{}}"#.utf8)
            default: bytes = []
            }
            try Data(bytes).write(to: file)
            #expect(BuildCache.read(from: output) == nil)
            let again = try Self.buildChecked(root, into: output)
            #expect(again.counts == (rendered: first.rendered, reused: 0) && again.checksReused == 0)
            // Every body is parsed again.
            #expect(again.checked.set.bodiesTakenOver.isEmpty)
            try Self.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// The cache of another set's build, intact, takes over only documents whose render key is
    /// the same — which were made from the same sources, so the output is still a clean build's.
    @Test func aCacheOfAnotherSetGivesTheBytesOfACleanBuild() throws {
        try TemporaryFolder.with { folder in
            let root = try Self.copyExample(to: folder)
            let other = folder.url.appendingPathComponent("other")
            try FileManager.default.copyItem(at: root, to: other)
            let set = try CheckOutcome.check(other).set
            for document in set.documents {
                let body = other.appendingPathComponent(document.bodyFiles[0].path)
                try Data((String(decoding: try Data(contentsOf: body), as: UTF8.self) + "\n另一套文件。\n").utf8).write(to: body)
            }
            let output = folder.url.appendingPathComponent("out")
            let foreign = folder.url.appendingPathComponent("foreign")
            let clean = folder.url.appendingPathComponent("clean")
            try Self.build(root, into: output)
            try Self.build(other, into: foreign)
            try FileManager.default.removeItem(at: output.appendingPathComponent(BuildCache.file))
            try FileManager.default.copyItem(at: foreign.appendingPathComponent(BuildCache.file), to: output.appendingPathComponent(BuildCache.file))
            let again = try Self.build(root, into: output)
            #expect(again.reused == 0)
            try Self.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    @Test func theCacheReadsBackWhatItWrote() throws {
        try TemporaryFolder.with { folder in
            let root = try Self.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            try Self.build(root, into: output)
            let bytes = try Data(contentsOf: output.appendingPathComponent(BuildCache.file))
            let cache = try #require(BuildCache(data: bytes))
            #expect(cache.documents.count > 20)
            // Search entries with line feeds (escaped in their JSON) and colons (the fields' separator).
            #expect(cache.documents.values.contains { String(decoding: $0.search.json, as: UTF8.self).contains(#"\n"#) })
            #expect(cache.documents.values.contains { String(decoding: $0.search.json, as: UTF8.self).contains(":") && !$0.search.postings.isEmpty })
            #expect(cache.documents.values.allSatisfy { entry in entry.files.keys.contains { $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 2 } })
            // Every document checked, the one withheld by publish-up-to too.
            #expect(cache.checks.count == (try CheckOutcome.check(root)).set.documents.count)
            #expect(cache.data == bytes)
            #expect(BuildCache(data: bytes.dropLast()) == nil)
            // The check of a build reads the records alone, stepping over the documents.
            let records = try #require(BuildCache(data: bytes, readingDocuments: false))
            #expect(records.checks == cache.checks && records.documents.isEmpty)
            #expect(BuildCache(data: bytes.dropLast(), readingDocuments: false) == nil)
        }
    }

    /// The example copied into `folder` and built once into `out`: the set, the output, a folder
    /// for a clean build, what the build did, and the path of QP-03's page in the output.
    static func builtExample(in folder: TemporaryFolder) throws
        -> (root: URL, output: URL, clean: URL, first: (rendered: Int, reused: Int), page: String) {
        let root = try copyExample(to: folder)
        let output = folder.url.appendingPathComponent("out")
        let first = try build(root, into: output)
        let revision = try #require(revisionFolder(output, "QP-03"))
        return (root, output, folder.url.appendingPathComponent("clean"), first, output.path + "/QP-03/\(revision)/index.html")
    }

    static func revisionFolder(_ output: URL, _ number: String) -> String? {
        (try? FileManager.default.contentsOfDirectory(atPath: output.path + "/" + number))?.first { $0 != "index.html" && !$0.hasSuffix(".css") }
    }
}
