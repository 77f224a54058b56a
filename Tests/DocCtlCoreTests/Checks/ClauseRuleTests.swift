import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Rules on clauses: known standard and ids, coverage, exclusions, section numbers and titles.
@Suite struct ClauseRuleTests {
    static let chapter5 = FixtureSet.chapterPath(5)
    static let chapter8 = FixtureSet.chapterPath(8)
    static let procedureYAML = "\(FixtureSet.procedureFolder)/document.yaml"

    /// The generated heading and sentence of one clause.
    static func sectionText(_ id: String, _ title: String, level: Int) -> String {
        String(repeating: "#", count: level) + " \(id) \(title)\n\n本公司按标准第\(id)条的要求策划和实施相关活动，并保留成文信息。\n\n"
    }

    // MARK: unknown-standard

    @Test func unknownStandardSuggestsTheClosestKnownOne() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("standard: iso-iec-20000-1-2018", with: "standard: 1️⃣iso-iec-2000-1-2018", in: "docset.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownStandard, at: fixture.marker())
        #expect(finding?.fix == "did you mean 'iso-iec-20000-1-2018'?")
    }

    @Test func invalidExtraClauseTreeIsReportedWithItsLine() throws {
        var fixture = FixtureSet.valid()
        fixture.write("standards/own.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <standard xmlns="urn:docctl:clause-tree:1" id="own">
              <designation>Own</designation>
              <bogus/>
            </standard>

            """)
        let outcome = try fixture.check()
        let findings = outcome.diagnostics(Rules.unknownStandard)
        #expect(findings.contains { $0.location?.path == "standards/own.xml" && ($0.location?.line ?? 0) > 0 }, "\(outcome.summary)")
    }

    // MARK: unknown-clause

    @Test func clauseIdsAreStringsSo810IsNot81() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("clauses: [7.5.1, 7.5.2, 7.5.3, 7.5.4]", with: "clauses: [7.5.1, 7.5.2, 7.5.3, 7.5.4, 1️⃣8.10]", in: Self.procedureYAML)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownClause, at: fixture.marker())
        #expect(finding?.message.contains("clause 8.10 ") == true)
        // 8.10 must not have been read as the number 8.1 (which exists).
        #expect(outcome.set.document(number: FixtureSet.procedureNumber)?.clauses.map(\.value).last == "8.10")
    }

    @Test func unknownClauseInAnAttributeBlockIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "1️⃣# 附录C 补充 {clause=9.9}\n\n补充说明。\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownClause, at: fixture.marker())
        #expect(finding?.message.contains("9.9") == true)
    }

    @Test func numberedManualHeadingWithoutAClauseIsUnknown() throws {
        var fixture = FixtureSet.valid()
        fixture.append(FixtureSet.chapterPath(10), "1️⃣## 10.3 创新管理\n\n内容。\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownClause, at: fixture.marker())
        #expect(finding?.fix != nil)
    }

    @Test func unknownNotApplicableClauseIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("not-applicable: { }", with: "not-applicable:\n  1️⃣8.10: 不适用\n", in: "docset.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownClause, at: fixture.marker())
        #expect(finding?.message.contains("8.10") == true)
    }

    // MARK: uncovered-clause

    @Test func uncoveredClauseIsReportedAtItsParentSection() throws {
        var fixture = FixtureSet.valid()
        fixture.replace(Self.sectionText("8.6.2", "服务请求管理", level: 3), with: "", in: Self.chapter8)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.uncoveredClause, at: fixture.location(of: "## 8.6 ", in: Self.chapter8))
        #expect(finding?.message.contains("8.6.2") == true)
        #expect(outcome.diagnostics(Rules.uncoveredClause).count == 1)
        #expect(outcome.exitStatus == 1)
    }

    @Test func uncoveredChapterIsReportedAtTheManualOncePerDeepestClause() throws {
        var fixture = FixtureSet.valid()
        fixture.remove(FixtureSet.chapterPath(10))
        let outcome = try fixture.check()
        let findings = outcome.diagnostics(Rules.uncoveredClause)
        // 10 is uncovered because 10.1 and 10.2 are: only those are reported.
        #expect(findings.map { $0.message.split(separator: " ")[1] } == ["10.1", "10.2"], "\(outcome.summary)")
        #expect(findings.allSatisfy { $0.location?.path == "manual/document.yaml" })
    }

    /// Regression: a syntax error in the manual's document.yaml added 50 uncovered-clause errors.
    @Test func manualThatFailsToLoadDoesNotCascadeIntoUncoveredClauses() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("title: IT服务管理手册", with: "title: [IT服务管理手册", in: "manual/document.yaml")
        let outcome = try fixture.check()
        #expect(!outcome.diagnostics(Rules.yamlSyntax).isEmpty)
        expectNoFinding(outcome, Rules.uncoveredClause)
        #expect(outcome.exitStatus == 1)
    }

    @Test func clauseCoveredByAnAttributeBlockIsCovered() throws {
        var fixture = FixtureSet.valid()
        fixture.replace(Self.sectionText("8.6.2", "服务请求管理", level: 3), with: "", in: Self.chapter8)
        fixture.append("manual/99-appendices.md", "# 附录C 服务请求 {clause=8.6.2}\n\n服务请求按事件流程处理。\n")
        let outcome = try fixture.check(strict: true)
        expectClean(outcome)
    }

    @Test func clausesDeeperThanCoverageDepthNeedNoSection() throws {
        let outcome = try FixtureSet.valid().check()
        #expect(outcome.set.documents[0].allSections.contains { $0.number == "8.5.1.1" } == false)
        expectNoFinding(outcome, Rules.uncoveredClause)
    }

    // MARK: not-applicable-unjustified, exclusion-not-allowed

    @Test func notApplicableWithoutJustificationIsReported() throws {
        var fixture = FixtureSet.valid()
        // Clause 1.2 is not auditable, so only the missing justification is at fault.
        fixture.replace("not-applicable: { }", with: "not-applicable:\n  1️⃣\"1.2\":\n", in: "docset.yaml")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.notApplicableUnjustified, at: fixture.marker())
        expectNoFinding(outcome, Rules.exclusionNotAllowed)
    }

    @Test func exclusionOfAnAuditableClauseIsForbiddenBy20000() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("not-applicable: { }", with: "not-applicable:\n  1️⃣8.7.3: 本公司不处理客户信息\n", in: "docset.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.exclusionNotAllowed, at: fixture.marker())
        #expect(finding?.message.contains("8.7.3") == true)
    }

    @Test func forbiddenExclusionDoesNotCountAsCoverage() throws {
        var fixture = FixtureSet.valid()
        fixture.replace(Self.sectionText("8.6.2", "服务请求管理", level: 3), with: "", in: Self.chapter8)
        fixture.replace("not-applicable: { }", with: "not-applicable: { 8.6.2: 无服务请求 }", in: "docset.yaml")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.exclusionNotAllowed, at: fixture.location(of: "8.6.2", in: "docset.yaml"))
        let coverage = try #require(CoverageReport.compute(outcome.set))
        #expect(coverage.entries.first { $0.clause.id == "8.6.2" }?.status == .uncovered)
    }

    // MARK: section-hierarchy, section-order

    @Test func sectionUnderWrongParentIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("## 5.3 ", with: "1️⃣### 5.1.1 领导承诺的证据\n\n内容。\n\n## 5.3 ", in: Self.chapter5)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.sectionHierarchy, at: fixture.marker())
        #expect(finding?.message == "section 5.1.1 stands under section 5.2")
        #expect(finding?.fix == "move it under section 5.1 or renumber it")
    }

    @Test func subsectionWithoutItsParentIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("# 4 工作程序", with: "1️⃣# 4.1 工作程序", in: "\(FixtureSet.procedureFolder)/body.md")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.sectionHierarchy, at: fixture.marker())
    }

    @Test func sectionsOutOfOrderAreReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("# 3 职责", with: "1️⃣# 2 职责", in: "\(FixtureSet.procedureFolder)/body.md")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.sectionOrder, at: fixture.marker())
        #expect(finding?.notes.first?.location?.line == 5)
    }

    @Test func skippedSectionNumbersAreInOrder() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("# 5 记录", with: "# 9 记录", in: "\(FixtureSet.procedureFolder)/body.md")
        expectClean(try fixture.check(strict: true))
    }

    // MARK: clause-title-mismatch

    @Test func titleDifferentFromTheClauseIsAWarning() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("## 4.1 理解组织及其环境", with: "1️⃣## 4.1 公司基本情况", in: FixtureSet.chapterPath(4))
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.clauseTitleMismatch, .warning, at: fixture.marker())
        #expect(finding?.message.contains("理解组织及其环境") == true)
        #expect(outcome.exitStatus == 0)
    }

    @Test(arguments: ["# 4 组织的背景", "# 4 Context of the organization", "# 4 组织 环境", "# 4 组织环境 {id=context}"])
    func aliasOrTolerantVariantOfTheTitleIsAccepted(heading: String) throws {
        var fixture = FixtureSet.valid()
        fixture.replace("# 4 组织环境", with: heading, in: FixtureSet.chapterPath(4))
        let outcome = try fixture.check()
        expectNoFinding(outcome, Rules.clauseTitleMismatch)
    }

    @Test func explicitMappingSkipsTheTitleComparison() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("## 4.1 理解组织及其环境", with: "## 4.1 公司基本情况 {clause=4.1}", in: FixtureSet.chapterPath(4))
        expectNoFinding(try fixture.check(), Rules.clauseTitleMismatch)
    }

    // MARK: duplicate-primary-clause

    @Test func clauseMappedByTwoSectionsIsAWarning() throws {
        var fixture = FixtureSet.valid()
        fixture.append("manual/99-appendices.md", "1️⃣# 附录C 运行控制补充 {clause=8.1}\n\n补充说明。\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.duplicatePrimaryClause, .warning, at: fixture.marker())
        #expect(finding?.notes.first?.location?.path == Self.chapter8)
    }

    @Test func procedureDeclaringAManualClauseIsNoDuplicate() throws {
        // QP-01 declares 7.5.1–7.5.4, which the manual also maps: coverage-from is [manual].
        expectNoFinding(try FixtureSet.valid().check(), Rules.duplicatePrimaryClause)
    }

    // MARK: unfinished-section

    @Test func sectionWithoutContentIsUnfinished() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("# 5 记录", with: "1️⃣# 5 记录\n\n# 6 相关文件", in: "\(FixtureSet.procedureFolder)/body.md")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.unfinishedSection, at: fixture.marker())
    }

    @Test func todoStubIsUnfinished() throws {
        var fixture = FixtureSet.valid()
        fixture.replace(Self.sectionText("7.6", "知识", level: 2), with: "1️⃣## 7.6 知识\n\nTODO: 描述知识管理。\n\n",
                        in: FixtureSet.chapterPath(7))
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.unfinishedSection, at: fixture.marker())
    }
}
