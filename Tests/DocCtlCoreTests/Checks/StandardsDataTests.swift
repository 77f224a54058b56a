import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The built-in trees' exclusions, national designations, the withdrawn edition and the tolerant
/// comparison of Chinese titles.
@Suite struct StandardsDataTests {
    static func tree(_ id: String) throws -> ClauseTree {
        try #require(StandardsLibrary.builtIn.tree(id))
    }

    static func excludableTops(_ tree: ClauseTree) -> [String] {
        tree.order.compactMap { tree.clause($0) }.filter { $0.excludable && $0.parentID.flatMap(tree.clause)?.excludable != true }.map(\.id)
    }

    @Test func eachBuiltInTreeSaysWhichClausesMayBeExcluded() throws {
        #expect(Self.excludableTops(try Self.tree("iso-iec-20000-1-2018")) == [])
        #expect(Self.excludableTops(try Self.tree("iso-iec-20000-1-2011")) == [])
        #expect(Self.excludableTops(try Self.tree("iso-iec-27001-2022")) == ["A"])
        #expect(Self.excludableTops(try Self.tree("iso-9001-2015")) == ["8"])
        #expect(Self.excludableTops(try Self.tree("iso-14001-2015")) == [])
        #expect(Self.excludableTops(try Self.tree("iso-45001-2018")) == [])
        #expect(Self.excludableTops(try Self.tree("gb-t-27922-2011")) == ["I1", "I2", "I3"])
        let iso9001 = try Self.tree("iso-9001-2015")
        #expect(iso9001.clause("8.3.2")?.excludable == true)
        #expect(iso9001.clause("7.1.5")?.excludable == false)
        #expect(try Self.tree("iso-iec-27001-2022").needsStatementOfApplicability)
        #expect(try !Self.tree("iso-9001-2015").needsStatementOfApplicability)
    }

    @Test func nationalDesignationsAreShownAlongside() throws {
        #expect(try Self.tree("iso-9001-2015").fullDesignation == "ISO 9001:2015 (GB/T 19001-2016)")
        #expect(try Self.tree("iso-iec-27001-2022").fullDesignation == "ISO/IEC 27001:2022 (GB/T 22080-2025)")
        #expect(try Self.tree("iso-14001-2015").fullDesignation == "ISO 14001:2015 (GB/T 24001-2016)")
        #expect(try Self.tree("iso-45001-2018").fullDesignation == "ISO 45001:2018 (GB/T 45001-2020)")
        #expect(try Self.tree("iso-iec-20000-1-2018").fullDesignation == "ISO/IEC 20000-1:2018")
    }

