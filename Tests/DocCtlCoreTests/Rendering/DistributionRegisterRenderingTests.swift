@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `{{distribution-register}}` and the site page `distribution.html` (文件发放回收登记表).
@Suite struct DistributionRegisterRenderingTests {
    @Test func theRegisterListsEveryIssuedCopyWithItsState() throws {
        let set = try RenderingFixtures.load(RenderingFixtures.withRegister())
        let builder = try RenderingFixtures.renderer(set).builder
        let html = HTMLSerializer.html(GeneratedBlocks(context: builder.context(.site(depth: 0))).render("distribution-register"))
        let states = html.components(separatedBy: "<td class=\"copy-state\">").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(states == ["已回收 2025-09-02", "待回收", "遗失 2025-08-01（分发号作废）", "在用", "作废留存 2025-09-03"])
        #expect(html.contains("<tr class=\"copy-to-recall\">"))
        #expect(html.contains("<td>体系与质量部</td>"), "the holder defaults to the distribution list's")
        #expect(html.contains("&lt;b&gt;技术支持部&lt;/b&gt;"), "register text is escaped")
        #expect(!html.contains("<b>"))
    }

    @Test func theRegisterPageIsGoldenAndLinkedFromEveryPage() throws {
        let set = try RenderingFixtures.load(RenderingFixtures.withRegister())
        let files = try RenderingFixtures.renderer(set).render()
        let page = String(decoding: try #require(files["distribution.html"]), as: UTF8.self)
        #expect(page.contains("<p class=\"summary\">已发放受控副本 5 份，在用 1 份，待回收 1 份</p>"))
        try RenderingFixtures.assertGolden(page, "distribution.html")
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(index.contains("<a class=\"site-nav-link\" href=\"./distribution.html\">文件发放回收登记表</a>"))
        let broken = LinkChecker.brokenLinks(files)
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    @Test func aSetWithoutRegistersHasNoRegisterPage() throws {
        let files = try RenderingFixtures.renderer(RenderingFixtures.load(FixtureSet.valid())).render()
        #expect(files["distribution.html"] == nil)
        #expect(!String(decoding: try #require(files["index.html"]), as: UTF8.self).contains("distribution.html"))
    }

    @Test func anEmptyRegisterSaysSo() throws {
        let set = try RenderingFixtures.load(FixtureSet.valid())
        let builder = try RenderingFixtures.renderer(set).builder
        let html = HTMLSerializer.html(GeneratedBlocks(context: builder.context(.site(depth: 0))).render("distribution-register"))
        #expect(html == "<div class=\"generated generated-distribution-register\"><p class=\"register-empty\">尚无发放记录</p></div>")
    }
}
