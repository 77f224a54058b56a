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
