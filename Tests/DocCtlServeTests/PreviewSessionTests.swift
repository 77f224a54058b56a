import DocCtlCore
@testable import DocCtlServe
import DocCtlTestSupport
import Foundation
import Testing

/// `serve`'s rebuilds: draft pages with their problems, only what changed rendered again, changes seen.
@Suite struct PreviewSessionTests {
    static func session(_ folder: TemporaryFolder) throws -> PreviewSession {
        let root = folder.url.appendingPathComponent("set")
        try FixtureSet.valid().materialize(in: root)
        return PreviewSession(set: root, output: folder.url.appendingPathComponent("site"), templates: try TemplateSet.bundled(),
                              today: FixtureSet.today, environment: [:])
    }

    static func procedureBody(_ session: PreviewSession) -> URL {
        session.setRoot.appendingPathComponent(FixtureSet.procedureFolder + "/body.md")
    }

    @Test func aSaveRendersOnlyWhatChangedAndTheDraftPageListsTheNewError() throws {
        try TemporaryFolder.with { folder in
            let session = try Self.session(folder)
            let first = try session.rebuild()
            #expect(first.rendered == first.documents && first.errors == 0)
            // The manual holds generated blocks (it depends on every document): a save of it renders it alone.
            let chapter = session.setRoot.appendingPathComponent(FixtureSet.chapterPath(8))
            try (String(decoding: try Data(contentsOf: chapter), as: UTF8.self) + "\n补充。\n").write(to: chapter, atomically: false, encoding: .utf8)
            _ = try session.rebuild()  // the first change since release changes the manual's status, shown everywhere
            try (String(decoding: try Data(contentsOf: chapter), as: UTF8.self) + "\n另见 [[QP-99]]。\n").write(to: chapter, atomically: false, encoding: .utf8)
            let second = try session.rebuild()
            #expect(second.rendered == 1 && second.reused == first.documents - 1, "\(second)")
            #expect(second.errors > 0)
            let pages = try FileManager.default.subpathsOfDirectory(atPath: session.output.path)
                .filter { $0.hasPrefix(FixtureSet.manualNumber + "/") && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 3 }
            let page = String(decoding: try Data(contentsOf: session.output.appendingPathComponent(try #require(pages.first))), as: UTF8.self)
            #expect(page.contains("草稿") && page.contains("QP-99"))
            let index = String(decoding: try Data(contentsOf: session.output.appendingPathComponent("index.html")), as: UTF8.self)
            #expect(index.contains("QP-99"))
        }
    }

    /// The reload goes out once the documents' files are written; the master list is made after it,
    /// is never in the paths served at once then, and ends as a clean `build --draft` has it.
    @Test func theReloadComesBeforeTheSitePagesWhichAreHeldUntilWritten() throws {
        try TemporaryFolder.with { folder in
            let session = try Self.session(folder)
            _ = try session.rebuild()
            let yaml = session.setRoot.appendingPathComponent(FixtureSet.procedureFolder + "/document.yaml")
            let text = String(decoding: try Data(contentsOf: yaml), as: UTF8.self)
            try Data(text.replacingOccurrences(of: "title: 成文信息控制程序", with: "title: 成文信息管控程序").utf8).write(to: yaml)
            func read(_ path: String) -> String {
                String(decoding: (try? Data(contentsOf: session.output.appendingPathComponent(path))) ?? Data(), as: UTF8.self)
            }
            let procedurePage = try #require(try FileManager.default.subpathsOfDirectory(atPath: session.output.path).first {
                $0.hasPrefix(FixtureSet.procedureNumber + "/") && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 3
            })
            var seen: (rendered: Int, final: Set<String>, page: String, index: String)?
            let summary = try session.rebuild { rendered, final in
                seen = (rendered, final, read(procedurePage), read("index.html"))
            }
            let ready = try #require(seen)
            #expect(ready.rendered == summary.rendered && ready.rendered > 0)
            // The procedure's page is new when the reload goes out; the master list is not yet, and is held.
            #expect(ready.page.contains("成文信息管控程序") && ready.final.contains(procedurePage))
            #expect(!ready.index.contains("成文信息管控程序"))
            for held in ["index.html", "coverage.html", "assets/search-index.json", "assets/search-index.js"] {
                #expect(!ready.final.contains(held), "\(held)")
            }
            #expect(ready.final.contains("assets/docctl.css"))
            #expect(read("index.html").contains("成文信息管控程序"))
            let clean = folder.url.appendingPathComponent("clean")
            _ = try IncrementalPreviewTests.cleanBuild(session.setRoot, into: clean)
            let differences = RandomEdits.differences(session.output, clean, hidden: false)
            #expect(differences.isEmpty, "\(differences.prefix(10))")
        }
    }

    @Test func aHeldRequestWaitsUntilTheGateOpensAndAFinalOneDoesNot() async throws {
        let gate = SiteGate()
        #expect(!gate.holds("index.html"))
        gate.hold(except: ["QP-01/A-0/index.html", "assets/docctl.css"])
        #expect(!gate.holds("QP-01/A-0") && !gate.holds("QP-01/A-0/index.html") && !gate.holds("assets/docctl.css"))
        #expect(gate.holds("") && gate.holds("index.html") && gate.holds("assets/search-index.js") && gate.holds("QP-02/A-0"))
        await gate.wait(for: "QP-01/A-0")
        let served = Flag()
        let request = Task {
            await gate.wait(for: "index.html")
            served.set()
        }
        try await Task.sleep(nanoseconds: 100_000_000)
        #expect(!served.isSet)
        gate.open()
        await request.value
        #expect(served.isSet && !gate.holds("index.html"))
    }

    @Test(arguments: [false, true]) func theWatcherSeesASave(polling: Bool) throws {
        try TemporaryFolder.with { folder in
            let session = try Self.session(folder)
            let watcher = SourceWatcher(root: session.setRoot, forcePolling: polling, pollInterval: 0.05)
            #expect(watcher.mode == (polling ? .polling : .inotify))
            #expect(!watcher.waitForChange(timeout: 0.2))
            let body = Self.procedureBody(session)
            try (String(decoding: try Data(contentsOf: body), as: UTF8.self) + "\n补充。\n").write(to: body, atomically: true, encoding: .utf8)
            #expect(watcher.waitForChange(timeout: 10))
            // A new folder is watched too.
            let added = session.setRoot.appendingPathComponent("procedures/QP-02-new")
            try FileManager.default.createDirectory(at: added, withIntermediateDirectories: true)
            #expect(watcher.waitForChange(timeout: 10))
            try Data("# x\n".utf8).write(to: added.appendingPathComponent("body.md"))
            #expect(watcher.waitForChange(timeout: 10))
        }
    }
}

/// `serve` reads, checks, renders and writes only what changed; after any edits its build folder
/// and its findings are those of a clean `check` and `build --draft` of the same sources.
@Suite struct IncrementalPreviewTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("manual-src")

