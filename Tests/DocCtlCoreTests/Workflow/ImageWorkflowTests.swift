@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Images are controlled content: in the digest, in the release record's section digests, and in
/// the published, verified revision folders, which never change afterwards.
@Suite(.serialized) struct ImageWorkflowTests {
    static let number = FixtureSet.procedureNumber
    static let folder = FixtureSet.procedureFolder
    static let image = "\(folder)/media/flow.png"

    /// The valid set whose procedure shows `media/flow.png` (blue) in section 4.2.
    static func fixture() -> FixtureSet { ImageRenderingTests.fixture() }

    // MARK: Digest

    @Test func documentsWithoutImagesKeepTheDigestsSealedBeforeImages() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("manual-src")
        let (set, _) = try DocumentSetLoader().load(root)
        var compared = 0
        for document in set.documents {
            guard let sealed = document.current?.digest else { continue }
            #expect(ContentDigest.digest(document, sources: set.sources) == sealed, "\(document.number)")
            let canonical = String(decoding: ContentDigest.canonical(document, sources: set.sources), as: UTF8.self)
            #expect(canonical.contains("\nimage: ") == !document.images.isEmpty, "\(document.number)")
            compared += 1
        }
        #expect(compared >= 18)
        #expect(set.document(number: "QP-06")?.images.count == 1)
    }

    @Test func theDigestCoversEachImagesBytes() throws {
        let plain = try FixtureSet.valid().digest(of: Self.number)
        var fixture = Self.fixture()
        let blue = try fixture.digest(of: Self.number)
        fixture.write(Self.image, data: TestImages.redPNG)
        let red = try fixture.digest(of: Self.number)
        #expect(Set([plain, blue, red]).count == 3)
        let (set, _) = try fixture.load()
        let canonical = String(decoding: ContentDigest.canonical(try #require(set.document(number: Self.number)), sources: set.sources),
                               as: UTF8.self)
        #expect(canonical.hasSuffix("\nimage: \(Self.image) \(TestImages.redPNG.count) \(SiteManifest.hash(TestImages.redPNG))\n"))
    }

    @Test func anImageOnlyChangeTripsChangedSinceReleaseAndReviseNamesItsSection() throws {
        let workspace = try WorkflowWorkspace(Self.fixture())
        _ = try workspace.release(Self.number)
        #expect(try workspace.check().diagnostics(Rules.changedSinceRelease).isEmpty)
        try TestImages.redPNG.write(to: workspace.url.appendingPathComponent(Self.image))
        let changed = try workspace.check()
        #expect(changed.diagnostics(Rules.changedSinceRelease).count == 1)
        #expect(ControlStatus.of(try #require(changed.set.document(number: Self.number)), in: changed.set).isDraft)
        let revised = try workspace.revise(Self.number, change: "更新发放流程图")
        try workspace.approve(Self.number)
        #expect(revised.sections == "4.2")
        _ = try workspace.release(Self.number)
        #expect(try workspace.check().diagnostics(Rules.changedSinceRelease).isEmpty)
    }

    /// A sealed document whose image is deleted: the missing file is the one error; its digest
    /// cannot be compared without the image, so no `changed-since-release` on top of it.
    @Test func aMissingImageOfASealedDocumentIsOneError() throws {
        let workspace = try WorkflowWorkspace(Self.fixture())
        _ = try workspace.release(Self.number)
        try FileManager.default.removeItem(at: workspace.url.appendingPathComponent(Self.image))
        let outcome = try workspace.check()
        #expect(outcome.diagnostics(Rules.missingFile).count == 1)
        #expect(outcome.diagnostics(Rules.changedSinceRelease).isEmpty)
        // Put back with other pixels, it is compared and reported: the release is sealed.
        try TestImages.redPNG.write(to: workspace.url.appendingPathComponent(Self.image))
        #expect(try workspace.check().diagnostics(Rules.changedSinceRelease).count == 1)
    }

    // MARK: Publish

    @Test func publishedImagesAreInTheManifestsAndVerified() throws {
        let fixture = try PublishTests.Fixture(Self.fixture())
        _ = try fixture.publish()
        let path = "\(Self.number)/A-0/\(ImageRenderingTests.blueName)"
        #expect(try fixture.files()[path] == TestImages.bluePNG)
        let sums = try fixture.siteText("\(Self.number)/A-0/SHA256SUMS")
        #expect(sums.contains("\(SiteManifest.hash(TestImages.bluePNG))  \(ImageRenderingTests.blueName)\n"))
        #expect(try fixture.siteText("SHA256SUMS").contains("  \(path)\n"))
        #expect(try SiteVerification.verify(fixture.site).isIntact)
        // A replaced picture is found by verify.
        try TestImages.redPNG.write(to: fixture.site.appendingPathComponent(path))
        let problems = try SiteVerification.verify(fixture.site).problems
        #expect(problems.contains { $0.kind == .changed && $0.path == path }, "\(problems)")
    }

    @Test func anOldRevisionKeepsItsImageWhenANewRevisionChangesIt() throws {
        let fixture = try PublishTests.Fixture(Self.fixture())
        _ = try fixture.publish()
        let before = try fixture.files()
        try TestImages.redPNG.write(to: fixture.workspace.url.appendingPathComponent(Self.image))
        _ = try fixture.workspace.revise(Self.number, change: "更新发放流程图")
        try fixture.workspace.approve(Self.number)
        _ = try fixture.workspace.release(Self.number)
        let outcome = try fixture.publish()
        #expect(outcome.added == ["\(Self.number) A/1"])
        let after = try fixture.files()
        for (path, data) in before where path.hasPrefix("\(Self.number)/A-0/") {
            #expect(after[path] == data, "\(path) was rewritten")
        }
        let redName = "media/\(String(SiteManifest.hash(TestImages.redPNG).prefix(16))).png"
        #expect(after["\(Self.number)/A-1/\(redName)"] == TestImages.redPNG)
        #expect(after["\(Self.number)/A-1/\(ImageRenderingTests.blueName)"] == nil)
        #expect(String(decoding: try #require(after["\(Self.number)/A-1/index.html"]), as: UTF8.self).contains("src=\"\(redName)\""))
        #expect(try SiteVerification.verify(fixture.site).isIntact)

        // diff names the section whose picture changed, though its text did not.
        let checked = try fixture.workspace.check()
        let document = try #require(checked.set.document(number: Self.number))
        let renderer = try SiteRenderer(set: checked.set, templates: try TemplateSet.bundled(), buildDate: FixtureSet.today)
        let diff = RevisionDiff(old: try RevisionDiff.archive(of: document, revision: RevisionMark("A/0")!, site: fixture.site, renderer: renderer),
                                new: try RevisionDiff.archive(of: document, revision: RevisionMark("A/1")!, site: fixture.site, renderer: renderer))
        #expect(diff.changes.map { "\($0.label) \($0.kind.rawValue)" } == ["4.2 changed"])
        let segments = try #require(diff.changes.first?.segments)
        #expect(segments.contains(.deleted("\n〔图：发放流程，\(ImageRenderingTests.blueName)〕")))
        #expect(segments.contains(.inserted("\n〔图：发放流程，\(redName)〕")))
    }
}