    @Test func theNewTreesHaveTheHarmonizedStructure() throws {
        for id in ["iso-14001-2015", "iso-45001-2018"] {
            let tree = try Self.tree(id)
            for chapter in 4...10 { #expect(tree.clause("\(chapter)")?.auditable == true, "\(id) \(chapter)") }
            #expect(tree.clause("7.5.3")?.titleEN == "Control of documented information")
            #expect(tree.titleMatches("成文信息", clause: "7.5"))
        }
        #expect(try Self.tree("iso-14001-2015").clause("6.1.2")?.titleEN == "Environmental aspects")
        #expect(try Self.tree("iso-45001-2018").clause("5.4")?.titleEN == "Consultation and participation of workers")
    }

    /// The Chinese headings of GB/T 24001-2016 and GB/T 45001-2020: confirmed only where a source
    /// note of the tree names a public source quoting the national adoption; the rest stay flagged.
    @Test func chineseHeadingsOfTheNewTreesAreConfirmedOnlyWithASource() throws {
        let expected: [String: (confirmed: [String: String], unverified: [String])] = [
            "iso-14001-2015": (["5.2": "环境方针", "6.1": "应对风险和机遇的措施", "8.1": "运行策划和控制", "8.2": "应急准备和响应"],
                               ["6.1.2", "9.1.2", "10.2"]),
            "iso-45001-2018": (["5": "领导作用和工作人员参与", "5.4": "工作人员的协商和参与", "8.1.3": "变更管理",
                                "10.2": "事件、不符合和纠正措施"], ["6.1.2.2", "8.1.2", "9.1.2"]),
        ]
        for (id, titles) in expected {
            let xml = try #require(BuiltInResources.text("standards/\(id).xml"))
            let tree = try Self.tree(id)
            for (clause, title) in titles.confirmed {
                #expect(tree.clause(clause)?.titleZH == title, "\(id) \(clause)")
                #expect(xml.contains("<title lang=\"zh-CN\" status=\"confirmed\">\(title)</title>"), "\(id) \(clause)")
            }
            for clause in titles.unverified {
                let title = try #require(tree.clause(clause)?.titleZH)
                #expect(xml.contains("<title lang=\"zh-CN\" status=\"unverified\">\(title)</title>"), "\(id) \(clause) stays flagged")
            }
            #expect(xml.contains("<note>Source ") && xml.contains("中英文对照"), "\(id) names the source it was checked against")
        }
    }

    @Test func oldCustomTreesWithWholeTreeExclusionsStayExcludable() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <standard xmlns="urn:docctl:clause-tree:1" id="own-2020" exclusions="justified">
              <designation>OWN 2020</designation>
              <title lang="en">Own</title>
              <clause id="4"><title lang="en">Context</title><clause id="4.1"><title lang="en">One</title></clause></clause>
              <clause id="5" excludable="false"><title lang="en">Leadership</title></clause>
            </standard>
            """
        let tree = try ClauseTreeReader.read(Data(xml.utf8), path: "standards/own.xml", schema: nil).get()
        #expect(tree.clause("4.1")?.excludable == true)
        #expect(tree.clause("5")?.excludable == false)
    }

    // MARK: obsolete-standard

    @Test func aWithdrawnEditionIsOneWarningNamingItsReplacement() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("standard: iso-iec-20000-1-2018", with: "standard: 1️⃣iso-iec-20000-1-2011", in: "docset.yaml")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.obsoleteStandard, at: fixture.marker())
        #expect(finding?.message == "ISO/IEC 20000-1:2011 is withdrawn; it was replaced by ISO/IEC 20000-1:2018")
        #expect(outcome.diagnostics(Rules.obsoleteStandard).count == 1)
        expectNoFinding(try FixtureSet.valid().check(), Rules.obsoleteStandard)
    }

    // MARK: synonyms

    @Test func chineseSynonymsCompareEqual() {
        let pairs = [("顾客满意", "客户满意"), ("组织的角色、职责和权限", "组织的角色、责任与权限"), ("应对风险和机遇的措施", "应对风险及机会之措施"),
                     ("变更的策划", "变更的规划"), ("信息安全方针", "信息安全策略"), ("不合格和纠正措施", "不符合与纠正措施"),
                     ("成文信息的控制", "文件化信息之控制"), ("形成文件的信息", "成文信息")]
        for (a, b) in pairs { #expect(TitleNormalizer.normalize(a) == TitleNormalizer.normalize(b), "\(a) / \(b)") }
        #expect(TitleNormalizer.normalize("服务要求") != TitleNormalizer.normalize("服务需求和期望"))
    }

    @Test func headingsWrittenDifferentlyFromTheExampleMatch() throws {
        let iso9001 = try Self.tree("iso-9001-2015")
        #expect(iso9001.titleMatches("客户满意", clause: "9.1.2"))
        #expect(iso9001.titleMatches("不符合与纠正措施", clause: "10.2"))
        #expect(iso9001.titleMatches("文件化信息之控制", clause: "7.5.3"))
        let iso27001 = try Self.tree("iso-iec-27001-2022")
        #expect(iso27001.titleMatches("Managing information security in the information and communication technology (ICT) supply chain", clause: "A.5.21"))
        #expect(iso27001.titleMatches("Privacy and protection of personal identifiable information (PII)", clause: "A.5.34"))
        #expect(!iso27001.titleMatches("Privacy", clause: "A.5.34"))
    }

    /// An integrated manual's heading names the system once (管理体系, 一体化) or names each discipline;
    /// a heading that names one discipline serves that one only.
    @Test func titlesMatchAcrossDisciplinesOnlyWhenAsked() throws {
        let tree = try #require(ClauseTree.combining([("qms", Self.tree("iso-9001-2015")), ("ems", Self.tree("iso-14001-2015")),
                                                      ("ohsms", Self.tree("iso-45001-2018"))]))
        for clause in ["4.3", "ems:4.3", "ohsms:4.3"] {
            #expect(tree.titleMatches("确定管理体系的范围", clause: clause, acrossDisciplines: true), "\(clause)")
            #expect(tree.titleMatches("确定一体化管理体系的范围", clause: clause, acrossDisciplines: true), "\(clause)")
        }
        #expect(!tree.titleMatches("确定管理体系的范围", clause: "ems:4.3"))
        #expect(tree.titleMatches("质量、环境和职业健康安全方针", clause: "ems:5.2", acrossDisciplines: true))
        #expect(tree.titleMatches("质量、环境和职业健康安全方针", clause: "ohsms:5.2", acrossDisciplines: true))
        #expect(!tree.titleMatches("质量方针", clause: "ems:5.2", acrossDisciplines: true))
        #expect(!tree.titleMatches("质量", clause: "ems:5.2", acrossDisciplines: true))
        #expect(tree.titleMatches("Determining the scope of the management system", clause: "ems:4.3", acrossDisciplines: true))
        #expect(TitleNormalizer.withoutDisciplines("确定质量管理体系的范围") == "确定管理体系的范围")
        #expect(TitleNormalizer.withoutDisciplines("Quality policy") == "Policy")
    }

    @Test func aManualWithOtherWordingRaisesNoTitleMismatch() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("## 6.1 应对风险和机遇的措施", with: "## 6.1 应对风险及机会之措施", in: FixtureSet.chapterPath(6))
        fixture.replace("## 5.3 组织的角色、职责和权限", with: "## 5.3 组织的角色、责任与权限", in: FixtureSet.chapterPath(5))
        let outcome = try fixture.check()
        expectNoFinding(outcome, Rules.clauseTitleMismatch)
        fixture.replace("## 6.1 应对风险及机会之措施", with: "1️⃣## 6.1 风险登记", in: FixtureSet.chapterPath(6))
        expectFinding(try fixture.check(), Rules.clauseTitleMismatch, at: fixture.marker())
    }
}
