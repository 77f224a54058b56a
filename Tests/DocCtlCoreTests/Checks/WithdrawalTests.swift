@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Withdrawn documents (作废): document.yaml's `withdrawn: { date, reason, approved-by }` beside
/// `status: withdrawn`, the `withdrawal-record` rule, and where date and reason show: the
/// 作废文件清单 (`{{withdrawn-document-list}}`, withdrawn.html) and the notice on the revision page.
@Suite struct WithdrawalTests {
    static let procedure = "\(FixtureSet.procedureFolder)/document.yaml"
    static let history = "\(FixtureSet.procedureFolder)/history.yaml"

    /// The valid set with its procedure withdrawn by `lines` (written after `control:`).
    static func withdrawn(_ lines: String) -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.replace("control: controlled", with: "control: controlled\n" + lines, in: procedure)
        return fixture
    }

    static let complete = """
        status: withdrawn
        withdrawn:
          date: 2025-12-20
          reason: 已并入 <QP-02> 的第 5 章
          approved-by: 沈家宁
        """

    // MARK: loading

    @Test func theWithdrawalIsLoadedWithItsDateReasonAndApprover() throws {
        let set = try RenderingFixtures.load(Self.withdrawn(Self.complete))
        let document = try #require(set.document(number: FixtureSet.procedureNumber))
        #expect(document.withdrawn)
        let withdrawal = try #require(document.withdrawal)
        #expect(withdrawal.date?.value == Day("2025-12-20"))
        #expect(withdrawal.date?.location.line == 9)
        #expect(withdrawal.reason == "已并入 <QP-02> 的第 5 章")
        #expect(withdrawal.approvedBy == "沈家宁")
        #expect(withdrawal.location.line == 9, "the mapping starts at its first key")
        #expect(document.statusLocation?.line == 7)
        #expect(set.document(number: FixtureSet.manualNumber)?.withdrawal == nil)
    }

    @Test func aBadWithdrawalIsReportedAtItsLine() throws {
        let fixture = Self.withdrawn("status: withdrawn\nwithdrawn: { date: 1️⃣2025-13-01, 2️⃣resaon: 已并入 QP-02 }")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.badDate, at: fixture.marker("1️⃣"))
        let unknown = expectFinding(outcome, Rules.unknownKey, at: fixture.marker("2️⃣"))
        #expect(unknown?.fix == "did you mean 'reason'?")
        let notAMapping = Self.withdrawn("status: withdrawn\nwithdrawn: 1️⃣2025-12-20")
        expectFinding(try notAMapping.check(), Rules.invalidValue, at: notAMapping.marker())
    }

    // MARK: withdrawal-record

    @Test func aCompleteWithdrawalIsClean() throws {
        let outcome = try Self.withdrawn(Self.complete).check()
        expectNoFinding(outcome, Rules.withdrawalRecord)
    }

    @Test func aWithdrawnDocumentWithoutARecordIsReportedAtItsStatus() throws {
        let fixture = Self.withdrawn("status: 1️⃣withdrawn")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.withdrawalRecord, .warning, at: fixture.marker())
        #expect(finding?.message == "withdrawn document \(FixtureSet.procedureNumber) does not say when and why it was withdrawn")
        #expect(finding?.fix == "add 'withdrawn: { date: 2026-01-15, reason: … }' to its document.yaml")
        #expect(outcome.diagnostics(Rules.withdrawalRecord).count == 1)
    }

    @Test func aRecordWithoutDateOrReasonIsReportedAtTheRecord() throws {
        let noReason = Self.withdrawn("status: withdrawn\nwithdrawn: 1️⃣{ date: 2025-12-20, approved-by: 沈家宁 }")
        let finding = expectFinding(try noReason.check(), Rules.withdrawalRecord, at: noReason.marker())
        #expect(finding?.message == "the withdrawal of \(FixtureSet.procedureNumber) has no reason")
        let neither = Self.withdrawn("status: withdrawn\nwithdrawn:\n  1️⃣approved-by: 沈家宁")
        let both = expectFinding(try neither.check(), Rules.withdrawalRecord, at: neither.marker())
        #expect(both?.message == "the withdrawal of \(FixtureSet.procedureNumber) has no date and reason")
    }

    @Test func aWithdrawalDatedAfterTodayIsReportedAtTheDate() throws {
        let fixture = Self.withdrawn("status: withdrawn\nwithdrawn: { date: 1️⃣2026-02-01, reason: 已并入 QP-02 }")
        let finding = expectFinding(try fixture.check(), Rules.withdrawalRecord, at: fixture.marker())
        #expect(finding?.message == "\(FixtureSet.procedureNumber) is withdrawn on 2026-02-01, after today (2026-01-15)")
        expectNoFinding(try fixture.check(today: Day("2026-02-01")!), Rules.withdrawalRecord)
    }

    @Test func aWithdrawalDatedBeforeTheLastReleaseIsReportedAtTheDate() throws {
        var fixture = Self.withdrawn("status: withdrawn\nwithdrawn: { date: 1️⃣2025-03-01, reason: 已并入 QP-02 }")
        let outcome = try fixture.check()
        expectNoFinding(outcome, Rules.withdrawalRecord)  // A/0 (2025-03-16) is not released: nothing to compare with
        fixture.replace("  approver: 周明远\n", with: "  approver: 周明远\n  digest: sha256:\(String(repeating: "0", count: 64))\n", in: Self.history)
        let released = try fixture.check()
        let finding = expectFinding(released, Rules.withdrawalRecord, at: fixture.marker())
        #expect(finding?.message == "\(FixtureSet.procedureNumber) is withdrawn on 2025-03-01, before its last release (A/0 on 2025-03-16)")
        #expect(finding?.notes.first?.location?.path == Self.history)
    }

    @Test func aRecordOnADocumentThatIsNotWithdrawnIsReported() throws {
        let fixture = Self.withdrawn("withdrawn: 1️⃣{ date: 2025-12-20, reason: 已并入 QP-02 }")
        let finding = expectFinding(try fixture.check(), Rules.withdrawalRecord, at: fixture.marker())
        #expect(finding?.message == "\(FixtureSet.procedureNumber) records a withdrawal but its status is not withdrawn")
        let active = Self.withdrawn("status: active\nwithdrawn: 1️⃣{ date: 2025-12-20, reason: 已并入 QP-02 }")
        expectFinding(try active.check(), Rules.withdrawalRecord, at: active.marker())
    }

    // MARK: rendering

    @Test func theListShowsDateReasonAndApproverEscaped() throws {
        let set = try RenderingFixtures.load(Self.withdrawn(Self.complete))
        let renderer = try RenderingFixtures.renderer(set, today: FixtureSet.today)
        let html = HTMLSerializer.html(GeneratedBlocks(context: renderer.builder.context(.site(depth: 0))).render("withdrawn-document-list"))
        #expect(html.contains("<th scope=\"col\">作废日期</th><th scope=\"col\">作废原因</th><th scope=\"col\">批准人</th><th scope=\"col\">受控状态</th>"))
        #expect(html.contains("<td class=\"nowrap\">2025-12-20</td><td class=\"withdrawal-reason\">已并入 &lt;QP-02&gt; 的第 5 章</td><td>沈家宁</td>"))
        let files = try renderer.render()
        let page = String(decoding: try #require(files["withdrawn.html"]), as: UTF8.self)
        try RenderingFixtures.assertGolden(page, "withdrawn.html")
        #expect(LinkChecker.brokenLinks(files).isEmpty)
    }

    @Test func aWithdrawalWithoutRecordLeavesItsCellsEmpty() throws {
        let set = try RenderingFixtures.load(Self.withdrawn("status: withdrawn"))
        let renderer = try RenderingFixtures.renderer(set, today: FixtureSet.today)
        let html = HTMLSerializer.html(GeneratedBlocks(context: renderer.builder.context(.site(depth: 0))).render("withdrawn-document-list"))
        #expect(html.contains("<td class=\"nowrap\"></td><td class=\"withdrawal-reason\"></td><td></td><td class=\"status status-withdrawn\">作废</td>"))
    }

    @Test func theListHasEnglishLabels() throws {
        var fixture = Self.withdrawn(Self.complete)
        fixture.replace("language: zh-CN", with: "language: en", in: "docset.yaml")
        let set = try RenderingFixtures.load(fixture)
        let renderer = try RenderingFixtures.renderer(set, today: FixtureSet.today)
        let html = HTMLSerializer.html(GeneratedBlocks(context: renderer.builder.context(.site(depth: 0))).render("withdrawn-document-list"))
        #expect(html.contains("<th scope=\"col\">Withdrawn on</th><th scope=\"col\">Reason</th><th scope=\"col\">Approved by</th>"))
    }

    /// The XML archive keeps the record beside `withdrawn="true"`, valid against the built-in schema.
    @Test func theArchiveCarriesTheWithdrawalRecord() throws {
        let set = try RenderingFixtures.load(Self.withdrawn(Self.complete))
        let renderer = try RenderingFixtures.renderer(set, today: FixtureSet.today)
        let document = try #require(set.document(number: FixtureSet.procedureNumber))
        let xml = String(decoding: try renderer.archive(document), as: UTF8.self)
        #expect(xml.contains("withdrawn=\"true\">"))
        #expect(xml.contains("</status>\n    <withdrawal date=\"2025-12-20\" approved-by=\"沈家宁\">已并入 &lt;QP-02&gt; 的第 5 章</withdrawal>\n"
            + "    <issued>"), "\(xml)")
        let tree = DocumentArchive.element(document, context: renderer.builder.context(.site(depth: 2), document: document),
                                           buildDate: renderer.buildDate)
        #expect(ArchiveConformanceTests.libxml2Issues(tree, try ArchiveConformanceTests.schema()).isEmpty)
        #expect(ArchiveConformance.issues(tree).isEmpty)
        let active = try #require(set.document(number: FixtureSet.manualNumber))
        #expect(!String(decoding: try renderer.archive(active), as: UTF8.self).contains("<withdrawal"))
    }

    /// The revision page is frozen; its status stylesheet (rewritten by every build and publish)
    /// carries the notice with date and reason.
    @Test func theRevisionNoticeSaysWhenAndWhy() throws {
        let set = try RenderingFixtures.load(Self.withdrawn(Self.complete))
        let files = try RenderingFixtures.renderer(set, today: FixtureSet.today).render()
        let css = String(decoding: try #require(files["assets/status/QP-01/A-0.css"]), as: UTF8.self)
        #expect(css.contains("--docctl-status-notice:\"本文件已于 2025\\2d 12\\2d 20 作废（已并入 \\3c QP\\2d 02\\3e  的第 5 章），仅供查阅，不作为受控文件使用。\";"))
        let english = RevisionStatusStyle.css(number: "QP-01", revision: "A/0", state: .withdrawn(on: Day("2025-12-20"), reason: "merged"),
                                              labels: .en)
        #expect(english.contains("This document was withdrawn on 2025\\2d 12\\2d 20 \\28 merged\\29 \\3a  for reference only"))
        #expect(english.contains("--docctl-watermark:\"WITHDRAWN\""))
        let unrecorded = RevisionStatusStyle.css(number: "QP-01", revision: "A/0", state: .withdrawn(on: Day("2025-12-20"), reason: nil),
                                                 labels: .zhCN)
        #expect(unrecorded.contains(HTMLEscaping.cssString(Labels.zhCN.supersededNotice)), "without a reason: the general notice")
    }
}
