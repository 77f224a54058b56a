@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Issue 12, site and workflow: what publish may replace, forged and resealed releases, archives
/// that `diff` and `verify` trust, withdrawing a document from a site.
@Suite(.serialized) struct SiteSafetyTests {
    static let procedure = FixtureSet.procedureNumber
    static let history = "\(FixtureSet.procedureFolder)/history.yaml"
    static let record = "\(FixtureSet.procedureFolder)/releases/A-0.yaml"

    static func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Rewrites the site manifest over the files as they are now (what a forger would do).
    static func rehash(_ site: URL) throws {
        var files = try SiteFiles.read(site)
        files.removeValue(forKey: SiteManifest.fileName)
        try Data(SiteManifest(files: files).text.utf8).write(to: site.appendingPathComponent(SiteManifest.fileName))
    }

    // MARK: Which folders publish replaces

    @Test func aFolderWhoseManifestVerifiesIsNotTakenForASite() throws {
        let fixture = try PublishTests.Fixture()
        // The reproduction of issue 12: `sha256sum t.txt s/p > SHA256SUMS` in a folder of the user's.
        try Self.write("a\n", fixture.site.appendingPathComponent("t.txt"))
        try Self.write("b\n", fixture.site.appendingPathComponent("s/p"))
        try Self.rehash(fixture.site)
        #expect(try SiteVerification.verify(fixture.site).isIntact)
        let before = try fixture.files()
        let error = try #require(refusal { try fixture.publish() })
        #expect(error.exitStatus == 2)
        #expect(error.description.contains("is not a site published by docctl (s/p is not a file publish writes)"), "\(error)")
        #expect(try fixture.files() == before)
    }

    @Test func aSiteCarriesAMarkerNamingItsSetInItsManifest() throws {
        let fixture = try PublishTests.Fixture()
        _ = try fixture.publish()
        #expect(try fixture.siteText(SiteMarker.fileName) == "docctl-site 1\nset: 测试信息技术有限公司\n")
        #expect(try fixture.siteText(SiteManifest.fileName).contains("  \(SiteMarker.fileName)\n"))
        #expect(try SiteVerification.verify(fixture.site).isIntact)
    }

