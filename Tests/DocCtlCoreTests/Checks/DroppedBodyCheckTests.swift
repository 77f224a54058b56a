@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `check` and `build` load a set without keeping its parsed bodies (``DocumentSetLoader/dropsBodies``)
/// and check each body on its own (``DocumentChecks/records(_:cache:)``): the same findings as a set held whole.
@Suite struct DroppedBodyCheckTests {
    /// A procedure body breaking every rule that reads bodies.
    static func fixture() -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.write("\(FixtureSet.procedureFolder)/body.md", """
            # 1 目的

            <div>原始 HTML</div>

            规定成文信息的控制方法，见[[QP-99]]和[[9.9.9]]，以及[[QP-01@Z/9]]与《不存在的文件》。<b>粗</b>

            # 2 范围

            **注：**本条适用于全部文件。另见[外部](../../../etc/passwd)。

            {{nope}}

            # 3 职责

            TODO

            {{document-list}}

            # 4 工作程序

            {{document-list}}

            """)
        return fixture
    }

    @Test func aSetCheckedWithoutItsBodiesHasTheFindingsOfTheWholeSet() throws {
        try TemporaryFolder.with { folder in
            try Self.fixture().materialize(in: folder.url)
            let whole = try CheckedSet.load(folder.url, today: FixtureSet.today, strict: false)
            let dropped = try CheckedSet.load(folder.url, today: FixtureSet.today, strict: false, dropsBodies: true)
            #expect(dropped.set.documents.allSatisfy { $0.bodyDropped })
            #expect(!whole.set.documents.contains { $0.bodyDropped })
            let rules = Set(whole.diagnostics.map(\.rule))
            for rule in ["raw-html", "unresolved-reference", "unknown-title", "unknown-placeholder", "duplicate-generated-block",
                         "unparsed-emphasis", "unfinished-section"] {
                #expect(rules.contains(rule), "the fixture must break \(rule): \(rules.sorted())")
            }
            #expect(dropped.diagnostics == whole.diagnostics)
            // The bodies' text stays (digests, snippets); their parsed blocks do not.
            for document in dropped.set.documents {
                #expect(document.allSections.allSatisfy { $0.blocks.isEmpty } && document.preamble.isEmpty)
                for body in document.bodyFiles { #expect(dropped.set.sources[body.path] != nil) }
            }
        }
    }

    /// Without records to take over, each body's part of the check is made while it is parsed at the
    /// load (``DocumentSetLoader/checksBody``), not by parsing it again: the records and findings
    /// must be those of a body parsed again (`build -o` with earlier records) and of the whole set.
    @Test(arguments: ["rules broken", "sealed"])
    func aBodyCheckedWhileItIsLoadedIsCheckedAsOneParsedAgainAndAsTheWholeSet(_ fixture: String) throws {
        try TemporaryFolder.with { folder in
            try (fixture == "sealed" ? FixtureSet.withSupersededManual() : Self.fixture()).materialize(in: folder.url)
            let whole = try CheckedSet.load(folder.url, today: FixtureSet.today, strict: false)
            let atLoad = try CheckedSet.load(folder.url, today: FixtureSet.today, strict: false, dropsBodies: true)
            #expect(atLoad.set.documents.allSatisfy { $0.bodyDropped && $0.bodyCheck != nil })
            let (set, loadDiagnostics) = try DocumentSetLoader(dropsBodies: true).load(folder.url)
            #expect(set.documents.allSatisfy { $0.bodyDropped && $0.bodyCheck == nil })
            let parsedAgain = CheckedSet.checking(set, loadDiagnostics: loadDiagnostics, today: FixtureSet.today, strict: false)
            #expect(!whole.documentChecks.isEmpty)
            if fixture == "sealed" {
                #expect(whole.documentChecks.values.contains { $0.summary.contentDigest != nil }, "a sealed document's digest is part of its record")
            } else {
                #expect(whole.documentChecks.values.contains { !$0.findings.isEmpty })
            }
            #expect(atLoad.documentChecks == whole.documentChecks)
            #expect(parsedAgain.documentChecks == whole.documentChecks)
            #expect(atLoad.diagnostics == whole.diagnostics && parsedAgain.diagnostics == whole.diagnostics)
            for (dropped, kept) in zip(atLoad.set.documents, whole.set.documents) {
                #expect(dropped.bodyCheck == DocumentChecks.bodyCheck(kept))
            }
            // A body parsed again for rendering leaves its check behind.
            #expect(BodyReloader.parsing(atLoad.set.documents[0], sources: atLoad.set.sources)?.bodyCheck == nil)
            // With records to take over (`build -o`), nothing is checked at the load.
            let records = DocumentCheckCache(records: whole.documentChecks)
            let incremental = try CheckedSet.load(folder.url, today: FixtureSet.today, strict: false, checks: records, dropsBodies: true)
            #expect(incremental.set.documents.allSatisfy { $0.bodyDropped && $0.bodyCheck == nil })
            #expect(incremental.diagnostics == whole.diagnostics)
        }
    }

    /// The body summary is kept once computed (serve's render keys read every document's on each
    /// save); a document given other body files gets the summary of those.
    @Test func aKeptBodySummaryFollowsTheBodyFiles() throws {
        try TemporaryFolder.with { folder in
            try RenderingFixtures.fullSet().materialize(in: folder.url)
            let documents = try CheckedSet.load(folder.url, today: FixtureSet.today, strict: false).set.documents
            let summaries = documents.map(\.bodySummary)
            let pairs = documents.indices.flatMap { first in documents.indices.map { (first, $0) } }
            let (kept, other) = try #require(pairs.first { first, second in
                summaries[first].generatedBlocks != summaries[second].generatedBlocks
                    && summaries[first].preamblePlaceholders == summaries[second].preamblePlaceholders
            })
            var changed = documents[kept]
            changed.bodyFiles = documents[other].bodyFiles
            #expect(changed.bodySummary.generatedBlocks == summaries[other].generatedBlocks)
            #expect(documents[kept].bodySummary == summaries[kept])
        }
    }

    @Test func theContentDigestAndRenderKeysOfADroppedBodyAreThoseOfTheBody() throws {
        try TemporaryFolder.with { folder in
            try RenderingFixtures.fullSet().materialize(in: folder.url)
            let whole = try CheckedSet.load(folder.url, today: FixtureSet.today, strict: false)
            let dropped = try CheckedSet.load(folder.url, today: FixtureSet.today, strict: false, dropsBodies: true)
            for (kept, without) in zip(whole.set.documents, dropped.set.documents) {
                #expect(dropped.set.contentDigest(of: without) == whole.set.contentDigest(of: kept))
                #expect(without.placeholderNames == kept.placeholderNames)
                #expect(without.bodySummary == kept.bodySummary)
            }
            let settings = try RenderSettings.resolve(for: whole.set, templatesFolder: nil, today: FixtureSet.today,
                                                      environment: BuildTests.environment)
            let keys = RenderKeys.compute(try settings.renderer(for: whole.set, draft: nil))
            #expect(RenderKeys.compute(try settings.renderer(for: dropped.set, draft: nil)) == keys)
            // The site pages' key reads only what a dropped body keeps.
            let site = RenderKeys.sitePages(try settings.renderer(for: whole.set, draft: nil), context: keys.context)
            #expect(RenderKeys.sitePages(try settings.renderer(for: dropped.set, draft: nil), context: keys.context) == site)
            #expect(try settings.renderer(for: dropped.set, draft: nil).site.recordList == settings.renderer(for: whole.set, draft: nil).site.recordList)
        }
    }
}
