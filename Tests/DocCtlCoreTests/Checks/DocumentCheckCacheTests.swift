import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The per-document part of `check` is taken over for unchanged documents (serve, `build -o`); the
/// set-level part always runs on every document's summary, so a change in one document is
/// reported where it breaks another, whose own record was taken over.
@Suite struct DocumentCheckCacheTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("manual-src")

    /// Checks `root` with `cache`, and from scratch; both must find the same.
    static func check(_ root: URL, _ cache: DocumentCheckCache) throws -> CheckedSet {
        let checked = try CheckedSet.load(root, today: FixtureSet.today, strict: false, checks: cache)
        let fresh = try CheckedSet.load(root, today: FixtureSet.today, strict: false)
        #expect(checked.diagnostics == fresh.diagnostics)
        #expect(checked.documentChecks == fresh.documentChecks)
        return checked
    }

    static func edit(_ root: URL, _ path: String, _ transform: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        try Data(transform(String(decoding: try Data(contentsOf: url), as: UTF8.self)).utf8).write(to: url)
    }

    /// A copy of the example, checked once with `cache` (every document walked).
    static func primed(_ folder: TemporaryFolder, _ cache: DocumentCheckCache) throws -> (root: URL, documents: Int) {
        let root = folder.url.appendingPathComponent("set")
        try FileManager.default.copyItem(at: example, to: root)
        let first = try check(root, cache)
        #expect(cache.reusedCount == 0 && cache.current.count == first.set.documents.count)
        return (root, first.set.documents.count)
    }

    @Test func aReferenceToAClauseWhoseHeadingWasCutInAnotherDocumentIsReported() throws {
        try TemporaryFolder.with { folder in
            let cache = DocumentCheckCache()
            let (root, documents) = try Self.primed(folder, cache)
            let referrer = "procedures/QP-04-incident-request/body.md"
            #expect(String(decoding: try Data(contentsOf: root.appendingPathComponent(referrer)), as: UTF8.self).contains("[[8.6.1]]"))
            try Self.edit(root, "manual/08-4-resolution.md") { $0.replacingOccurrences(of: "### 8.6.1 事件管理", with: "### 事件管理") }
            let after = try Self.check(root, cache)
            // Only the manual was walked again; QP-04's record was taken over, and its reference is reported.
            #expect(cache.reusedCount == documents - 1)
            #expect(after.diagnostics.contains { $0.rule == Rules.unresolvedReference.id && $0.location?.path == referrer && $0.message.contains("8.6.1") })
        }
    }

    @Test func aReferenceToADocumentWithdrawnSinceIsReported() throws {
        try TemporaryFolder.with { folder in
            let cache = DocumentCheckCache()
            let (root, documents) = try Self.primed(folder, cache)
            try Self.edit(root, "procedures/QP-04-incident-request/document.yaml") { $0 + "status: withdrawn\n" }
            let after = try Self.check(root, cache)
            #expect(cache.reusedCount == documents - 1)
            #expect(after.diagnostics.contains {
                $0.rule == Rules.withdrawnReference.id && $0.location?.path == "instructions/XQ-WI-01-service-desk-duty/body.md"
            })
        }
    }

    @Test func aLinkToAFileRemovedFromAnotherDocumentsFolderIsReported() throws {
        try TemporaryFolder.with { folder in
            let root = folder.url.appendingPathComponent("set")
            try FileManager.default.copyItem(at: Self.example, to: root)
            // QP-01 links to a form kept in QP-04's folder (not a source of QP-04: nothing loads it).
            try Data("表单\n".utf8).write(to: root.appendingPathComponent("procedures/QP-04-incident-request/form.txt"))
            try Self.edit(root, "procedures/QP-01-documented-information/body.md") { $0 + "\n见[事件单](../QP-04-incident-request/form.txt)。\n" }
            let cache = DocumentCheckCache()
            let first = try Self.check(root, cache)
            #expect(!first.diagnostics.contains { $0.rule == Rules.missingFile.id })
            try FileManager.default.removeItem(at: root.appendingPathComponent("procedures/QP-04-incident-request/form.txt"))
            let after = try Self.check(root, cache)
            #expect(cache.reusedCount == first.set.documents.count)
            #expect(after.diagnostics.contains {
                $0.rule == Rules.missingFile.id && $0.location?.path == "procedures/QP-01-documented-information/body.md"
            })
        }
    }

    /// docset.yaml (language, standards, harmonized) and the set's own clause trees are in every
    /// key: a change there checks every document again.
    @Test func aChangeOfDocsetYAMLChecksEveryDocumentAgain() throws {
        try TemporaryFolder.with { folder in
            let cache = DocumentCheckCache()
            let (root, _) = try Self.primed(folder, cache)
            try Self.edit(root, "docset.yaml") { $0 + "\n# 注释\n" }
            _ = try Self.check(root, cache)
            #expect(cache.reusedCount == 0)
        }
    }

    /// A document's own findings come back with it: fixed in its sources, gone; unchanged, still there.
    @Test func aDocumentsOwnFindingsFollowItsSources() throws {
        try TemporaryFolder.with { folder in
            let cache = DocumentCheckCache()
            let root = folder.url.appendingPathComponent("set")
            try FileManager.default.copyItem(at: Self.example, to: root)
            let body = "procedures/QP-05-problem/body.md"
            try Self.edit(root, body) { $0 + "\n<div>原始</div>\n\n{{no-such-block}}\n" }
            let first = try Self.check(root, cache)
            let own = first.diagnostics.filter { $0.location?.path == body && ($0.rule == Rules.rawHTML.id || $0.rule == Rules.unknownPlaceholder.id) }
            #expect(own.count == 2)
            try Self.edit(root, "procedures/QP-06-change/body.md") { $0 + "\n补充。\n" }
            let kept = try Self.check(root, cache)
            #expect(cache.reusedCount == first.set.documents.count - 1)
            #expect(own.allSatisfy(kept.diagnostics.contains))
            try Self.edit(root, body) { $0.replacingOccurrences(of: "\n<div>原始</div>\n\n{{no-such-block}}\n", with: "") }
            let fixed = try Self.check(root, cache)
            #expect(!fixed.diagnostics.contains { $0.location?.path == body && ($0.rule == Rules.rawHTML.id || $0.rule == Rules.unknownPlaceholder.id) })
        }
    }

    /// A sealed document's content digest is kept with its record and given to the set when the
    /// record is taken over: it is the digest of the document as it is now, and a document
    /// changed since release is still reported (its key changed, so it is digested again).
    @Test func aKeptContentDigestIsTheDigestOfTheDocumentNow() throws {
        try TemporaryFolder.with { folder in
            let cache = DocumentCheckCache()
            let (root, documents) = try Self.primed(folder, cache)
            #expect(cache.current.values.contains { $0.summary.contentDigest != nil })
            try Self.edit(root, "procedures/QP-06-change/body.md") { $0 + "\n发布后的修改。\n" }
            let after = try Self.check(root, cache)
            #expect(cache.reusedCount == documents - 1)
            for document in after.set.documents {
                #expect(after.set.contentDigest(of: document) == ContentDigest.digest(document, sources: after.set.sources), "\(document.number)")
            }
            #expect(after.diagnostics.contains { $0.rule == Rules.changedSinceRelease.id && $0.location?.path.hasPrefix("procedures/QP-06-change/") == true })
        }
    }

    /// The records go through the build cache's format and come back equal.
    @Test func theRecordsReadBackFromTheBuildCache() throws {
        try TemporaryFolder.with { folder in
            let root = folder.url.appendingPathComponent("set")
            try FileManager.default.copyItem(at: Self.example, to: root)
            try Self.edit(root, "procedures/QP-05-problem/body.md") { $0 + "\n<div>原始</div>\n\n见 [[QP-99]] 与《无此文件》，[链接](x.txt)。\n\n{{procedure-lst}}\n" }
            let checked = try CheckedSet.load(root, today: FixtureSet.today, strict: false)
            var cache = BuildCache()
            cache.checks = checked.documentChecks
            let read = try #require(BuildCache(data: cache.data))
            #expect(read.checks == checked.documentChecks)
            #expect(read.checks.values.contains { !$0.findings.isEmpty && !$0.summary.references.isEmpty && !$0.summary.links.isEmpty })
            #expect(read.checks.values.flatMap(\.findings).contains { !$0.notes.isEmpty && $0.fix != nil })
        }
    }
}
