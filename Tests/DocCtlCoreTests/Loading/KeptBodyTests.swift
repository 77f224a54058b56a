@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// An incremental `build -o` takes the bodies of documents whose body text is unchanged from its
/// cache instead of parsing them (``KeptBody``): the documents, diagnostics and output are those
/// a load from scratch gives.
@Suite struct KeptBodyTests {
    typealias Builds = IncrementalBuildTests

    /// Everything loading a body gives a document, dropped (the blocks are parsed again only to render it).
    static func body(_ document: Document) -> (kept: KeptBody, text: String) {
        let dropped = document.droppingBody()
        var text = "\(dropped.bodyFiles.map(\.path)) \(dropped.hasUnreadableBody) \(dropped.placeholderNames)\n"
        text += "\(dropped.images.map { "\($0.source) \($0.sha256)" }) \(dropped.imageSources.sorted(by: { $0.key < $1.key }))\n"
        dropped.forEachSection { text += "\($0.clauses) \($0.isStub) \($0.isUnwritten)\n" }
        return (KeptBody(key: "", document: dropped, images: []), text)
    }

    /// A build's load and check (as `build -o` runs them before rendering) next to a load and check from scratch.
    static func compare(_ root: URL, output: URL) throws -> (taken: Set<String>, folders: [String]) {
        let checks = Build.checkCache(for: output)
        let checked = try CheckedSet.load(root, today: FixtureSet.today, strict: false, checks: checks, dropsBodies: true)
        let fresh = try CheckedSet.load(root, today: FixtureSet.today, strict: false)
        #expect(checked.diagnostics == fresh.diagnostics)
        #expect(checked.documentChecks == fresh.documentChecks)
        #expect(checked.set.documents.map(\.number) == fresh.set.documents.map(\.number))
        for (taken, parsed) in zip(checked.set.documents, fresh.set.documents) {
            let (kept, text) = body(taken), (fresh, freshText) = body(parsed)
            #expect(kept == fresh, "\(taken.number)")
            #expect(text == freshText, "\(taken.number)")
        }
        #expect(checked.set.keptBodies == fresh.set.keptBodies)
        return (checked.set.bodiesTakenOver, fresh.set.documents.map(\.folder))
    }

    @Test func onlyTheEditedBodyIsParsedAgain() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            let first = try Builds.buildChecked(root, into: output, incremental: false)
            #expect(first.checked.set.bodiesTakenOver.isEmpty)
            #expect(BuildCache.read(from: output)?.bodies == first.checked.set.keptBodies)
            let set = first.checked.set
            let edited = try #require(set.documents.first { $0.number == "QP-03" })
            let body = root.appendingPathComponent(edited.bodyFiles[0].path)
            try Data((String(decoding: try Data(contentsOf: body), as: UTF8.self) + "\n## 补充说明\n\n新增一段。\n").utf8).write(to: body)

