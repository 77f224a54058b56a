@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

@Suite struct MarkdownRendererTests {
    /// Renders `markdown` as the body of the fixture's procedure, on its site page.
    func render(_ markdown: String, fixture: FixtureSet = RenderingFixtures.fullSet(), links: PageContext.LinkMode = .site(root: "../../"))
        throws -> String {
        let set = try RenderingFixtures.load(fixture)
        let document = try #require(set.document(number: FixtureSet.procedureNumber))
        let context = PageContext(site: SiteMap(set: set), coverage: CoverageReport.compute(set), labels: .zhCN, links: links,
                                  document: document)
        return HTMLSerializer.html(MarkdownRenderer(context: context).blocks(MarkdownParser.parse(markdown, path: "t.md")))
    }

    @Test func softBreakBetweenHanCharactersRendersAsNothing() throws {
        #expect(try render("服务台受理\n事件。\nThen English\nwords.") == "<p>服务台受理事件。\nThen English\nwords.</p>")
    }

    @Test func softBreakAfterFullWidthPunctuationRendersAsNothing() throws {
        #expect(try render("第一句。\n第二句，\n第三句") == "<p>第一句。第二句，第三句</p>")
    }

    @Test func documentReferenceIsItsTitleLinkedToItsCurrentPage() throws {
        #expect(try render("见[[CS-ITSM-M-01]]。")
            == "<p>见<a href=\"../../CS-ITSM-M-01/A-0/index.html\" class=\"ref ref-document\" title=\"CS-ITSM-M-01\">《IT服务管理手册》</a>。</p>")
    }

    @Test func clauseReferenceLinksToTheManualSectionCoveringIt() throws {
        let html = try render("按[[8.5.1]]执行。")
        #expect(html.contains("href=\"../../CS-ITSM-M-01/A-0/index.html#sec-8.5.1\""))
        #expect(html.contains(">《IT服务管理手册》8.5.1</a>"))
    }

    @Test func recordReferenceIsItsTitleLinkedToTheRecordsRegister() throws {
        let html = try render("记入[[REC-02]]。")
        #expect(html.contains(">《文件更改申请单》</a>"))
        #expect(html.contains("index.html#record-REC-02\""))
    }

    @Test func citedTitleOfADocumentIsALink() throws {
        let html = try render("按《IT服务管理手册》和《中华人民共和国网络安全法》。")
        #expect(html.contains("<a href=\"../../CS-ITSM-M-01/A-0/index.html\" class=\"ref ref-document\" title=\"CS-ITSM-M-01\">《IT服务管理手册》</a>"))
        #expect(html.contains("和《中华人民共和国网络安全法》。"))
    }

    @Test func documentsAboveTheClassificationLimitAreNeverLinked() throws {
        let html = try render("见[[PL-01]]和《服务连续性计划》。")
        // [[PL-01]] shows the number as written, never the secret document's title; 《…》 is the author's own text.
        #expect(html == "<p>见<span class=\"ref ref-document\">PL-01</span>和<span class=\"ref ref-document\" title=\"PL-01\">《服务连续性计划》</span>。</p>")
    }

    @Test func standalonePagesRenderReferencesAsText() throws {
        let html = try render("见[[CS-ITSM-M-01]]。", links: .standalone)
        #expect(html == "<p>见<span class=\"ref ref-document\" title=\"CS-ITSM-M-01\">《IT服务管理手册》</span>。</p>")
    }

    @Test func scriptInTextIsEscapedAndRawHTMLIsDropped() throws {
        let html = try render("a &lt;script> `<script>` b\n\n<script>alert(1)</script>\n\nc <b onclick=\"x\">d</b>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b "))
        #expect(html.contains("<code>&lt;script&gt;</code>"))
    }

    @Test func onlyWebMailAndRelativeLinksKeepTheirTarget() throws {
        let html = try render("[a](javascript:alert(1)) [b](https://example.com) [c](mailto:x@y.z) [d](data:text/html,x) [e](../x.html)")
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("data:"))
        #expect(html.contains("<span class=\"link-dropped\">a</span>"))
        #expect(html.contains("<a href=\"https://example.com\" rel=\"noopener noreferrer\">b</a>"))
        #expect(html.contains("<a href=\"mailto:x@y.z\">c</a>"))
        #expect(html.contains("<a href=\"../x.html\">e</a>"))
    }

    @Test func linkTitlesWithQuotesStayInsideTheirAttribute() throws {
        let html = try render("[x](https://e.com \"\\\" onmouseover=\\\"alert(1)\")")
        #expect(html.contains("title=\"&quot; onmouseover=&quot;alert(1)\""))
    }

    @Test func placeholdersBecomeGeneratedBlocks() throws {
        let html = try render("{{record-list}}\n\n{{responsibility-matrix}}\n\n{{org-chart}}")
        #expect(html.contains("<tr id=\"record-REC-01\">"))
        #expect(html.contains("<td class=\"mark lead\">●</td>"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"org-chart\""))
        #expect(html.contains(">体系与质量部</text>"))
    }

    @Test func sectionsCarryTheirNumberAndAnchor() throws {
        let set = try RenderingFixtures.load(.valid())
        let document = try #require(set.document(number: FixtureSet.manualNumber))
        let context = PageContext(site: SiteMap(set: set), coverage: nil, labels: .zhCN, links: .site(root: "../../"), document: document)
        let html = HTMLSerializer.html(MarkdownRenderer(context: context).body(of: document))
        #expect(html.contains("<section id=\"sec-8.5.1\" class=\"section level-3\"><h4><span class=\"secnum\">8.5.1</span><span class=\"sectitle\">"))
    }

    @Test func orgChartSurvivesCyclesAndUnknownParents() {
        let location = SourceLocation(path: "organization.yaml")
        let departments = [
            Department(id: "a", name: "甲", parent: "b", head: nil, duties: [], location: location),
            Department(id: "b", name: "乙", parent: "a", head: nil, duties: [], location: location),
            Department(id: "c", name: "<丙>", parent: "nowhere", head: "\"x\"", duties: [], location: location),
        ]
        let html = HTMLSerializer.html([OrgChart(departments: departments, labels: .zhCN).svg()])
        #expect(html.contains(">甲</text>"))
        #expect(html.contains(">乙</text>"))
        #expect(html.contains(">&lt;丙&gt;</text>"))
    }
}

extension MarkdownRendererTests {
    @Test func aDocumentIsNamedOnceInARunOfClauseReferences() throws {
        let html = try render("见[[CS-ITSM-M-01]]（[[8.5.1]]、[[8.5.2]]）。")
        #expect(html.contains(">《IT服务管理手册》</a>（<a "))
        #expect(html.contains(">8.5.1</a>、<a "))
        #expect(html.contains(">8.5.2</a>）"))
        #expect(html.components(separatedBy: "《IT服务管理手册》").count == 2)
    }
}
