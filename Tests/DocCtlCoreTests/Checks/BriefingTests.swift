@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Briefing on a new revision (宣贯): docset.yaml's `briefing`, acknowledgements.yaml, the rule
/// `briefing-overdue`, the control block's line, the master list and the page briefing.html.
@Suite struct BriefingTests {
    static let folder = FixtureSet.procedureFolder

    /// QP-01 A/0 took effect on 2025-03-16 with holders 总经理, 体系与质量部 and 运维服务部; today is 2026-01-15.
    static func fixture(within days: Int = 14, acknowledgements: String? = nil) -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.write("docset.yaml", fixture.text("docset.yaml")! + "briefing: { within-days: \(days) }\n")
        fixture.replace("effective: 2025-03-16", with: "effective: 1️⃣2025-03-16", in: "\(folder)/document.yaml")
        fixture.replace("  - { copy: \"01\", holder: 总经理 }\n", with: """
              - { copy: "01", holder: 总经理 }
              - { copy: "02", holder: 体系与质量部 }
              - { copy: "03", holder: 运维服务部 }
              - { copy: "04", holder: 运维服务部 }

            """, in: "\(folder)/document.yaml")
        fixture.write("\(folder)/acknowledgements.yaml", acknowledgements ?? """
            - { revision: "A/0", holder: 总经理, name: 周明远, date: 2025-03-18 }
            - { revision: "A/0", holder: 体系与质量部, name: <b>沈家宁</b>, date: 2025-03-20 }

            """)
        return fixture
    }

    @Test func holdersWhoHaveNotAcknowledgedInTimeAreReported() throws {
        let fixture = Self.fixture()
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.briefingOverdue, at: fixture.marker("1️⃣"))
        #expect(finding?.message == "QP-01 A/0 took effect on 2025-03-16; 1 of 3 holders have not acknowledged it after 14 days: 运维服务部")
        #expect(finding?.fix == "brief them and record each in procedures/QP-01-documented-information/acknowledgements.yaml: - { revision: \"A/0\", holder: 运维服务部, date: … }")
        #expect(outcome.diagnostics(Rules.briefingOverdue).filter { $0.location?.path.hasPrefix(Self.folder) == true }.count == 1)
    }

    @Test func noWarningWithinTheDaysOrWhenAllAcknowledged() throws {
        #expect(try Self.fixture(within: 400).check().diagnostics(Rules.briefingOverdue).isEmpty)
        let all = Self.fixture(acknowledgements: """
            - { revision: "A/0", holder: 总经理, date: 2025-03-18 }
            - { revision: "A/0", holder: 体系与质量部, date: 2025-03-18 }
            - { revision: "A/0", holder: 运维服务部, date: 2025-03-19 }

            """)
        #expect(try all.check().diagnostics(Rules.briefingOverdue).allSatisfy { $0.location?.path.hasPrefix(Self.folder) == false },
                "the manual has a distribution list too, without acknowledgements")
        var without = Self.fixture()
        without.replace("briefing: { within-days: 14 }\n", with: "", in: "docset.yaml")
        #expect(try without.check().diagnostics(Rules.briefingOverdue).isEmpty, "without a policy nothing is due")
    }

    @Test func anAcknowledgementOfAnotherRevisionDoesNotCount() throws {
        let old = Self.fixture(acknowledgements: """
            - { revision: "@/9", holder: 总经理, date: 2025-03-18 }
            - { revision: "A/0", holder: 2️⃣运维部, date: 2025-03-18 }

            """)
        let outcome = try old.check()
        #expect(expectFinding(outcome, Rules.briefingOverdue, at: old.marker("1️⃣"))?.message.contains("3 of 3 holders") == true)
        let unknown = expectFinding(outcome, Rules.invalidValue, at: old.marker("2️⃣"))
        #expect(unknown?.message == "'运维部' is not a holder on the distribution list of QP-01")
    }

    @Test func thePagesShowTheShare() throws {
        let set = try RenderingFixtures.load(Self.fixture())
        let renderer = try RenderingFixtures.renderer(set, today: FixtureSet.today)
        let files = try renderer.render()
        let register = String(decoding: try #require(files["briefing.html"]), as: UTF8.self)
        #expect(register.contains("<p class=\"summary\">宣贯文件 2 份，已全部确认 0 份，逾期未确认 2 份</p>"))
        #expect(register.contains("<td class=\"briefing-acks\">总经理（周明远） 2025-03-18；体系与质量部（&lt;b&gt;沈家宁&lt;/b&gt;） 2025-03-20</td><td class=\"briefing-missing\">运维服务部</td><td class=\"nowrap\">2/3（66%）</td>"))
        #expect(register.contains("<td class=\"nowrap overdue\">2025-03-30（逾期）</td>"))
        try RenderingFixtures.assertGolden(register, "briefing.html")
        let page = String(decoding: try #require(files.first { $0.key.hasPrefix("QP-01/") && $0.key.hasSuffix("/index.html") && $0.key.split(separator: "/").count == 3 }?.value), as: UTF8.self)
        #expect(page.contains("<tr class=\"briefing-row\"><th scope=\"row\">宣贯确认</th><td colspan=\"3\" class=\"briefing-overdue\">2/3（66%） · 未确认：运维服务部（逾期）</td></tr>"))
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(index.contains("<span class=\"briefing\">宣贯确认 2/3（66%）</span>"))
        #expect(index.contains("href=\"./briefing.html\">文件宣贯确认记录</a>"))
        #expect(LinkChecker.brokenLinks(files).isEmpty)
    }

    @Test func aSetWithoutBriefingsHasNoBriefingPage() throws {
        let files = try RenderingFixtures.renderer(RenderingFixtures.load(FixtureSet.valid())).render()
        #expect(files["briefing.html"] == nil)
        #expect(!String(decoding: try #require(files["index.html"]), as: UTF8.self).contains("宣贯确认"))
    }

    @Test func daysAreAddedAcrossMonthsAndYears() {
        #expect(Day(year: 2025, month: 12, day: 25)!.adding(days: 14).description == "2026-01-08")
        #expect(Day(year: 2024, month: 2, day: 28)!.adding(days: 1).description == "2024-02-29")
        #expect(Day(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
    }
}