    @Test func aSiteOfAnotherSetOrAnUnknownMarkerIsRefused() throws {
        let fixture = try PublishTests.Fixture()
        _ = try fixture.publish()
        let before = try fixture.files()
        try fixture.workspace.replace("name: 测试信息技术有限公司", with: "name: 另一家公司", in: "docset.yaml")
        var error = try #require(refusal { try fixture.publish() })
        #expect(error.description.contains("is the site of another document set ('测试信息技术有限公司', not '另一家公司')"), "\(error)")
        #expect(error.notes == ["if the organisation in docset.yaml was renamed, publish once with --renamed-from '测试信息技术有限公司'"])
        #expect(error.exitStatus == 2)
        #expect(try fixture.files() == before)
        try fixture.workspace.replace("name: 另一家公司", with: "name: 测试信息技术有限公司", in: "docset.yaml")
        try Self.write("docctl-site 2\nset: 测试信息技术有限公司\n", fixture.site.appendingPathComponent(SiteMarker.fileName))
        try Self.rehash(fixture.site)
        error = try #require(refusal { try fixture.publish() })
        #expect(error.description.contains("writes site format 2"), "\(error)")
        #expect(try fixture.files().filter { $0.key != SiteMarker.fileName && $0.key != SiteManifest.fileName }
            == before.filter { $0.key != SiteMarker.fileName && $0.key != SiteManifest.fileName })
    }

    @Test func aRenamedOrganisationTakesItsSiteOnceWithRenamedFrom() throws {
        let fixture = try PublishTests.Fixture()
        _ = try fixture.publish()
        try fixture.workspace.replace("name: 测试信息技术有限公司", with: "name: 新名称科技有限公司", in: "docset.yaml")
        // Another name than the one the site carries is still refused.
        var publish = try fixture.publisher()
        publish.renamedFrom = "别的公司"
        #expect(refusal { try publish.run(to: fixture.site) } != nil)
        publish.renamedFrom = "测试信息技术有限公司"
        _ = try publish.run(to: fixture.site)
        #expect(try fixture.siteText(SiteMarker.fileName) == "docctl-site 1\nset: 新名称科技有限公司\n")
        #expect(try SiteVerification.verify(fixture.site).isIntact)
        // From then on the site is the renamed set's, without the option.
        _ = try fixture.publish()
    }

    @Test func aSitePublishedBeforeMarkersIsTakenWhenItsLayoutIsExactlyDocctls() throws {
        let fixture = try PublishTests.Fixture()
        _ = try fixture.publish()
        try FileManager.default.removeItem(at: fixture.site.appendingPathComponent(SiteMarker.fileName))
        try Self.rehash(fixture.site)
        try fixture.reviseProcedure()
        let outcome = try fixture.publish()
        #expect(outcome.added == ["\(Self.procedure) A/1"])
        #expect(try fixture.siteText(SiteMarker.fileName).hasPrefix("docctl-site 1\n"))
        // …but not with a file of the user's in it.
        try Self.write("mine", fixture.site.appendingPathComponent("notes/todo.txt"))
        try FileManager.default.removeItem(at: fixture.site.appendingPathComponent(SiteMarker.fileName))
        try Self.rehash(fixture.site)
        #expect(refusal { try fixture.publish() }?.description.contains("notes/todo.txt is not a file publish writes") == true)
        #expect(FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent("notes/todo.txt").path))
    }

    // MARK: verify

    @Test func verifyRequiresEveryRevisionManifestAndChecksFolderNamesAgainstTheArchive() throws {
        let fixture = try PublishTests.Fixture()
        _ = try fixture.publish()
        let folder = fixture.site.appendingPathComponent(Self.procedure)
        // A forger renames A/0 to A/1, with consistent manifests.
        try FileManager.default.moveItem(at: folder.appendingPathComponent("A-0"), to: folder.appendingPathComponent("A-1"))
        try FileManager.default.moveItem(at: folder.appendingPathComponent("A-1/\(Self.procedure)_A-0.xml"),
                                         to: folder.appendingPathComponent("A-1/\(Self.procedure)_A-1.xml"))
        var inside = try SiteFiles.read(folder.appendingPathComponent("A-1"))
        inside.removeValue(forKey: SiteManifest.fileName)
        try Data(SiteManifest(files: inside).text.utf8).write(to: folder.appendingPathComponent("A-1/SHA256SUMS"))
        try Self.rehash(fixture.site)
        #expect(try SiteVerification.verify(fixture.site).isIntact, "the manifests alone agree")
        var problems = try SiteVerification.verify(fixture.site, archives: true).problems
        #expect(problems.map(\.description) == ["\(Self.procedure)/A-1/\(Self.procedure)_A-1.xml: holds \(Self.procedure) A/0, not the revision its folder names"])
        // A revision folder without its manifest.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("A-1/SHA256SUMS"))
        try Self.rehash(fixture.site)
        problems = try SiteVerification.verify(fixture.site).problems
        #expect(problems.map { "\($0.kind) \($0.path)" } == ["missing \(Self.procedure)/A-1/SHA256SUMS"])
    }

    // MARK: Seals

    /// Releases the procedure, changes its body and writes the new digest into history.yaml by hand.
    static func forgeSeal(_ workspace: WorkflowWorkspace) throws -> (sealed: String, forged: String) {
        _ = try workspace.release(Self.procedure)
        let sealed = try #require(try workspace.check().set.document(number: Self.procedure)?.history.last?.digest)
        try workspace.replace("适用于手册", with: "适用于全部手册", in: PublishTests.body)
        let outcome = try workspace.check()
        let document = try #require(outcome.set.document(number: Self.procedure))
        let forged = ContentDigest.digest(document, sources: outcome.set.sources)
        try workspace.replace(sealed, with: forged, in: Self.history)
        return (sealed, forged)
    }

    @Test func aDigestWrittenByHandIsASealMismatchAtTheDigestLine() throws {
        let workspace = try WorkflowWorkspace()
        let (sealed, forged) = try Self.forgeSeal(workspace)
        let outcome = try workspace.check()
        #expect(outcome.diagnostics(Rules.changedSinceRelease).isEmpty, "the forged digest matches the content")
        let found = outcome.diagnostics(Rules.sealMismatch)
        #expect(found.count == 1)
        let lines = try workspace.text(Self.history).split(separator: "\n", omittingEmptySubsequences: false)
        let digestLine = try #require(lines.firstIndex { $0.contains(forged) }) + 1
        #expect(found.first?.location?.path == Self.history)
        #expect(found.first?.location?.line == digestLine)
        #expect(found.first?.notes.first?.location?.path == Self.record)
        #expect(found.first?.notes.first?.message.contains(String(sealed.prefix(19))) == true)
        #expect(try workspace.text(Self.record).contains(sealed), "the record still holds the released digest")
        // The page does not say 受控 either: publish refuses on the error.
        let site = workspace.url.deletingLastPathComponent().appendingPathComponent("site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(refusal {
            try Publish(set: outcome.set, diagnostics: outcome.diagnostics, templates: try TemplateSet.bundled(), buildDate: FixtureSet.today).run(to: site)
        } != nil)
    }

    @Test func aReleasedMarkIsNeverResealedWithOtherContent() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.procedure)
        let record = try workspace.text(Self.record)
        let sealedHistory = try workspace.text(Self.history)
        let digestLine = try #require(sealedHistory.split(separator: "\n").first { $0.contains("digest:") }).appending("\n")
        // The digest line deleted and the same content released again: sealed again, the record untouched.
        try workspace.replace(digestLine, with: "", in: Self.history)
        guard case .sealed(_, _, let written) = try workspace.release(Self.procedure) else { Issue.record("not sealed"); return }
        #expect(written == [Self.history])
        #expect(try workspace.text(Self.history) == sealedHistory)
        #expect(try workspace.text(Self.record) == record)
        // Changed content under the same mark: refused, nothing written.
        try workspace.replace(digestLine, with: "", in: Self.history)
        try workspace.replace("适用于手册", with: "适用于全部手册", in: PublishTests.body)
        let before = try workspace.snapshot()
        let error = try #require(refusal { try workspace.release(Self.procedure) })
        #expect(error.description.contains("was released before (\(Self.record)) with other content"), "\(error)")
        #expect(error.exitStatus == 1)
        #expect(try workspace.snapshot() == before)
    }

    @Test func publishRefusesAKeptRevisionWhoseSourcesChangedUnderTheSameMark() throws {
        let fixture = try PublishTests.Fixture()
        _ = try fixture.publish()
        let before = try fixture.files()
        // Resealed behind release's back: the record removed, the digest line deleted, released again.
        try FileManager.default.removeItem(at: fixture.workspace.url.appendingPathComponent(Self.record))
        let history = try fixture.workspace.text(Self.history)
        let digestLine = try #require(history.split(separator: "\n").first { $0.contains("digest:") }).appending("\n")
        try fixture.workspace.replace(digestLine, with: "", in: Self.history)
        try fixture.workspace.replace("适用于手册", with: "适用于全部手册", in: PublishTests.body)
        _ = try fixture.workspace.release(Self.procedure)
        let error = try #require(refusal { try fixture.publish() })
        #expect(error.description.contains("differs from what the site published under the same mark"), "\(error)")
        #expect(error.notes.first?.hasPrefix("\(Self.procedure) A/0: published as sha256:") == true)
        #expect(try fixture.files() == before)
        #expect(!(try fixture.siteText("assets/search-index.json")).contains("适用于全部手册"))
    }

    // MARK: diff

    @Test func diffRefusesAnArchiveThatDoesNotMatchItsManifests() throws {
        let fixture = try PublishTests.Fixture()
        _ = try fixture.publish()
        try fixture.reviseProcedure()
        _ = try fixture.publish()
        let archive = fixture.site.appendingPathComponent("\(Self.procedure)/A-0/\(Self.procedure)_A-0.xml")
        let text = String(decoding: try Data(contentsOf: archive), as: UTF8.self)
        try Data(text.replacingOccurrences(of: "适用于手册", with: "适用于部分手册").utf8).write(to: archive)
        // What `docctl diff --site` does before it reads an archive.
        #expect(refusal { try SiteVerification.requireIntactRevision("\(Self.procedure)/A-1", in: fixture.site) } == nil)
        let error = try #require(refusal { try SiteVerification.requireIntactRevision("\(Self.procedure)/A-0", in: fixture.site) })
        #expect(error.description.contains("\(Self.procedure)/A-0 does not match its manifests"), "\(error)")
        #expect(error.notes.first == "\(Self.procedure)/A-0/\(Self.procedure)_A-0.xml: changed (its SHA-256 differs from \(Self.procedure)/A-0/SHA256SUMS)")
    }

    // MARK: Withdrawing

    @Test func aDocumentRaisedAboveTheLimitIsReportedAndCanBeWithdrawn() throws {
        let fixture = try PublishTests.Fixture()
        _ = try fixture.publish()
        let document = "\(FixtureSet.procedureFolder)/document.yaml"
        try fixture.workspace.replace("classification: 内部公开", with: "classification: 秘密", in: document)
        _ = try fixture.workspace.revise(Self.procedure, change: "升密")
        try fixture.workspace.approve(Self.procedure)
        _ = try fixture.workspace.release(Self.procedure)
        var outcome = try fixture.publish()
        #expect(outcome.exposed == ["\(Self.procedure) (秘密)"])
        #expect(FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent("\(Self.procedure)/A-0/index.html").path))

        let check = try fixture.workspace.check()
        var publish = Publish(set: check.set, diagnostics: check.diagnostics, templates: try TemplateSet.bundled(), buildDate: FixtureSet.today)
        publish.withdraw = [Self.procedure]
        outcome = try publish.run(to: fixture.site)
        #expect(outcome.withdrawn == ["\(Self.procedure) A/0"])
        #expect(outcome.exposed.isEmpty)
        let files = try fixture.files()
        #expect(!files.keys.contains { $0.hasPrefix(Self.procedure + "/") })
        #expect(try fixture.siteText(SiteWithdrawal.logName) == "2026-01-15 withdrawn \(Self.procedure) A/0\n")
        #expect(try SiteVerification.verify(fixture.site, archives: true).isIntact)
        // The log stays; a document that is not on the site, or still publishable, is not withdrawn.
        outcome = try fixture.publish()
        #expect(try fixture.siteText(SiteWithdrawal.logName) == "2026-01-15 withdrawn \(Self.procedure) A/0\n")
        #expect(refusal { try publish.run(to: fixture.site) }?.description.contains("is not on the site") == true)
        publish.withdraw = [FixtureSet.manualNumber]
        #expect(refusal { try publish.run(to: fixture.site) }?.description.contains("is still publishable") == true)
    }

    // MARK: Classification

    @Test func aBlankClassificationIsNeverPublishable() throws {
        for value in ["\" \"", "\"\"", "绝密"] {
            var set = FixtureSet.valid()
            set.replace("classification: 内部公开", with: "classification: \(value)", in: "\(FixtureSet.procedureFolder)/document.yaml")
            let (loaded, _) = try set.load()
            #expect(!SiteMap(set: loaded).published.contains(Self.procedure), "\(value)")
        }
        var set = FixtureSet.valid()
        set.replace("publish-up-to: 内部公开", with: "publish-up-to: 内部", in: "docset.yaml")
        let (loaded, _) = try set.load()
        #expect(SiteMap(set: loaded).published.isEmpty, "an unknown publish-up-to publishes nothing")
    }
}