    /// A clean `build --draft` of `root` into `output`, as `serve` builds it (build date: the day checked against).
    static func cleanBuild(_ root: URL, into output: URL) throws -> CheckOutcome {
        let outcome = try CheckOutcome.check(root)
        let renderer = try SiteRenderer(set: outcome.set, templates: TemplateSet.bundled(), buildDate: FixtureSet.today, today: FixtureSet.today,
                                        draft: DraftBuild(diagnostics: outcome.diagnostics))
        try renderer.write(to: output, incremental: false)
        return outcome
    }

    /// A serve session of `root` building into `served` in `folder`, its stamps trusted at once (each
    /// edit in these tests comes after the previous load has finished).
    static func session(_ root: URL, in folder: TemporaryFolder) throws -> PreviewSession {
        PreviewSession(set: root, output: folder.url.appendingPathComponent("served"), templates: try TemplateSet.bundled(),
                       today: FixtureSet.today, environment: [:], documents: DocumentLoadCache(settledAfter: 0))
    }

    @Test func afterRandomEditsTheServedFolderAndFindingsEqualACleanBuild() throws {
        var random = SeededGenerator()
        try TemporaryFolder.with { folder in
            let root = folder.url.appendingPathComponent("set")
            try FileManager.default.copyItem(at: Self.example, to: root)
            // Every document in the middle of a revision: a save changes no other document's page.
            for document in try CheckOutcome.check(root).set.documents {
                let body = root.appendingPathComponent(document.bodyFiles[0].path)
                try Data((String(decoding: try Data(contentsOf: body), as: UTF8.self) + "\n修订中。\n").utf8).write(to: body)
            }
            // Stamps trusted at once: each edit here comes after the previous load has finished.
            let session = try Self.session(root, in: folder)
            let clean = folder.url.appendingPathComponent("clean")
            let first = try session.rebuild()
            #expect(first.reused == 0 && first.rendered > 20 && session.documents.lastRead == first.documents)
            let set = try CheckOutcome.check(root).set
            let numbers = set.documents.map(\.number)
            let bodies = set.documents.flatMap { $0.bodyFiles.map(\.path) }.sorted()
            let yamls = set.documents.map { "\($0.folder)/document.yaml" }.sorted()
            var done: [String] = []
            var reusedInAll = 0, keptInAll = 0
            for _ in 0..<4 {
                for _ in 0..<Int.random(in: 1...2, using: &random) {
                    done.append(try RandomEdits.edit(root, numbers: numbers, bodies: bodies, yamls: yamls, using: &random))
                }
                let summary = try session.rebuild()
                reusedInAll += summary.reused
                keptInAll += session.documents.lastReused
                let expected = try Self.cleanBuild(root, into: clean)
                #expect(session.diagnostics == expected.diagnostics, "after \(done.joined(separator: "; ")) — \(random)")
                let differences = RandomEdits.differences(session.output, clean, hidden: false)
                #expect(differences.isEmpty, "after \(done.joined(separator: "; ")): \(differences.prefix(10)) — \(random)")
            }
            // Most folders are taken from the cache (an edit of docset.yaml would drop it, and none is made).
            #expect(keptInAll > 4 * (first.documents - 3), "\(done) — \(random)")
            // Documents whose sources no edit touched are not checked again.
            #expect(session.checks.reusedCount > 4 * (first.documents - 6), "\(done) — \(random)")
            if !done.contains(where: { $0.contains("title") || $0.contains("records.yaml") || $0.contains("withdrawn") || $0.hasPrefix("heading number cut") }) {
                #expect(reusedInAll > 0, "\(done) — \(random)")
            }
        }
    }

