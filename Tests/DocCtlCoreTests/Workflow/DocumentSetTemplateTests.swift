@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl init`: a new set that loads, and that check reports as unfinished.
@Suite struct DocumentSetTemplateTests {
    static func template(_ id: String = "iso-iec-20000-1-2018", language: Language = .zhCN) throws -> DocumentSetTemplate {
        DocumentSetTemplate(standard: try #require(StandardsLibrary.builtIn.tree(id)), language: language,
                            organization: nil, date: FixtureSet.today)
    }

    @Test(arguments: ["iso-iec-20000-1-2018", "iso-9001-2015", "iso-iec-27001-2022"])
    func aNewSetLoadsAndReportsOnlyItsUnfinishedParts(id: String) throws {
        let template = try Self.template(id)
        try TemporaryFolder.with { folder in
            try template.create(at: folder.url)
            let outcome = try CheckOutcome.check(folder.url)
            #expect(outcome.rules == [Rules.unfinishedSection.id, Rules.approvalMissing.id], "\(outcome.summary)")
            #expect(outcome.diagnostics(Rules.unfinishedSection).count == template.clauses.count)
            #expect(outcome.diagnostics(Rules.approvalMissing).count == 5)
            let manual = try #require(outcome.set.documents.first)
            #expect(manual.number == template.manualNumber)
            #expect(manual.history.map(\.revisionText) == ["A/0"])
            #expect(manual.history.first?.digest == nil)
            // Stubs map their clauses but cover nothing until written: 0 %, and no uncovered-clause on top.
            let coverage = try #require(CoverageReport.compute(outcome.set))
            #expect(coverage.percent == 0)
            #expect(coverage.required.allSatisfy { $0.status == .uncovered && $0.unwritten })
        }
    }

    @Test func theEnglishSetUsesEnglishTitles() throws {
        let template = try Self.template(language: .en)
        let files = Dictionary(template.files(), uniquingKeysWith: { first, _ in first })
        #expect(files["manual/04-context-of-the-organization.md"]?.hasPrefix("# 4 Context of the organization\n\nTODO: ") == true)
        try TemporaryFolder.with { folder in
            try template.create(at: folder.url)
            #expect(try CheckOutcome.check(folder.url).rules == [Rules.unfinishedSection.id, Rules.approvalMissing.id])
        }
    }

    @Test func theMatrixHasOneLeadPerRequiredClause() throws {
        let template = try Self.template()
        let files = Dictionary(template.files(), uniquingKeysWith: { first, _ in first })
        let rows = try #require(files["responsibilities.csv"]).split(separator: "\n").dropFirst()
        #expect(rows.count == template.clauses.filter(\.auditable).count)
        #expect(rows.allSatisfy { $0.filter { $0 == "●" }.count == 1 })
    }

    // MARK: integrated manuals (several --standard)

    static func integrated(_ ids: [String], language: Language = .zhCN) throws -> DocumentSetTemplate {
        let trees = try ids.map { try #require(StandardsLibrary.builtIn.tree($0)) }
        return try #require(DocumentSetTemplate(standards: trees, language: language, organization: nil, date: FixtureSet.today))
    }

    /// ISO 9001 + 14001 + 45001 (三体系): one heading serves the three standards where the titles
    /// agree, each other clause gets a heading of its own, and every required clause of the three is
    /// mapped, so check reports only the unfinished parts.
    @Test(arguments: [Language.zhCN, .en])
    func anIntegratedManualMapsEveryRequiredClauseOfEachStandard(language: Language) throws {
        let template = try Self.integrated(["iso-9001-2015", "iso-14001-2015", "iso-45001-2018"], language: language)
        let files = Dictionary(template.files(), uniquingKeysWith: { first, _ in first })
        let docset = try #require(files["docset.yaml"])
        #expect(docset.contains("standards: { qms: iso-9001-2015, ems: iso-14001-2015, ohsms: iso-45001-2018 }"))
        #expect(docset.contains("\nharmonized: true\n"))
        #expect(template.manualNumber == "IMS-M-01")
        try TemporaryFolder.with { folder in
            try template.create(at: folder.url)
            let outcome = try CheckOutcome.check(folder.url)
            #expect(outcome.rules == [Rules.unfinishedSection.id, Rules.approvalMissing.id], "\(outcome.summary)")
            #expect(outcome.diagnostics(Rules.unfinishedSection).count == template.headingCount)
            let coverage = try #require(CoverageReport.compute(outcome.set))
            #expect(coverage.parts.map(\.key) == ["qms", "ems", "ohsms"])
            for part in coverage.parts {
                #expect(part.required.allSatisfy { $0.status == .uncovered && $0.unwritten }, "\(part.key)")
            }
        }
    }

    @Test func sharedClausesShareAHeadingAndOwnClausesGetTheirOwn() throws {
        let template = try Self.integrated(["iso-9001-2015", "iso-14001-2015", "iso-45001-2018"])
        let manual = template.files().filter { $0.path.hasPrefix("manual/") }.map(\.text).joined()
        for heading in ["# 4 组织环境\n", "## 4.3 确定管理体系的范围\n", "### 6.1.1 总则 {clause=ems:6.1.1, ohsms:6.1.1}\n",
                        "### 环境因素 {clause=ems:6.1.2}\n", "### 危险源辨识及风险和机遇的评价 {clause=ohsms:6.1.2}\n",
                        "## 5.4 工作人员的协商和参与 {clause=ohsms:5.4}\n", "## 应急准备和响应 {clause=ems:8.2, ohsms:8.2}\n"] {
            #expect(manual.contains(heading), "\(heading)")
        }
        // In the standard's order under their parent: 6.1.2 before 6.1.3 before 6.1.4.
        let order = ["### 环境因素", "### 合规义务", "### 6.1.4 措施的策划"].map { manual.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!)
        let matrix = try #require(Dictionary(template.files(), uniquingKeysWith: { first, _ in first })["responsibilities.csv"])
        #expect(matrix.contains("\nems:6.1.2,环境因素,"))
    }

    /// ISO/IEC 27001 as the second standard: its Annex A is a chapter of its own and the Statement of
    /// Applicability lists its controls with their key.
    @Test func aSecondStandardWithAnnexAGetsItsChapterAndItsStatementOfApplicability() throws {
        let template = try Self.integrated(["iso-iec-20000-1-2018", "iso-iec-27001-2022"])
        let files = Dictionary(template.files(), uniquingKeysWith: { first, _ in first })
        let soa = try #require(files["applicability.yaml"])
        #expect(soa.contains("\nisms:A.5.1: { applicable: true, status: planned }\n"))
        #expect(soa.split(separator: "\n").count == 94)
        let annex = try #require(files.first { $0.key.hasPrefix("manual/A-") })
        #expect(!annex.key.contains(":"))
        #expect(annex.value.contains("### A.5.1 ") && annex.value.contains("{clause=isms:A.5.1}"))
        try TemporaryFolder.with { folder in
            try template.create(at: folder.url)
            #expect(try CheckOutcome.check(folder.url).rules == [Rules.unfinishedSection.id, Rules.approvalMissing.id])
        }
    }

    @Test func aStandardNamedTwiceIsRefused() throws {
        let tree = try #require(StandardsLibrary.builtIn.tree("iso-9001-2015"))
        #expect(DocumentSetTemplate(standards: [tree, tree], language: .zhCN, organization: nil, date: FixtureSet.today) == nil)
        #expect(DocumentSetTemplate(standards: [], language: .zhCN, organization: nil, date: FixtureSet.today) == nil)
    }

    @Test func aNonEmptyFolderIsRefused() throws {
        try TemporaryFolder.with { folder in
            try Data("x".utf8).write(to: folder.url.appendingPathComponent("notes.txt"))
            let error = try #require(refusal { try Self.template().create(at: folder.url) })
            #expect(error.description.contains("not empty"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
        }
    }

    @Test func anEmptyFolderOrOneWithOnlyGitIsAccepted() throws {
        try TemporaryFolder.with { folder in
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
            try Self.template().create(at: folder.url)
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("docset.yaml").path))
        }
    }
}
