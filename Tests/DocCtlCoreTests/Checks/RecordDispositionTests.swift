@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Records disposition: the records log (records-log.yaml), its rules, `{{record-disposition}}`
/// and the site page record-disposition.html (记录保管与销毁台账).
@Suite struct RecordDispositionTests {
    /// Today is 2026-01-15: REC-01 keeps 3 years, REC-02 5 years.
    static let log = """
        - { record: REC-01, batch: 2021 年度发放登记, closed: 2021-12-31, disposed: 1️⃣2025-01-20 }
        - 2️⃣{ record: REC-01, batch: 2022 年度发放登记, closed: 2022-12-31 }
        - { record: REC-01, batch: 2023 年度<b>发放</b>登记, closed: 2023-12-31 }
        - { record: REC-02, batch: 2019 年度更改申请, closed: 2019-06-30, disposed: 2024-07-01, approved-by: 周明远 }
        - { record: REC-02, batch: 2020 年度更改申请, closed: 2020-12-31, disposed: 3️⃣2025-03-01, approved-by: 周明远 }
        - { record: REC-03, batch: 2019 年度管理评审报告, closed: 2019-12-31 }
        - { record: 4️⃣REC-10, batch: 旧台账, closed: 2020-01-01 }

        """

    static func fixture() -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.write("records-log.yaml", log)
        fixture.write("records.yaml", fixture.text("records.yaml")! + "- { id: REC-03, title: 管理评审报告, owner: quality, retention: 永久, procedure: QP-01 }\n")
        return fixture
    }

    @Test func aBatchPastItsRetentionIsDueForDisposal() throws {
        let fixture = Self.fixture()
        let outcome = try fixture.check()
        let due = expectFinding(outcome, Rules.recordDispositionDue, at: fixture.marker("2️⃣"))
        #expect(due?.message == "batch 《2022 年度发放登记》 of REC-01 文件发放回收登记表 has been due for disposal since 2025-12-31 (closed 2022-12-31, kept 3 years)")
        #expect(outcome.diagnostics(Rules.recordDispositionDue).count == 1, "the 2023 batch is kept until 2026-12-31")
        #expect(try fixture.check(today: Day(year: 2025, month: 12, day: 30)!).diagnostics(Rules.recordDispositionDue).isEmpty)
    }

    @Test func aDisposalNeedsAnApproverAndAnEndedRetention() throws {
        let fixture = Self.fixture()
        let outcome = try fixture.check()
        let unapproved = expectFinding(outcome, Rules.recordDisposalUnapproved, at: fixture.marker("1️⃣"))
        #expect(unapproved?.message == "batch 《2021 年度发放登记》 of REC-01 文件发放回收登记表 was disposed of on 2025-01-20 without a recorded approval")
        let early = expectFinding(outcome, Rules.recordDisposalUnapproved, at: fixture.marker("3️⃣"))
        #expect(early?.message == "batch 《2020 年度更改申请》 of REC-02 was disposed of on 2025-03-01, before its retention (5 years) ended on 2025-12-31")
        #expect(outcome.diagnostics(Rules.recordDisposalUnapproved).count == 2)
    }

    @Test func aBatchOfAnUnregisteredRecordIsReported() throws {
        let fixture = Self.fixture()
        let finding = expectFinding(try fixture.check(), Rules.recordUnregistered, at: fixture.marker("4️⃣"))
        #expect(finding?.message == "records-log.yaml names record REC-10, which is not in records.yaml")
        #expect(finding?.fix == "did you mean REC-01?")
    }

    @Test func aBadLogEntryIsReportedAtItsLine() throws {
        var fixture = FixtureSet.valid()
        fixture.write("records-log.yaml", """
            - { record: REC-01, batch: 2021, closed: 2021-12-31, disposed: 1️⃣2020-01-01, approved-by: 周明远 }
            - 2️⃣{ record: REC-01, closed: 2021-12-31 }

            """)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.badDate, at: fixture.marker("1️⃣"))
        expectFinding(outcome, Rules.missingKey, at: fixture.marker("2️⃣"))
    }

    @Test func theRegisterShowsEachBatchWithItsState() throws {
        let set = try RenderingFixtures.load(Self.fixture())
        let renderer = try RenderingFixtures.renderer(set, today: FixtureSet.today)
        let html = HTMLSerializer.html(GeneratedBlocks(context: renderer.builder.context(.site(depth: 0))).render("record-disposition"))
        let states = html.components(separatedBy: "<td class=\"disposal-state\">").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(states == ["已销毁 2025-01-20", "到期待销毁", "保管中", "已销毁 2024-07-01", "已销毁 2025-03-01", "永久保存", ""])
        #expect(html.contains("<tr class=\"disposal-due\"><td class=\"num\">2</td><td class=\"nowrap\">REC-01</td><td>文件发放回收登记表</td><td>2022 年度发放登记</td><td>体系与质量部</td><td>3年</td><td class=\"nowrap\">2022-12-31</td><td class=\"nowrap\">2025-12-31</td>"))
        #expect(html.contains("2023 年度&lt;b&gt;发放&lt;/b&gt;登记"), "log text is escaped")
        let files = try renderer.render()
        let page = String(decoding: try #require(files["record-disposition.html"]), as: UTF8.self)
        #expect(page.contains("<p class=\"summary\">保管记录 7 批，到期待销毁 1 批，已销毁 3 批</p>"))
        try RenderingFixtures.assertGolden(page, "record-disposition.html")
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(index.contains("href=\"./record-disposition.html\">记录保管与销毁台账</a>"))
        #expect(LinkChecker.brokenLinks(files).isEmpty)
    }

    @Test func aSetWithoutALogHasNoDispositionPage() throws {
        let files = try RenderingFixtures.renderer(RenderingFixtures.load(FixtureSet.valid())).render()
        #expect(files["record-disposition.html"] == nil)
        let set = try RenderingFixtures.load(FixtureSet.valid())
        let html = HTMLSerializer.html(GeneratedBlocks(context: try RenderingFixtures.renderer(set).builder.context(.site(depth: 0))).render("record-disposition"))
        #expect(html == "<div class=\"generated generated-record-disposition\"><p class=\"register-empty\">尚无保管记录</p></div>")
    }

    @Test func retentionPeriodsReadAsMonths() {
        #expect(RecordBatch.retentionMonths("3 years") == 36)
        #expect(RecordBatch.retentionMonths("6 个月") == 6)
        #expect(RecordBatch.retentionMonths("2年") == 24)
        #expect(RecordBatch.retentionMonths("永久") == nil)
        #expect(RecordBatch.retentionMonths("permanent") == nil)
        // As registers write them: Chinese numerals, after an event, at least.
        #expect(RecordBatch.retentionMonths("三年") == 36)
        #expect(RecordBatch.retentionMonths("十二个月") == 12)
        #expect(RecordBatch.retentionMonths("两年") == 24)
        #expect(RecordBatch.retentionMonths("合同终止后2年") == 24)
        #expect(RecordBatch.retentionMonths("员工离职后 三年") == 36)
        #expect(RecordBatch.retentionMonths("至少5年") == 60)
        #expect(RecordBatch.retentionMonths("3年以上") == 36)
        #expect(RecordBatch.retentionMonths("三十六个月") == 36)
        #expect(RecordBatch.retentionMonths("合同终止后") == nil)
        #expect(RecordBatch.retentionMonths("十十年") == nil)
        #expect(RecordBatch.isPermanentRetention("长期保存"))
    }

    @Test func registerRetentionsAsWrittenInChineseAreAccepted() throws {
        var fixture = FixtureSet.valid()
        fixture.append("records.yaml", "- { id: REC-90, title: 合同台账, owner: quality, retention: 合同终止后三年, procedure: \(FixtureSet.procedureNumber) }\n")
        fixture.append("records.yaml", "- { id: REC-91, title: 人员档案, owner: quality, retention: 长期保存, procedure: \(FixtureSet.procedureNumber) }\n")
        fixture.append("records.yaml", "- 1️⃣{ id: REC-92, title: 访客登记, owner: quality, retention: 一阵子, procedure: \(FixtureSet.procedureNumber) }\n")
        let outcome = try fixture.check()
        let findings = outcome.diagnostics(Rules.recordIncomplete)
        #expect(findings.count == 1, "\(findings.map(\.message))")
        #expect(findings.first?.message.contains("'一阵子'") == true)
        expectFinding(outcome, Rules.recordIncomplete, at: fixture.marker())
    }
}
