import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Sets with several standards: `standards:` in docset.yaml, `key:clause` ids in every place,
/// harmonized headings, coverage per standard and the rules that name the standard.
@Suite struct SeveralStandardsTests {
    static let appendices = "manual/99-appendices.md"
    static let procedureYAML = "\(FixtureSet.procedureFolder)/document.yaml"

    /// The valid fixture with ISO/IEC 27001:2022 as a second standard keyed `isms`.
    static func integrated(harmonized: Bool = false) -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.replace("standard: iso-iec-20000-1-2018",
                        with: "standards: { itsm: iso-iec-20000-1-2018, isms: iso-iec-27001-2022 }" + (harmonized ? "\nharmonized: true" : ""),
                        in: "docset.yaml")
        return fixture
    }

    /// `itsm:8.7.3` is the primary's 8.7.3 (read by byte when ASCII, by Character otherwise).
    @Test func primaryQualifiedIdsAreCanonicalAsTheCharacterFormReadsThem() throws {
        let (set, _) = try Self.integrated().load()
        let tree = try #require(set.standard)
        #expect(tree.canonical("itsm:8.7.3") == "8.7.3")
        #expect(tree.canonical("isms:A.5.1") == "isms:A.5.1")
        #expect(tree.canonical("itsm:") == "")
        #expect(tree.canonical("itsm") == "itsm")
        #expect(tree.canonical("itsm8.1") == "itsm8.1")
        #expect(tree.canonical("8.1") == "8.1")
        #expect(tree.canonical("itsm:\u{301}8.1") == "itsm:\u{301}8.1")
        #expect(tree.canonical("itsm:条款") == "条款")
    }

    static func section(_ outcome: CheckOutcome, titled title: String) -> Section? {
        outcome.set.documents.flatMap(\.allSections).first { $0.title == title }
    }

    // MARK: docset.yaml

    @Test func theFirstStandardIsThePrimary() throws {
        let outcome = try Self.integrated().check()
        let tree = try #require(outcome.set.standard)
        #expect(tree.parts.map(\.key) == ["itsm", "isms"])
        #expect(tree.parts.map(\.tree.id) == ["iso-iec-20000-1-2018", "iso-iec-27001-2022"])
        #expect(tree.clause("8.7.3")?.titleEN == "Information security management")
        #expect(tree.clause("isms:A.5.1")?.localID == "A.5.1")
        #expect(tree.clause("itsm:8.7.3")?.id == "8.7.3")
        #expect(outcome.set.config.standard.value == "iso-iec-20000-1-2018")
    }

    @Test func anUnknownStandardOfTheMapIsReportedAtItsValue() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("standard: iso-iec-20000-1-2018", with: "standards: { itsm: iso-iec-20000-1-2018, isms: 1️⃣iso-iec-27001-2013 }", in: "docset.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownStandard, at: fixture.marker())
        #expect(finding?.fix == "did you mean 'iso-iec-27001-2022'?")
    }

    @Test func standardAndStandardsTogetherAreRefused() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("standard: iso-iec-20000-1-2018", with: "1️⃣standard: iso-iec-20000-1-2018\nstandards: { itsm: iso-iec-20000-1-2018 }", in: "docset.yaml")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.invalidValue, at: fixture.marker(), column: false)
    }

    // MARK: key:clause in every place

    @Test func anAttributeBlockListsClausesOfSeveralStandards() throws {
        var fixture = Self.integrated()
        fixture.append(Self.appendices, "# 附录C 信息安全方针 {clause=isms:5.2, isms:A.5.1,isms:A.5.2 itsm:5.2.2}\n\n信息安全方针由总经理批准。\n")
        let outcome = try fixture.check()
        #expect(Self.section(outcome, titled: "附录C 信息安全方针")?.clauses == ["isms:5.2", "isms:A.5.1", "isms:A.5.2"])
        expectNoFinding(outcome, Rules.unknownClause)
    }

    @Test func aClauseOfThePrimaryMayBeQualified() throws {
        var fixture = Self.integrated()
        fixture.append(Self.appendices, "# 附录C 服务连续性 {clause=itsm:8.7.3, isms:A.5.29}\n\n见[[itsm:8.7.3]]。\n")
        let outcome = try fixture.check()
        #expect(Self.section(outcome, titled: "附录C 服务连续性")?.clauses == ["8.7.3", "isms:A.5.29"])
        // 8.7.3 is also mapped by the manual's own heading: the duplicate names the standard.
        let duplicate = outcome.diagnostics(Rules.duplicatePrimaryClause).first
        #expect(duplicate?.message.hasPrefix("clause itsm:8.7.3 ") == true, "\(outcome.summary)")
        expectNoFinding(outcome, Rules.unknownClause)
        expectNoFinding(outcome, Rules.unresolvedReference)
    }

    @Test func anUnknownQualifiedClauseNamesItsStandard() throws {
        var fixture = Self.integrated()
        fixture.append(Self.appendices, "1️⃣# 附录C 补充 {clause=isms:A.5.99}\n\n补充说明。\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownClause, at: fixture.marker())
        #expect(finding?.message == "clause isms:A.5.99 in the attribute block of section '附录C 补充' does not exist in ISO/IEC 27001:2022")
        #expect(finding?.fix?.contains("isms:A.5.") == true)
    }

    @Test func anUnknownKeyIsNamed() throws {
        var fixture = Self.integrated()
        fixture.append(Self.appendices, "1️⃣# 附录C 补充 {clause=ims:5.1}\n\n补充说明。\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownClause, at: fixture.marker())
        #expect(finding?.message.contains("names the standard 'ims', which is not one of the set's standards (itsm, isms)") == true)
        #expect(finding?.fix == "did you mean isms:5.1?")
    }

    @Test func referencesToAnotherStandardResolve() throws {
        var fixture = Self.integrated()
        fixture.append(Self.appendices, "# 附录C 备份 {clause=isms:A.8.13}\n\n按[[isms:A.8.13]]执行，另见1️⃣[[isms:A.8.14]]。\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unresolvedReference, at: fixture.marker())
        #expect(finding?.message == "[[isms:A.8.14]] refers to clause isms:A.8.14, which no section covers")
        #expect(outcome.diagnostics(Rules.unresolvedReference).count == 1)
    }

    @Test func documentClausesMayBeQualified() throws {
        var fixture = Self.integrated()
        fixture.replace("clauses: [7.5.1, 7.5.2, 7.5.3, 7.5.4]", with: "clauses: [7.5.1, 7.5.2, 7.5.3, 7.5.4, isms:7.5.3, 1️⃣isms:7.5.4]", in: Self.procedureYAML)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownClause, at: fixture.marker())
        #expect(finding?.message.contains("clause isms:7.5.4 in clauses of QP-01 does not exist in ISO/IEC 27001:2022") == true)
        #expect(outcome.diagnostics(Rules.unknownClause).count == 1)
    }

    @Test func matrixRowsMayBeQualified() throws {
        var fixture = Self.integrated()
        fixture.append("responsibilities.csv", "isms:5.1,领导作用和承诺,●,○,\n1️⃣isms:5.9,不存在,●,,\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.matrixUnknownClause, at: fixture.marker(), column: false)
        #expect(finding?.message == "matrix row 'isms:5.9' is not a clause of ISO/IEC 27001:2022")
        #expect(outcome.diagnostics(Rules.matrixUnknownClause).count == 1)
    }

    @Test func notApplicableMayBeQualifiedAndIsCheckedPerClause() throws {
        var fixture = Self.integrated()
        fixture.replace("not-applicable: { }", with: "not-applicable:\n  isms:A.7.4: 本公司无自有机房\n  1️⃣isms:6.2: 不适用\n  2️⃣itsm:8.7.3: 不适用\n", in: "docset.yaml")
        let outcome = try fixture.check()
        let isms = expectFinding(outcome, Rules.exclusionNotAllowed, at: fixture.marker("1️⃣"))
        #expect(isms?.message == "ISO/IEC 27001:2022 does not allow clause isms:6.2 to be declared not applicable")
        let itsm = expectFinding(outcome, Rules.exclusionNotAllowed, at: fixture.marker("2️⃣"))
        #expect(itsm?.message == "ISO/IEC 20000-1:2018 does not allow clause itsm:8.7.3 to be declared not applicable")
        #expect(outcome.diagnostics(Rules.exclusionNotAllowed).count == 2)
        let coverage = try #require(CoverageReport.compute(outcome.set)?.part("isms"))
        #expect(coverage.entries.first { $0.clause.id == "isms:A.7.4" }?.status == .notApplicable)
    }

    @Test func uncoveredClausesOfTheSecondStandardNameIt() throws {
        let outcome = try Self.integrated().check()
        let messages = outcome.diagnostics(Rules.uncoveredClause).map(\.message)
        #expect(messages.contains { $0.hasPrefix("clause isms:4.4 ") }, "\(outcome.summary)")
        // Annex A controls are the Statement of Applicability's to report, not uncovered-clause's.
        #expect(!messages.contains { $0.hasPrefix("clause isms:A.") })
        #expect(!messages.contains { !$0.hasPrefix("clause isms:") })
    }

    // MARK: harmonized

    @Test func harmonizedHeadingsMapToEveryStandardWhoseTitleMatches() throws {
        let plain = try Self.integrated().check()
        #expect(Self.section(plain, titled: "文件化信息")?.clauses == ["7.5"])
        let outcome = try Self.integrated(harmonized: true).check()
        // 20000-1 and 27001 share 7.5 文件化信息 and 5.3 组织的角色、职责和权限 …
        #expect(Self.section(outcome, titled: "文件化信息")?.clauses == ["7.5", "isms:7.5"])
        #expect(Self.section(outcome, titled: "组织的角色、职责和权限")?.clauses == ["5.3", "isms:5.3"])
        // … but not 4.4, titled for the service management system.
        #expect(Self.section(outcome, titled: "服务管理体系")?.clauses == ["4.4"])
        let isms = try #require(CoverageReport.compute(outcome.set)?.part("isms"))
        #expect(isms.entries.first { $0.clause.id == "isms:7.5" }?.sections.first?.number == "7.5")
        #expect(isms.entries.first { $0.clause.id == "isms:4.4" }?.status == .uncovered)
    }

    @Test func harmonizedMappingNeverLeavesClauses4To10() throws {
        var fixture = Self.integrated(harmonized: true)
        fixture.append(Self.appendices, "# 3 术语和定义 {clause=none}\n\n见标准。\n")
        let outcome = try fixture.check()
        #expect(Self.section(outcome, titled: "术语和定义")?.clauses == [])
    }

    // MARK: coverage per standard

    @Test func coverageHasAPartPerStandard() throws {
        let outcome = try Self.integrated(harmonized: true).check()
        let report = try #require(CoverageReport.compute(outcome.set))
        #expect(report.parts.map(\.key) == ["itsm", "isms"])
        #expect(report.part("itsm")?.percent == 100)
        let isms = try #require(report.part("isms"))
        #expect(isms.percent < 100 && isms.percent > 0)
        #expect(isms.entries.allSatisfy { $0.clause.id.hasPrefix("isms:") })
        #expect(isms.chapters.first?.clause.localID == "4")
        let text = CoverageFormatter.text(report, language: .zhCN)
        #expect(text.contains("[itsm] ISO/IEC 20000-1:2018 — coverage to depth 3"))
        #expect(text.contains("[isms] ISO/IEC 27001:2022 (GB/T 22080-2025) — coverage to depth 3"))
        #expect(text.contains("\nitsm (ISO/IEC 20000-1:2018): "))
        let csv = CoverageFormatter.csv(report, language: .zhCN)
        #expect(csv.contains("\r\nisms,7.5,文件化信息,covered,yes,CS-ITSM-M-01 §7.5,,"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CoverageFormatter.json(report, language: .en).utf8)) as? [String: Any])
        let standards = try #require(json["standards"] as? [[String: Any]])
        #expect(standards.map { $0["key"] as? String } == ["itsm", "isms"])
    }
}
