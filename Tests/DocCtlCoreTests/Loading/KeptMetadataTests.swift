@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// An incremental `build -o` takes what a document's YAML files gave it from its cache when their
/// text is unchanged (``KeptMetadata``) instead of parsing them: the documents, diagnostics and
/// output are those a load from scratch gives.
@Suite struct KeptMetadataTests {
    typealias Builds = IncrementalBuildTests

    /// Every field of `document` but its body's, as text: a field added to ``Document`` and not
    /// kept makes two loads differ here.
    static func metadata(_ document: Document) -> String {
        let body: Set<String> = ["bodyFiles", "preamble", "sections", "repeatedPlaceholders", "hasUnreadableBody", "images",
                                 "imageSources", "droppedBody", "bodyCheck", "bodySummaryMemo"]
        return Mirror(reflecting: document).children.filter { !body.contains($0.label ?? "") }
            .map { "\($0.label ?? "?"): \(String(reflecting: $0.value))" }.joined(separator: "\n")
    }

    /// The load of a build (taking over what the build in `output` kept) next to a load from scratch:
    /// same documents, fields and diagnostics. Returns the folders whose YAML was taken over.
    @discardableResult
    static func compare(_ root: URL, output: URL) throws -> (taken: Set<String>, folders: [String]) {
        let checks = Build.checkCache(for: output)
        let checked = try CheckedSet.load(root, today: FixtureSet.today, strict: false, checks: checks, dropsBodies: true)
        let fresh = try CheckedSet.load(root, today: FixtureSet.today, strict: false)
        #expect(checked.diagnostics == fresh.diagnostics)
        #expect(checked.set.documents.map(\.number) == fresh.set.documents.map(\.number))
        #expect(checked.set.unloadableFolders == fresh.set.unloadableFolders)
        for (taken, parsed) in zip(checked.set.documents, fresh.set.documents) {
            #expect(metadata(taken) == metadata(parsed))
        }
        #expect(checked.set.keptMetadata == fresh.set.keptMetadata)
        #expect(Set(checked.set.sources.keys) == Set(fresh.set.sources.keys))
        return (checked.set.metadataTakenOver, fresh.set.documents.map(\.folder))
    }

    static func edit(_ root: URL, _ path: String, _ transform: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        try Data(transform(String(decoding: try Data(contentsOf: url), as: UTF8.self)).utf8).write(to: url)
    }

    static func folder(_ number: String, in root: URL) throws -> String {
        try #require(try CheckOutcome.check(root).set.documents.first { $0.number == number }).folder
    }