            let (taken, folders) = try Self.compare(root, output: output)
            #expect(taken == Set(folders).subtracting([edited.folder]))
            let again = try Builds.buildChecked(root, into: output)
            #expect(again.checked.set.bodiesTakenOver == taken)
            try Builds.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// docset.yaml changed: no check record is taken over, every body is; the check parses the
    /// bodies again from the text the load read and finds what a check from scratch finds.
    @Test func aChangeOfTheSetsFilesTakesTheBodiesButChecksThemAgain() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            try Builds.build(root, into: output)
            let config = root.appendingPathComponent("docset.yaml")
            try Data((String(decoding: try Data(contentsOf: config), as: UTF8.self) + "\n# 基准日期调整\n").utf8).write(to: config)
            let (taken, folders) = try Self.compare(root, output: output)
            #expect(taken == Set(folders))
            let again = try Builds.buildChecked(root, into: output)
            #expect(again.checksReused == 0)
        }
    }

    @Test func anImageAddedOrRemovedUnderAnUnchangedBodyIsLoadedAgain() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            let set = try CheckOutcome.check(root).set
            let document = try #require(set.documents.first { $0.number == "QP-06" })
            #expect(!document.images.isEmpty)
            // A second image, missing at first: missing-file, then added, then the first removed.
            let body = root.appendingPathComponent(document.bodyFiles[0].path)
            try Data((String(decoding: try Data(contentsOf: body), as: UTF8.self) + "\n![第二张图](media/second.png)\n").utf8).write(to: body)
            let image = root.appendingPathComponent("\(document.folder)/media/change-flow.png")
            let second = root.appendingPathComponent("\(document.folder)/media/second.png")
            try Builds.build(root, into: output)
            let missing = try CheckedSet.load(root, today: FixtureSet.today, strict: false)
            #expect(missing.diagnostics.contains { $0.rule == "missing-file" && $0.location?.path == document.bodyFiles[0].path })

            try FileManager.default.copyItem(at: image, to: second)
            var (taken, _) = try Self.compare(root, output: output)
            #expect(taken.contains(document.folder))
            try Builds.build(root, into: output)
            try Builds.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)

            try FileManager.default.removeItem(at: image)
            (taken, _) = try Self.compare(root, output: output)
            #expect(taken.contains(document.folder))
            try Builds.build(root, into: output)
            try Builds.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    @Test func theLoadDiagnosticsOfAnUnchangedBodyAreReportedAgain() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let set = try CheckOutcome.check(root).set
            let document = try #require(set.documents.first { $0.number == "QP-04" })
            let body = root.appendingPathComponent(document.bodyFiles[0].path)
            try Data((String(decoding: try Data(contentsOf: body), as: UTF8.self)
                + "\n![外部图](https://example.com/flow.png)\n\n![上级目录](../../../outside.png)\n").utf8).write(to: body)
            try Builds.build(root, into: output)
            let (taken, _) = try Self.compare(root, output: output)
            #expect(taken.contains(document.folder))
            let again = try Builds.buildChecked(root, into: output)
            #expect(again.checked.diagnostics.contains { $0.rule == "remote-image" && $0.location?.path == document.bodyFiles[0].path })
            #expect(again.checked.diagnostics.contains { $0.rule == "path-outside-set" && $0.location?.path == document.bodyFiles[0].path })
        }
    }

    /// A kept body under another key — another docctl, or a cache that says otherwise — is never
    /// taken: the body is parsed.
    @Test func aKeptBodyUnderAnotherKeyIsNotTaken() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            try Builds.build(root, into: output)
            var cache = try #require(BuildCache.read(from: output))
            let (folderName, kept) = try #require(cache.bodies.min { $0.key < $1.key })
            // What another body would give, under another key: taking it would change the output.
            let forged = KeptBody(key: String(repeating: "0", count: 64), sections: [], summary: kept.summary,
                                  repeatedPlaceholders: [:], images: kept.images)
            #expect(forged.fields != kept.fields)
            cache.bodies[folderName] = forged
            try cache.data.write(to: output.appendingPathComponent(BuildCache.file))
            let (taken, folders) = try Self.compare(root, output: output)
            #expect(taken == Set(folders).subtracting([folderName]))
            try Builds.build(root, into: output)
            try Builds.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    @Test func keptBodiesReadBackAsWritten() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let built = try Builds.buildChecked(root, into: output)
            let bytes = try Data(contentsOf: output.appendingPathComponent(BuildCache.file))
            let cache = try #require(BuildCache(data: bytes, readingDocuments: false))
            #expect(cache.bodies.count == built.checked.set.documents.count)
            #expect(cache.bodies == built.checked.set.keptBodies)
            #expect(cache.bodies.values.contains { !$0.images.isEmpty })
            #expect(cache.bodies.values.contains { $0.sections.contains { !$0.children.isEmpty } })
            #expect(cache.bodies.values.contains { !$0.summary.generatedBlocks.isEmpty })
        }
    }
}