    /// The set's YAML files are parsed again only when their text changed; a kept parse brings its
    /// diagnostics along, and a changed file is read as it is now.
    @Test func theSetsYAMLIsParsedAgainOnlyWhenItChanged() throws {
        try TemporaryFolder.with { folder in
            let root = folder.url.appendingPathComponent("set")
            try FileManager.default.copyItem(at: Self.example, to: root)
            let session = try Self.session(root, in: folder)
            let clean = folder.url.appendingPathComponent("clean")
            _ = try session.rebuild()
            let records = root.appendingPathComponent("records.yaml")
            let text = String(decoding: try Data(contentsOf: records), as: UTF8.self)
            try Data((text + "\nbroken: [unclosed\n").utf8).write(to: records)
            for round in 0..<2 {  // parsed, then kept
                let parses = session.documents.setYAMLParses
                _ = try session.rebuild()
                #expect(session.documents.setYAMLParses == parses + (round == 0 ? 1 : 0))
                let expected = try Self.cleanBuild(root, into: clean)
                #expect(session.diagnostics == expected.diagnostics && session.diagnostics.contains { $0.location?.path == "records.yaml" })
                #expect(RandomEdits.differences(session.output, clean, hidden: false).isEmpty)
            }
            try Data(text.utf8).write(to: records)
            _ = try session.rebuild()
            let expected = try Self.cleanBuild(root, into: clean)
            #expect(session.diagnostics == expected.diagnostics && !session.diagnostics.contains { $0.location?.path == "records.yaml" })
            #expect(RandomEdits.differences(session.output, clean, hidden: false).isEmpty)
        }
    }

    @Test func aRemovedDocumentLeavesTheServedFolderAndAnAddedOneIsRead() throws {
        try TemporaryFolder.with { folder in
            let root = folder.url.appendingPathComponent("set")
            try FileManager.default.copyItem(at: Self.example, to: root)
            let session = try Self.session(root, in: folder)
            let clean = folder.url.appendingPathComponent("clean")
            let first = try session.rebuild()
            let procedure = try #require(try CheckOutcome.check(root).set.documents.first { $0.number == "QP-03" })
            let moved = folder.url.appendingPathComponent("QP-03-aside")
            try FileManager.default.moveItem(at: root.appendingPathComponent(procedure.folder), to: moved)
            let without = try session.rebuild()
            #expect(without.documents == first.documents - 1)
            #expect(!FileManager.default.fileExists(atPath: session.output.path + "/QP-03"))
            _ = try Self.cleanBuild(root, into: clean)
            #expect(RandomEdits.differences(session.output, clean, hidden: false).isEmpty)
            try FileManager.default.moveItem(at: moved, to: root.appendingPathComponent(procedure.folder))
            let back = try session.rebuild()
            #expect(back.documents == first.documents && session.documents.lastRead == 1)
            let expected = try Self.cleanBuild(root, into: clean)
            #expect(session.diagnostics == expected.diagnostics)
            #expect(RandomEdits.differences(session.output, clean, hidden: false).isEmpty)
        }
    }
}

/// A flag set from another task.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
