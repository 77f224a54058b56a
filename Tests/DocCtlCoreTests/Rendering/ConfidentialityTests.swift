@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// A document that may not be published leaves no text on the site: not on its own pages, nor on
/// the pages of other documents (references, generated blocks), the master list, the coverage page,
/// the search index or the XML archives.
@Suite(.serialized) struct ConfidentialityTests {
    static let plan = "XP-99"
    static let planFolder = "plans/XP-99-key-escrow"
    /// Text that only the 秘密 plan holds.
    static let secrets = ["灾备密钥托管预案", "勒索软件隔离演练", "机房甲区切换口令", "新建密钥托管"]

    /// The valid set with a 秘密 plan that counts for coverage, is referenced from the manual and
    /// appears in every generated block that lists documents or coverage.
    static func set(classification: String = "秘密") -> FixtureSet {
        var set = FixtureSet.valid()
        set.replace("coverage-from: [manual]", with: "coverage-from: [manual, plans]", in: "docset.yaml")
        set.write("\(planFolder)/document.yaml", """
            number: \(plan)
            title: 灾备密钥托管预案
            type: plan
            owner: service
            classification: \(classification)
            control: controlled
            clause-numbering: own
            clauses: [8.7.1]
            approvals:
              prepared: { name: 赵一鸣, date: 2025-05-06 }
              reviewed: { name: 沈家宁, date: 2025-05-08 }
              approved: { name: 周明远, date: 2025-05-12 }
            issued: 2025-05-12
            effective: 2025-05-12
            review-every: 12 months

            """)
        set.write("\(planFolder)/history.yaml", """
            - revision: "A/0"
              date: 2025-05-12
              change: 新建密钥托管
              sections: 全部
              author: 赵一鸣
              approver: 周明远

            """)
        set.write("\(planFolder)/body.md", """
            # 1 勒索软件隔离演练 {clause=8.7.1}

            机房甲区切换口令每季度更换一次。

            """)
        set.replace("发放记录见[[REC-01]]。", with: "发放记录见[[REC-01]]，应急安排见[[\(plan)]]。", in: "manual/00-front.md")
        set.replace("{{record-list}}\n", with: "{{record-list}}\n\n# 附录C 文件清单\n\n{{document-list}}\n\n# 附录D 覆盖矩阵\n\n{{coverage-matrix}}\n",
                    in: "manual/99-appendices.md")
        return set
    }

    static func leaks(_ files: [String: Data]) -> [String] {
        files.keys.sorted().flatMap { path in
            let text = String(decoding: files[path]!, as: UTF8.self)
            return secrets.filter(text.contains).map { "\(path): \($0)" }
        }
    }

    @Test func theFixtureReallyUsesThePlanEverywhere() throws {
        // The same set with the plan published shows its text on the other pages: the test below can fail.
        let (set, diagnostics) = try Self.set(classification: "内部公开").load()
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let files = try SiteRenderer(set: set, templates: try TemplateSet.bundled(), buildDate: FixtureSet.today).render()
        let other = files.filter { !$0.key.hasPrefix(Self.plan + "/") }
        for page in ["coverage.html", "index.html", "\(FixtureSet.manualNumber)/A-0/index.html", "assets/search-index.json"] {
            #expect(Self.leaks(other.filter { $0.key == page }).isEmpty == false, "\(page)")
        }
    }

    @Test func aBuildLeavesNoTextOfASecretDocument() throws {
        let fixture = Self.set()
        let (set, diagnostics) = try fixture.load()
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let files = try SiteRenderer(set: set, templates: try TemplateSet.bundled(), buildDate: FixtureSet.today).render()
        #expect(Self.leaks(files) == [])
        let coverage = String(decoding: try #require(files["coverage.html"]), as: UTF8.self)
        #expect(coverage.contains("不在内网发布"), "a clause it covers says a document not on the intranet covers it")
        let manual = String(decoding: try #require(files["\(FixtureSet.manualNumber)/A-0/index.html"]), as: UTF8.self)
        #expect(manual.contains("<span class=\"ref ref-document\">\(Self.plan)</span>"), "a reference shows the number written, unlinked")
    }

    @Test func aPublishedSiteLeavesNoTextOfASecretDocument() throws {
        let fixture = try PublishTests.Fixture(Self.set())
        _ = try fixture.workspace.release(Self.plan)
        let outcome = try fixture.publish()
        #expect(outcome.withheld == ["\(Self.plan) (秘密)"])
        #expect(Self.leaks(try fixture.files()) == [])
    }
}
