@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl diff`: character-level redlines between archived revisions.
@Suite struct RevisionDiffTests {
    @Test func chineseIsComparedCharacterByCharacter() {
        #expect(TextDiff.diff("P2 事件解决时限为 8 小时。", "P2 事件解决时限为 6 小时。")
            == [.same("P2 事件解决时限为 "), .deleted("8"), .inserted("6"), .same(" 小时。")])
        #expect(TextDiff.diff("由体系与质量部负责", "由运维服务部负责")
            == [.same("由"), .deleted("体系与质量"), .inserted("运维服务"), .same("部负责")])
    }

    @Test func englishIsComparedWordByWord() {
        #expect(TextDiff.diff("the service desk logs it", "the service team logs it")
            == [.same("the service "), .deleted("desk"), .inserted("team"), .same(" logs it")])
    }

    @Test func emptyAndIdenticalTexts() {
        #expect(TextDiff.diff("", "新") == [.inserted("新")])
        #expect(TextDiff.diff("旧", "") == [.deleted("旧")])
        #expect(TextDiff.diff("同", "同") == [.same("同")])
    }

    @Test func theEditScriptRebuildsBothTexts() {
        let old = "一二三四五六七八九十甲乙丙丁", new = "二三X四五六七Y九十甲丙丁戊"
        let segments = TextDiff.diff(old, new)
        var before = "", after = ""
        for segment in segments {
            switch segment {
            case .same(let text): before += text; after += text
            case .deleted(let text): before += text
            case .inserted(let text): after += text
            }
        }
        #expect(before == old)
        #expect(after == new)
    }

    @Test func revisionsAreComparedFromThePublishedArchives() throws {
        let fixture = try PublishTests.Fixture()
        _ = try fixture.publish()
        try fixture.workspace.replace("适用于手册", with: "适用于全部手册", in: PublishTests.body)
        try fixture.workspace.replace("# 5 记录", with: "## 4.3 销毁\n\n过期文件统一销毁。\n\n# 5 记录", in: PublishTests.body)
        try fixture.workspace.replace("## 4.2 发放与回收\n\n受控副本的发放记入[[REC-01]]，更改申请记入[[REC-02]]。\n\n", with: "",
                                      in: PublishTests.body)
        _ = try fixture.workspace.revise(PublishTests.procedure, change: "修订")
        try fixture.workspace.approve(PublishTests.procedure)
        _ = try fixture.workspace.release(PublishTests.procedure)
        _ = try fixture.publish()
        let outcome = try fixture.workspace.check()
        let document = try #require(outcome.set.document(number: PublishTests.procedure))
        let renderer = try SiteRenderer(set: outcome.set, templates: try TemplateSet.bundled(), buildDate: FixtureSet.today)
        let old = try RevisionDiff.archive(of: document, revision: RevisionMark("A/0")!, site: fixture.site, renderer: renderer)
        // The current revision also comes from the sources when no site is given.
        let new = try RevisionDiff.archive(of: document, revision: RevisionMark("A/1")!, site: nil, renderer: renderer)
        let diff = RevisionDiff(old: old, new: new)
        #expect(diff.changes.map { "\($0.label) \($0.kind.rawValue)" } == ["2 changed", "4.3 added", "4.2 removed"])
        #expect(diff.changes.first?.segments.contains(.inserted("全部")) == true)
        let page = try diff.page(renderer: renderer)
        #expect(page.contains("<ins class=\"diff-ins\">全部</ins>"))
        #expect(page.contains("修订"))
        // One rendering path: the redline is the `redline` template, its styles are docctl.css's.
        #expect(page.contains("<body class=\"page-diff\">"))
        #expect(page.contains(".page-diff ins.diff-ins"))
        #expect(page.contains("<h2><span class=\"secnum\">4.3 </span>"))
        #expect(page.contains("<span class=\"diff-tag diff-added\">新增</span>"))
        let missing = try #require(refusal { try RevisionDiff.archive(of: document, revision: RevisionMark("A/0")!, site: nil, renderer: renderer) })
        #expect(missing.notes.first?.contains("--site") == true)
    }
}
