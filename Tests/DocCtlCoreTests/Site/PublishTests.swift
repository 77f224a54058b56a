@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl publish` and `docctl verify`: immutable revisions, regenerated site pages, faults.
@Suite(.serialized) struct PublishTests {
    static let procedure = FixtureSet.procedureNumber
    static let body = "\(FixtureSet.procedureFolder)/body.md"

    /// A workspace whose two documents are released, and an empty place for the site.
    final class Fixture {
        let workspace: WorkflowWorkspace
        let siteParent: TemporaryFolder
        var site: URL { siteParent.url.appendingPathComponent("site") }

        init(_ fixture: FixtureSet = .valid(), releaseProcedure: Bool = true) throws {
            workspace = try WorkflowWorkspace(fixture)
            siteParent = try TemporaryFolder(prefix: "docctl-site")
            _ = try workspace.release(FixtureSet.manualNumber)
            if releaseProcedure { _ = try workspace.release(PublishTests.procedure) }
        }

        deinit { siteParent.remove() }

        func publish(requireAllReleased: Bool = false) throws -> Publish.Outcome {
            var publish = try publisher()
            publish.requireAllReleased = requireAllReleased
            return try publish.run(to: site)
        }

        /// A publish of the fixture's sources as they are now, to be adjusted and run by the test.
        func publisher() throws -> Publish {
            let outcome = try workspace.check()
            return Publish(set: outcome.set, diagnostics: outcome.diagnostics, templates: try TemplateSet.bundled(),
                           buildDate: FixtureSet.today, today: FixtureSet.today)
        }

        func files() throws -> [String: Data] { try SiteFiles.read(site) }

        func siteText(_ path: String) throws -> String {
            String(decoding: try Data(contentsOf: site.appendingPathComponent(path)), as: UTF8.self)
        }

        /// Revises and releases the procedure with one changed sentence.
        func reviseProcedure() throws {
            try workspace.replace("适用于手册", with: "适用于全部手册", in: PublishTests.body)
            _ = try workspace.revise(PublishTests.procedure, change: "扩大适用范围")
            try workspace.approve(PublishTests.procedure)
            _ = try workspace.release(PublishTests.procedure)
        }
    }

    @Test func theFirstPublishWritesEveryReleasedRevisionWithManifests() throws {
        let fixture = try Fixture()
        let outcome = try fixture.publish()
        #expect(outcome.added == ["\(FixtureSet.manualNumber) A/0", "\(Self.procedure) A/0"])
        let files = try fixture.files()
        for path in ["index.html", "coverage.html", "SHA256SUMS", "assets/docctl.js", "assets/search-index.json",
                     "\(Self.procedure)/index.html", "\(Self.procedure)/A-0/index.html", "\(Self.procedure)/A-0/\(Self.procedure)_A-0.xml",
                     "\(Self.procedure)/A-0/SHA256SUMS"] {
            #expect(files[path] != nil, "\(path)")
        }
        #expect(files[OutputWriter.marker] == nil, "a site must never look like `build` output, which is replaced wholesale")
        let verification = try SiteVerification.verify(fixture.site)
        #expect(verification.isIntact)
        #expect(verification.revisions == 2)
        #expect(try fixture.siteText("assets/docctl.js").contains("\"\(Self.procedure)\":\"A-0\""))
    }

    @Test func aNewRevisionIsAddedAndTheOldOneStaysByteIdentical() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let before = try fixture.files()
        try fixture.reviseProcedure()
        let outcome = try fixture.publish()
        #expect(outcome.added == ["\(Self.procedure) A/1"])
        #expect(outcome.superseded == ["\(Self.procedure) A/0"])
        let after = try fixture.files()
        for (path, data) in before where SiteFiles.revisionFolder(of: path) != nil {
            #expect(after[path] == data, "\(path) was rewritten")
        }
        #expect(after["\(Self.procedure)/A-1/index.html"] != nil)
        #expect(try fixture.siteText("\(Self.procedure)/index.html").contains("A-1/index.html"))
        #expect(try fixture.siteText("assets/docctl.js").contains("\"\(Self.procedure)\":\"A-1\""))
        #expect(try SiteVerification.verify(fixture.site).isIntact)
    }

    @Test func publishingAgainWithoutChangesChangesNothing() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let before = try fixture.files()
        let outcome = try fixture.publish()
        #expect(outcome.added.isEmpty)
        #expect(try fixture.files() == before)
    }

    @Test func unreleasedDocumentsStopThePublishWithRequireAllReleased() throws {
        let fixture = try Fixture(releaseProcedure: false)
        let error = try #require(refusal { try fixture.publish(requireAllReleased: true) })
        #expect(error.description.contains("not released"))
        #expect(error.notes.first == "\(Self.procedure): A/0 is not released yet")
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
    }

    @Test func documentsAbovePublishUpToNeverReachTheSite() throws {
        var set = FixtureSet.valid()
        set.replace("classification: 内部公开", with: "classification: 秘密", in: "\(FixtureSet.procedureFolder)/document.yaml")
        let fixture = try Fixture(set)
        let outcome = try fixture.publish()
        #expect(outcome.withheld == ["\(Self.procedure) (秘密)"])
        let files = try fixture.files()
        #expect(!files.keys.contains { $0.hasPrefix(Self.procedure + "/") })
        #expect(!(try fixture.siteText("assets/search-index.json")).contains("\"\(Self.procedure)/"))
        #expect(!(try fixture.siteText("assets/search-index.json")).contains("发放与回收"))
    }

    @Test func aSiteEditedByHandIsReportedAndNotTouched() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let page = fixture.site.appendingPathComponent("\(Self.procedure)/A-0/index.html")
        try Data("<p>edited</p>".utf8).write(to: page)
        try Data("extra".utf8).write(to: fixture.site.appendingPathComponent("extra.html"))
        try FileManager.default.removeItem(at: fixture.site.appendingPathComponent("coverage.html"))
        let verification = try SiteVerification.verify(fixture.site)
        let found: [String] = verification.problems.map { "\($0.kind) \($0.path)" }
        let expected: [String] = ["changed \(Self.procedure)/A-0/index.html", "missing coverage.html", "added extra.html"]
        #expect(found == expected)
        let before = try fixture.files()
        try fixture.reviseProcedure()
        let error = try #require(refusal { try fixture.publish() })
        #expect(error.description.contains("does not match its manifests"))
        #expect(try fixture.files() == before)
    }

    @Test func aRevisionManifestCatchesAnEditHiddenFromTheSiteManifest() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let path = "\(Self.procedure)/A-0/index.html"
        try Data("<p>forged</p>".utf8).write(to: fixture.site.appendingPathComponent(path))
        var manifest = try SiteManifest.parse(try Data(contentsOf: fixture.site.appendingPathComponent("SHA256SUMS")), path: "SHA256SUMS")
        manifest.entries[path] = SiteManifest.hash(Data("<p>forged</p>".utf8))
        try Data(manifest.text.utf8).write(to: fixture.site.appendingPathComponent("SHA256SUMS"))
        let problems = try SiteVerification.verify(fixture.site).problems
        #expect(problems == [SiteVerification.Problem(kind: .changed, path: path, manifest: "\(Self.procedure)/A-0/SHA256SUMS")])
    }

    @Test func aMissingOrCorruptManifestIsAClearRefusal() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let manifest = fixture.site.appendingPathComponent("SHA256SUMS")
        try Data("not a manifest\n".utf8).write(to: manifest)
        #expect(refusal { try SiteVerification.verify(fixture.site) }?.description.contains("corrupt") == true)
        try Data("0000000000000000000000000000000000000000000000000000000000000000  ../escape\n".utf8).write(to: manifest)
        #expect(refusal { try SiteVerification.verify(fixture.site) }?.description.contains("leaves the site") == true)
        try FileManager.default.removeItem(at: manifest)
        #expect(refusal { try SiteVerification.verify(fixture.site) }?.description.contains("no SHA256SUMS") == true)
        let before = try fixture.files()
        #expect(refusal { try fixture.publish() }?.description.contains("not a site published by docctl") == true)
        #expect(try fixture.files() == before)
    }

    @Test func aSecondPublishWaitsForNoOneAndIsRefused() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let before = try fixture.files()
        let lock = try SiteLock(site: fixture.site)
        let error = try #require(refusal { try fixture.publish() })
        #expect(error.description.contains("is locked: another docctl build or publish is writing it"))
        #expect(error.exitStatus == 2)
        withExtendedLifetime(lock) {}
        #expect(try fixture.files() == before)
    }

    @Test func leftoversOfAKilledPublishAreClearedAndTheSiteStaysWhole() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let parent = fixture.site.deletingLastPathComponent()
        // Killed while staging: a half-written staging folder beside the site.
        let stale = parent.appendingPathComponent(".site.docctl-stage-99999")
        try FileManager.default.createDirectory(at: stale.appendingPathComponent("QP-01"), withIntermediateDirectories: true)
        try Data("half".utf8).write(to: stale.appendingPathComponent("index.html"))
        #expect(try SiteVerification.verify(fixture.site).isIntact)
        // Killed between the two renames of a system without RENAME_EXCHANGE: the site is aside.
        try FileManager.default.moveItem(at: fixture.site, to: parent.appendingPathComponent(".site.docctl-stage-88888-previous"))
        try fixture.reviseProcedure()
        let outcome = try fixture.publish()
        #expect(outcome.added == ["\(Self.procedure) A/1"])
        #expect(outcome.kept.count == 2)
        #expect(try SiteVerification.verify(fixture.site).isIntact)
        let names = try FileManager.default.contentsOfDirectory(atPath: parent.path)
        #expect(!names.contains { $0.contains("docctl-stage") }, "\(names)")
    }

    @Test func aFolderOfTheUsersIsNeverPublishedInto() throws {
        let fixture = try Fixture()
        try FileManager.default.createDirectory(at: fixture.site, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: fixture.site.appendingPathComponent("notes.txt"))
        #expect(refusal { try fixture.publish() }?.description.contains("not a site published by docctl") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.site.path) == ["notes.txt"])
    }

    @Test func filesAreHashedInChunksToTheSameDigest() throws {
        try TemporaryFolder.with { folder in
            for size in [0, 1, 65_535, 65_536, 65_537, 200_003] {
                let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) })
                try data.write(to: folder.url.appendingPathComponent("f\(size)"))
                #expect(try SiteFiles.hash(of: "f\(size)", in: folder.url, isRegular: true) == SiteManifest.hash(data), "\(size) bytes")
            }
        }
    }

    @Test func aSymbolicLinkOnTheSiteIsNotTakenForItsTarget() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let path = "\(Self.procedure)/A-0/index.html"
        let page = fixture.site.appendingPathComponent(path)
        let copy = fixture.siteParent.url.appendingPathComponent("copy.html")
        try FileManager.default.moveItem(at: page, to: copy)
        try FileManager.default.createSymbolicLink(at: page, withDestinationURL: copy)
        let problems = try SiteVerification.verify(fixture.site).problems.map { "\($0.kind) \($0.path)" }
        #expect(problems == ["changed \(path)"])
        #expect(refusal { try fixture.publish() }?.description.contains("does not match its manifests") == true)
    }

    @Test func aRepublishCopiesKeptRevisionsAndRegeneratesTheRest() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let before = try fixture.files()
        try fixture.reviseProcedure()
        let outcome = try fixture.publish()
        #expect(outcome.kept == ["\(FixtureSet.manualNumber) A/0", "\(Self.procedure) A/0"])
        let after = try fixture.files()
        #expect(outcome.files == after.count)
        // Kept revision folders hold exactly the files they had, manifest included.
        let kept = before.keys.filter { SiteFiles.revisionFolder(of: $0) != nil }
        #expect(Set(kept).isSubset(of: Set(after.keys)))
        let added = after.keys.filter { $0.hasPrefix("\(Self.procedure)/A-1/") }.sorted()
        #expect(Set(added) == ["\(Self.procedure)/A-1/SHA256SUMS", "\(Self.procedure)/A-1/\(Self.procedure)_A-1.xml", "\(Self.procedure)/A-1/index.html"])
        let manifest = try SiteManifest.parse(after["\(Self.procedure)/A-1/SHA256SUMS"]!, path: "SHA256SUMS")
        #expect(manifest.entries == ["index.html": SiteManifest.hash(after["\(Self.procedure)/A-1/index.html"]!),
                                     "\(Self.procedure)_A-1.xml": SiteManifest.hash(after["\(Self.procedure)/A-1/\(Self.procedure)_A-1.xml"]!)])
        let site = try SiteManifest.parse(after["SHA256SUMS"]!, path: "SHA256SUMS")
        #expect(Set(site.entries.keys) == Set(after.keys).subtracting(["SHA256SUMS"]))
        #expect(try fixture.siteText("assets/docctl.js").components(separatedBy: "docctl publish: superseded revisions").count == 2,
                "the superseded script is appended once")
    }

    // MARK: Document control (issue 13)

    @Test func aNeverReleasedDocumentStaysOffTheSiteAndTheOthersArePublished() throws {
        let fixture = try Fixture(releaseProcedure: false)
        let outcome = try fixture.publish()
        #expect(outcome.added == ["\(FixtureSet.manualNumber) A/0"])
        #expect(outcome.notReleased == ["\(Self.procedure): A/0 is not released yet; never published, not on the site"])
        #expect(try fixture.files()["\(Self.procedure)/index.html"] == nil)
    }

    @Test func aDocumentBeingRevisedKeepsItsPublishedRevisionAsCurrent() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        try fixture.workspace.replace("适用于手册", with: "适用于全部手册", in: Self.body)
        _ = try fixture.workspace.revise(Self.procedure, change: "扩大适用范围")
        try fixture.workspace.approve(Self.procedure)
        let outcome = try fixture.publish()
        #expect(outcome.added.isEmpty)
        #expect(outcome.notReleased == ["\(Self.procedure): A/1 is not released yet; A/0 stays current"])
        #expect(try fixture.siteText("\(Self.procedure)/index.html").contains("A-0/index.html"))
        #expect(try fixture.siteText("index.html").contains("A/0"))
        #expect(!(try fixture.siteText("assets/search-index.json").contains("适用于全部手册")))
        #expect(try SiteVerification.verify(fixture.site).isIntact)
    }

    @Test func aSupersededRevisionGetsAStatusStylesheetThatSaysSuperseded() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let page = try fixture.siteText("\(Self.procedure)/A-0/index.html")
        #expect(page.contains("href=\"../../assets/status/\(Self.procedure)/A-0.css\""))
        #expect(!(try fixture.siteText("assets/status/\(Self.procedure)/A-0.css").contains("--docctl-watermark")))
        try fixture.reviseProcedure()
        _ = try fixture.publish()
        #expect(try fixture.siteText("\(Self.procedure)/A-0/index.html") == page)
        let css = try fixture.siteText("assets/status/\(Self.procedure)/A-0.css")
        #expect(css.contains("superseded by A/1"))
        #expect(css.contains("--docctl-watermark:\"作废 SUPERSEDED\""))
        #expect(!(try fixture.siteText("assets/status/\(Self.procedure)/A-1.css").contains("--docctl-watermark")))
    }

    @Test func revisionPagesCarryTheLivePrintDateAndTheBuildDateOnlyAsLabelledFallback() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        let page = try fixture.siteText("\(Self.procedure)/A-0/index.html")
        #expect(page.contains("data-print-notice=\"打印件为非受控文件 · 打印日期 {date}\""))
        #expect(page.contains("生成日期 \(FixtureSet.today)"))
        #expect(!page.contains("打印日期 \(FixtureSet.today)"))
        #expect(try fixture.siteText("assets/docctl.js").contains("beforeprint"))
    }

    /// Issue 13 item 6: a withdrawn document leaves the master list for the 作废文件清单, and its
    /// published revision is marked 作废 like a superseded one.
    @Test func aWithdrawnDocumentMovesFromTheMasterListToTheWithdrawnList() throws {
        let fixture = try Fixture()
        _ = try fixture.publish()
        #expect(try fixture.siteText("index.html").contains(">\(Self.procedure)</td>"))
        #expect(try fixture.files()["withdrawn.html"] == nil)
        #expect(!(try fixture.siteText("index.html").contains("withdrawn.html")))

        try fixture.workspace.replace("control: controlled", with: "control: controlled\nstatus: withdrawn\nwithdrawn: { date: 2026-01-10, reason: 已并入 QP-02 }",
                                      in: "\(FixtureSet.procedureFolder)/document.yaml")
        _ = try fixture.publish()
        let index = try fixture.siteText("index.html")
        #expect(!index.contains(">\(Self.procedure)</td>"), "the withdrawn document left the current part")
        #expect(index.contains("<a href=\"withdrawn.html\">作废文件清单</a>"))
        let list = try fixture.siteText("withdrawn.html")
        #expect(list.contains("<h1>作废文件清单</h1>"))
        #expect(list.contains("共 1 份作废文件"))
        #expect(list.contains("href=\"./\(Self.procedure)/A-0/index.html\""), "linked to its last published revision")
        #expect(list.contains("<td class=\"nowrap\">A/0</td>"))
        #expect(list.contains("<td class=\"status status-withdrawn\">作废</td>"))
        #expect(!list.contains(">\(FixtureSet.manualNumber)<"), "only withdrawn documents are listed")
        let css = try fixture.siteText("assets/status/\(Self.procedure)/A-0.css")
        #expect(css.contains("--docctl-watermark:\"作废 WITHDRAWN\""), "withdrawn, not superseded by a later revision")
        #expect(css.contains("本文件已于 2026\\2d 01\\2d 10 作废（已并入 QP\\2d 02），仅供查阅"), "the notice says when and why")
        #expect(list.contains("<td class=\"nowrap\">2026-01-10</td><td class=\"withdrawal-reason\">已并入 QP-02</td>"))
        #expect(try SiteVerification.verify(fixture.site).isIntact)
    }

    @Test func theWithdrawnListHasEnglishLabels() throws {
        var set = FixtureSet.valid()
        set.replace("control: controlled", with: "control: controlled\nstatus: withdrawn", in: "\(FixtureSet.procedureFolder)/document.yaml")
        set.replace("language: zh-CN", with: "language: en", in: "docset.yaml")
        let fixture = try Fixture(set)
        _ = try fixture.publish()
        let list = try fixture.siteText("withdrawn.html")
        #expect(list.contains("<h1>Withdrawn documents</h1>"))
        #expect(list.contains("1 withdrawn documents"))
        #expect(list.contains(">Withdrawn</td>"))
        #expect(try fixture.siteText("index.html").contains("<a href=\"withdrawn.html\">Withdrawn documents</a>"))
    }
}
