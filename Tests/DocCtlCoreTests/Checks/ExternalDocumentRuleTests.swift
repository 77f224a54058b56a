@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// External documents (外来文件): the register in docset.yaml, its currency checks and its list.
@Suite struct ExternalDocumentRuleTests {
    static let entry = """
        external-documents:
          - title: 数据中心设计规范
            issuer: 住房和城乡建设部
            version: GB 50174-2017
            owner: service
            distribution: [service, quality]
            last-checked: 1️⃣2025-01-10
            check-every: 12 months
          - { title: 中华人民共和国网络安全法, version: 2017年6月1日施行, last-checked: 2025-06-01, check-every: 12 months }
          - { title: 信息技术服务 运行维护, check-every: 2️⃣6 个月 }

        """

    static func fixture() -> FixtureSet {
        var fixture = FixtureSet.valid()
        let docset = fixture.text("docset.yaml")!
        let start = docset.range(of: "external-documents:")!.lowerBound
        var rest = docset[start...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        while let first = rest.first, first.hasPrefix(" ") { rest = rest.dropFirst() }
        fixture.write("docset.yaml", String(docset[..<start]) + entry + rest.joined(separator: "\n"))
        return fixture
    }

    @Test func anExternalDocumentPastItsCheckIsStale() throws {
        let fixture = Self.fixture()
        let outcome = try fixture.check()  // today 2026-01-15
        let stale = expectFinding(outcome, Rules.externalDocumentStale, at: fixture.marker("1️⃣"))
        #expect(stale?.message == "external document 《数据中心设计规范》 (GB 50174-2017) was due for a currency check on 2026-01-10 (last checked 2025-01-10, every 12 months)")
        let never = expectFinding(outcome, Rules.externalDocumentStale, at: fixture.marker("2️⃣"))
        #expect(never?.message.contains("has no last-checked date") == true)
        #expect(outcome.diagnostics(Rules.externalDocumentStale).count == 2, "the law checked in June is current")
        #expect(try fixture.check(today: Day(year: 2026, month: 1, day: 10)!).diagnostics(Rules.externalDocumentStale).count == 1)
    }

    @Test func theListShowsTheRegisterAndWhatIsOverdue() throws {
        let set = try RenderingFixtures.load(Self.fixture())
        let renderer = try RenderingFixtures.renderer(set, today: FixtureSet.today)
        let html = HTMLSerializer.html(GeneratedBlocks(context: renderer.builder.context(.site(depth: 0))).render("external-document-list"))
        #expect(html.contains("<tr class=\"check-overdue\"><td class=\"num\">1</td><td>数据中心设计规范</td><td>GB 50174-2017</td><td>住房和城乡建设部</td><td>运维服务部</td><td>运维服务部、体系与质量部</td><td class=\"nowrap\">2025-01-10</td><td class=\"nowrap overdue\">2026-01-10（逾期）</td></tr>"))
        #expect(html.contains("<tr><td class=\"num\">2</td><td>中华人民共和国网络安全法</td><td>2017年6月1日施行</td><td></td><td></td><td></td><td class=\"nowrap\">2025-06-01</td><td class=\"nowrap\">2026-06-01</td></tr>"))
        let files = try renderer.render()
        let page = String(decoding: try #require(files["external-documents.html"]), as: UTF8.self)
        #expect(page.contains("<p class=\"summary\">外来文件 3 份，待查新 2 份</p>"))
    }

    @Test func anUnknownOwnerIsReported() throws {
        var fixture = Self.fixture()
        fixture.replace("owner: service", with: "owner: 3️⃣servise", in: "docset.yaml")
        let finding = expectFinding(try fixture.check(), Rules.unknownOwner, at: fixture.marker("3️⃣"))
        #expect(finding?.fix == "did you mean 'service'?")
    }
}
