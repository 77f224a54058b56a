@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Images on pages, in copies and in archives: copied by content, shown as `<img>`, escaped.
@Suite struct ImageRenderingTests {
    static let number = FixtureSet.procedureNumber
    static let folder = FixtureSet.procedureFolder
    static let body = "\(folder)/body.md"
    static let blueName = "media/\(String(SiteManifest.hash(TestImages.bluePNG).prefix(16))).png"

    /// The valid set with `markdown` after the text of section 4.2 and `media/flow.png` (blue).
    static func fixture(_ markdown: String = "![发放流程](media/flow.png)") -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.replace("更改申请记入[[REC-02]]。", with: "更改申请记入[[REC-02]]。\n\n" + markdown, in: body)
        fixture.write("\(folder)/media/flow.png", data: TestImages.bluePNG)
        return fixture
    }

    static func page(_ fixture: FixtureSet) throws -> String {
        let set = try RenderingFixtures.load(fixture)
        return try RenderingFixtures.renderer(set).documentPage(#require(set.document(number: number)))
    }

    @Test func buildCopiesEachImageIntoTheRevisionFolderByItsHash() throws {
        let set = try RenderingFixtures.load(Self.fixture())
        let files = try RenderingFixtures.renderer(set).render()
        let media = files.keys.filter { $0.contains("/media/") }
        #expect(media == ["\(Self.number)/A-0/\(Self.blueName)"])
        #expect(files["\(Self.number)/A-0/\(Self.blueName)"] == TestImages.bluePNG)
        // Same sources, same bytes.
        #expect(try RenderingFixtures.renderer(RenderingFixtures.load(Self.fixture())).render() == files)
    }

    @Test func anImageAloneInItsParagraphIsAFigureWithACaption() throws {
        let html = try Self.page(Self.fixture("![发放流程](media/flow.png \"流程\")"))
        #expect(html.contains("<figure class=\"figure\"><img src=\"\(Self.blueName)\" alt=\"发放流程\" title=\"流程\" width=\"2\" height=\"2\" loading=\"lazy\"><figcaption>发放流程</figcaption></figure>"))
        #expect(!html.contains("image-alt"))
    }

    @Test func anImageInRunningTextStaysInline() throws {
        let html = try Self.page(Self.fixture("见图 ![图标](media/flow.png) 所示。"))
        #expect(html.contains("<p>见图 <img src=\"\(Self.blueName)\" alt=\"图标\" width=\"2\" height=\"2\" loading=\"lazy\"> 所示。</p>"))
        #expect(!html.contains("<figure"))
    }

    @Test func hostileDescriptionAndTitleStayText() throws {
        let html = try Self.page(Self.fixture(#"![\"><script>alert(1)</script>](media/flow.png "x\" onerror=\"alert(2)")"#))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("onerror=\"alert"))
        // The raw HTML in the description is dropped (as everywhere); the rest is escaped text.
        #expect(html.contains("alt=\"&quot;&gt;alert(1)\" title=\"x&quot; onerror=&quot;alert(2)\""))
        #expect(html.contains("<figcaption>&quot;&gt;alert(1)</figcaption>"))
        // Written as text (escaped in the Markdown), a tag stays text on the page.
        let literal = try Self.page(Self.fixture(#"![a \<script\>alert(3)\</script\>](media/flow.png)"#))
        #expect(!literal.contains("<script>alert"))
        #expect(literal.contains("alt=\"a &lt;script&gt;alert(3)&lt;/script&gt;\""))
    }

    @Test func anImageThatWasNotLoadedShowsOnlyItsDescription() throws {
        // Even with the rule turned off, nothing is fetched from the network.
        var fixture = Self.fixture("![远程图](https://example.com/a.png)")
        fixture.replace("rules: { }", with: "rules: { remote-image: off }", in: "docset.yaml")
        let html = try Self.page(fixture)
        #expect(html.contains("<span class=\"image-alt\">远程图</span>"))
        #expect(!html.contains("example.com"))
    }

    @Test func aSelfContainedCopyInlinesTheImage() throws {
        let set = try RenderingFixtures.load(Self.fixture())
        let html = try RenderingFixtures.renderer(set).standalonePage(#require(set.document(number: Self.number)))
        #expect(html.contains("<img src=\"data:image/png;base64,\(TestImages.bluePNG.base64EncodedString())\" alt=\"发放流程\""))
        #expect(!html.contains("src=\"media/"))
    }

    @Test func theArchiveRecordsEachImageAndValidates() throws {
        let set = try RenderingFixtures.load(Self.fixture(#"![发放"流程" & \<图\>](media/flow.png "标题")"#))
        let renderer = try RenderingFixtures.renderer(set)
        // archive(_:) validates against document.xsd and throws when it does not conform.
        let xml = String(decoding: try renderer.archive(#require(set.document(number: Self.number))), as: UTF8.self)
        let sha = SiteManifest.hash(TestImages.bluePNG)
        #expect(xml.contains("<image source=\"\(Self.folder)/media/flow.png\" file=\"\(Self.blueName)\" media-type=\"image/png\" sha256=\"\(sha)\" bytes=\"\(TestImages.bluePNG.count)\" from=\"sec-4.2\" title=\"标题\">"))
        #expect(xml.contains("<alt>发放\"流程\" &amp; &lt;图&gt;</alt>"))
        // The archive validates on reading back, image records included.
        _ = try renderer.readArchive(Data(xml.utf8), path: "archive.xml")
    }

    @Test func anArchivedImageMayOnlyNameAnArchivedCopy() {
        #expect(DocumentImage.isArchivedPath(Self.blueName))
        for path in ["https://example.com/a.png", "media/../../secret.png", "javascript:alert(1)", "media/0123456789abcdef.svg",
                     "data:image/png;base64,AAAA", "media/0123456789ABCDEF.png", "/media/0123456789abcdef.png"] {
            #expect(!DocumentImage.isArchivedPath(path), "\(path)")
        }
    }

    @Test func documentsWithoutImagesHaveNoImagesInTheirArchive() throws {
        let set = try RenderingFixtures.load(FixtureSet.valid())
        let xml = String(decoding: try RenderingFixtures.renderer(set).archive(#require(set.document(number: Self.number))), as: UTF8.self)
        #expect(!xml.contains("<images"))
    }

    @Test func theDescriptionOfAFigureIsSearchable() throws {
        let set = try RenderingFixtures.load(Self.fixture())
        let files = try RenderingFixtures.renderer(set).render()
        #expect(String(decoding: try #require(files["assets/search-index.json"]), as: UTF8.self).contains("发放流程"))
    }
}
