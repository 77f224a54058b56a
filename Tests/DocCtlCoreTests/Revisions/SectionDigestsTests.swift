@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Per-section digests and the `sections` (修改页码及章节) they yield.
@Suite struct SectionDigestsTests {
    static func record(_ markdown: String, title: String = "手册") throws -> ReleaseRecord {
        var fixture = FixtureSet.valid()
        fixture.write("\(FixtureSet.procedureFolder)/body.md", markdown)
        fixture.replace("title: 成文信息控制程序", with: "title: \(title)", in: "\(FixtureSet.procedureFolder)/document.yaml")
        let (set, _) = try fixture.load()
        let document = try #require(set.document(number: FixtureSet.procedureNumber))
        return SectionDigests.record(of: document, sources: set.sources, revision: "A/0", date: nil)
    }

    static let base = """
        # 4 组织环境

        总述。

        ## 4.1 理解组织

        内容一。

        ## 4.2 相关方

        内容二。

        # 8 运行

        ## 8.5 服务设计

        ### 8.5.1 变更管理

        内容三。

        ## 8.10 其他

        内容四。

        """

    @Test func eachSectionIsDigestedOnItsOwnLines() throws {
        let record = try Self.record(Self.base)
        #expect(record.sections.map(\.label) == ["4", "4.1", "4.2", "8", "8.5", "8.5.1", "8.10"])
        // 4's own text is its heading and 总述, not its subsections.
        let four = "# 4 组织环境\n\n总述。\n"
        #expect(record.sections[0].digest == ContentDigest.hash(Data(four.utf8)))
        #expect(record.preamble == nil)
    }

    @Test func changedSectionsAreNamedByNumberInNumericOrder() throws {
        let old = try Self.record(Self.base)
        let edited = Self.base.replacingOccurrences(of: "内容三。", with: "内容三，已修改。")
            .replacingOccurrences(of: "内容二。", with: "内容二。  \n") // trailing blanks only: no change
            .replacingOccurrences(of: "内容四。", with: "内容四，已修改。")
            .replacingOccurrences(of: "内容一。", with: "内容一，已修改。")
        let changes = SectionDigests.changes(from: old, to: try Self.record(edited))
        #expect(changes.sections == ["4.1", "8.5.1", "8.10"])
        #expect(changes.text(language: .zhCN) == "4.1、8.5.1、8.10")
        #expect(changes.text(language: .en) == "4.1, 8.5.1, 8.10")
    }

    @Test func addedAndRemovedSectionsAreIncluded() throws {
        let old = try Self.record(Self.base)
        let edited = Self.base.replacingOccurrences(of: "## 4.2 相关方\n\n内容二。\n\n", with: "")
            .replacingOccurrences(of: "## 8.10 其他", with: "## 8.6 新增\n\n新内容。\n\n## 8.10 其他")
        #expect(SectionDigests.changes(from: old, to: try Self.record(edited)).text(language: .zhCN) == "4.2、8.6")
    }

    @Test func everySectionChangedIsAll() throws {
        let old = try Self.record("# 1 目的\n\n甲。\n\n# 2 范围\n\n乙。\n")
        let new = try Self.record("# 1 目的\n\n丙。\n\n# 2 范围\n\n丁。\n")
        #expect(SectionDigests.changes(from: old, to: new).text(language: .zhCN) == "全部")
    }

    @Test func identityFieldsAndUnnumberedSections() throws {
        let old = try Self.record("# 1 目的\n\n甲。\n\n# 附录A 表单\n\n乙。\n")
        let new = try Self.record("# 1 目的\n\n甲。\n\n# 附录A 表单\n\n丙。\n", title: "新标题")
        let changes = SectionDigests.changes(from: old, to: new)
        #expect(changes.fields)
        #expect(changes.text(language: .zhCN) == "封面、附录A 表单")
        #expect(SectionDigests.changes(from: old, to: old).isEmpty)
        #expect(SectionDigests.changes(from: old, to: old).text(language: .zhCN) == "无")
    }

    @Test func theRecordReadsBackAsWritten() throws {
        var record = try Self.record(Self.base)
        record.sections.append(ReleaseRecord.SectionDigest(number: nil, title: "附录: \"A\", {x}", anchor: "sec-9", digest: "sha256:00"))
        record.date = Day("2026-01-15")
        let parsed = try ReleaseRecord.parse(Data(record.yaml().utf8), path: "A-0.yaml")
        #expect(parsed == record)
    }
}