    @Test func onlyTheEditedYAMLIsParsedAgain() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            let first = try Builds.buildChecked(root, into: output, incremental: false)
            #expect(first.checked.set.metadataTakenOver.isEmpty)
            #expect(BuildCache.read(from: output)?.metadata == first.checked.set.keptMetadata)
            let (qp03, qp04, qp05, qp06) = (try Self.folder("QP-03", in: root), try Self.folder("QP-04", in: root),
                                            try Self.folder("QP-05", in: root), try Self.folder("QP-06", in: root))
            // Each of the four files, in a document of its own.
            try Self.edit(root, "\(qp03)/document.yaml") { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: 新") }
            try Self.edit(root, "\(qp04)/distribution.yaml") { $0 + "\n# 复核\n" }
            try Self.edit(root, "\(qp05)/history.yaml") { $0.replacingOccurrences(of: "change: ", with: "change: 修订说明") }
            try Self.edit(root, "\(qp06)/acknowledgements.yaml") { $0 + "\n# 复核\n" }

            let (taken, folders) = try Self.compare(root, output: output)
            #expect(taken == Set(folders).subtracting([qp03, qp04, qp05, qp06]))
            let again = try Builds.buildChecked(root, into: output)
            #expect(again.checked.set.metadataTakenOver == taken)
            #expect(again.checked.set.documents.first { $0.folder == qp03 }?.title.hasPrefix("新") == true)
            try Builds.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// The findings of unchanged YAML (an unknown key, a date that is not one, a missing history)
    /// are reported by a load that takes the fields over, as by one that parses them.
    @Test func theDiagnosticsOfUnchangedYAMLAreReportedAgain() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let (qp03, qp05) = (try Self.folder("QP-03", in: root), try Self.folder("QP-05", in: root))
            try Self.edit(root, "\(qp03)/document.yaml") {
                $0.replacingOccurrences(of: "\nlast-review: 2026-04-08", with: "\nlast-review: 2026-13-08") + "ownr: 采购部\n"
            }
            try FileManager.default.removeItem(at: root.appendingPathComponent("\(qp05)/history.yaml"))
            try Builds.build(root, into: output)
            let (taken, folders) = try Self.compare(root, output: output)
            #expect(taken == Set(folders))
            let again = try Builds.buildChecked(root, into: output)
            #expect(again.checked.set.metadataTakenOver.isSuperset(of: [qp03, qp05]))
            let found = again.checked.diagnostics
            #expect(found.contains { $0.rule == "unknown-key" && $0.location?.path == "\(qp03)/document.yaml" })
            #expect(found.contains { $0.rule == "bad-date" && $0.location?.path == "\(qp03)/document.yaml" })
            #expect(found.contains { $0.rule == "missing-file" && $0.location?.path == "\(qp05)/history.yaml" })
        }
    }

    /// A YAML file that appears, disappears or cannot be read (not UTF-8) is not a matter of text
    /// the entry was made from: the document is loaded from scratch and reports it.
    @Test func aFileAddedRemovedOrUnreadableIsLoadedFromScratch() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            let (qp03, qp04, qp06) = (try Self.folder("QP-03", in: root), try Self.folder("QP-04", in: root),
                                      try Self.folder("QP-06", in: root))
            try Builds.build(root, into: output)
            // A register added to QP-03, QP-04's removed, and QP-06's acknowledgements not UTF-8.
            try Data("- { copy: \"01\", revision: \"A/0\", issued: 2025-10-01 }\n".utf8)
                .write(to: root.appendingPathComponent("\(qp03)/distribution.yaml"))
            try FileManager.default.removeItem(at: root.appendingPathComponent("\(qp04)/distribution.yaml"))
            try Data([0x2D, 0x20, 0xB2, 0xE2, 0xCA, 0xD4, 0x0A]).write(to: root.appendingPathComponent("\(qp06)/acknowledgements.yaml"))
            var (taken, folders) = try Self.compare(root, output: output)
            #expect(taken == Set(folders).subtracting([qp03, qp04, qp06]))
            try Builds.build(root, into: output)
            // The unreadable file is never kept: the next load parses that document again.
            (taken, folders) = try Self.compare(root, output: output)
            #expect(taken == Set(folders).subtracting([qp06]))
            let again = try Builds.buildChecked(root, into: output)
            #expect(again.checked.diagnostics.contains { $0.rule == "encoding" && $0.location?.path == "\(qp06)/acknowledgements.yaml" })
            try Builds.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// A document.yaml that no longer gives a document (no number): the folder is reported as
    /// one that does not load, as from scratch.
    @Test func aDocumentThatNoLongerLoadsIsReported() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let qp03 = try Self.folder("QP-03", in: root)
            try Builds.build(root, into: output)
            try Self.edit(root, "\(qp03)/document.yaml") { $0.replacingOccurrences(of: "number: QP-03\n", with: "") }
            let (taken, folders) = try Self.compare(root, output: output)
            #expect(!folders.contains(qp03) && taken == Set(folders))
        }
    }

    /// A kept entry under another key is not taken, nor one whose fields do not parse: the YAML is
    /// parsed.
    @Test func anEntryUnderAnotherKeyOrThatDoesNotParseIsNotTaken() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let clean = folder.url.appendingPathComponent("clean")
            try Builds.build(root, into: output)
            var cache = try #require(BuildCache.read(from: output))
            let folders = cache.metadata.keys.sorted()
            let (other, damaged) = (folders[0], folders[1])
            // Another document's fields under another key, and the right key over fields cut short.
            cache.metadata[other] = KeptMetadata(key: String(repeating: "0", count: 64), fields: cache.metadata[damaged]!.fields)
            cache.metadata[damaged] = KeptMetadata(key: cache.metadata[damaged]!.key, fields: Array(cache.metadata[damaged]!.fields.dropLast(9)))
            try cache.data.write(to: output.appendingPathComponent(BuildCache.file))
            let (taken, all) = try Self.compare(root, output: output)
            #expect(taken == Set(all).subtracting([other, damaged]))
            try Builds.build(root, into: output)
            try Builds.build(root, into: clean, incremental: false)
            #expect(RandomEdits.differences(output, clean).isEmpty)
        }
    }

    /// What the cache keeps decodes to the documents the load made (every field), and reads back
    /// as written.
    @Test func keptMetadataReadsBackAsWritten() throws {
        try TemporaryFolder.with { folder in
            let root = try Builds.copyExample(to: folder)
            let output = folder.url.appendingPathComponent("out")
            let built = try Builds.buildChecked(root, into: output)
            let bytes = try Data(contentsOf: output.appendingPathComponent(BuildCache.file))
            let cache = try #require(BuildCache(data: bytes, readingDocuments: false))
            let set = built.checked.set
            #expect(cache.metadata.count == set.documents.count)
            #expect(cache.metadata == set.keptMetadata)
            for document in set.documents {
                let (decoded, _) = try #require(cache.metadata[document.folder]?.document(folder: document.folder))
                #expect(Self.metadata(decoded) == Self.metadata(document), "\(document.number)")
            }
            // The files kept are those the loaders read.
            #expect(KeptMetadata.files == ["document.yaml", DistributionLoader.fileName, AcknowledgementLoader.fileName, "history.yaml"])
            // The example has what every kind of field needs.
            #expect(set.documents.contains { !$0.copyIssues.isEmpty } && set.documents.contains { !$0.acknowledgements.isEmpty })
            #expect(set.documents.contains { !$0.countersigned.isEmpty } && set.documents.contains { $0.withdrawal != nil })
            #expect(set.documents.contains { $0.history.contains { $0.digest != nil } })
        }
    }
}
