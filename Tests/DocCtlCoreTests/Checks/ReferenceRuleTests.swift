import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Rules on `[[…]]` references, `《…》` titles and `{{…}}` placeholders.
@Suite struct ReferenceRuleTests {
    static let appendix = "manual/99-appendices.md"

    static func withParagraph(_ text: String) -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.append(appendix, "# 附录C 引用\n\n\(text)\n")
        return fixture
    }

    // MARK: unresolved-reference

    @Test func referenceToNothingIsAnError() throws {
        let fixture = Self.withParagraph("详见1️⃣[[QP-10]]的规定。")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unresolvedReference, at: fixture.marker())
        #expect(finding?.fix == "did you mean [[QP-01]]?")
    }

    @Test func referenceToAClauseNoSectionCoversIsAnError() throws {
        var fixture = FixtureSet.valid()
        fixture.replace(ClauseRuleTests.sectionText("8.6.2", "服务请求管理", level: 3), with: "", in: FixtureSet.chapterPath(8))
        fixture.append(Self.appendix, "# 附录C 引用\n\n见1️⃣[[8.6.2]]。\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unresolvedReference, at: fixture.marker())
        #expect(finding?.message.contains("no section covers") == true)
    }

    /// Regression: a clause below coverage-depth is covered by its ancestor (SPEC §4), so a
    /// reference to it resolves, as the renderer links it to the ancestor's section.
    @Test func referenceToAClauseBelowCoverageDepthResolvesToItsAncestor() throws {
        let fixture = Self.withParagraph("见[[8.5.1.1]]、[[8.2.3.1]]和[[10.1.2]]。")
        expectClean(try fixture.check(strict: true))
    }

    @Test func referencesToClausesDocumentsAndRecordsResolve() throws {
        let fixture = Self.withParagraph("见[[8.6.1]]、[[QP-01]]、[[REC-02]]和[[ 7.5 ]]。")
        expectClean(try fixture.check(strict: true))
    }

    @Test func referenceColumnsCountCharactersNotBytes() throws {
        let fixture = Self.withParagraph("中文中文中文，**粗体**然后1️⃣[[XX-1]]，再2️⃣[[YY-2]]。")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.unresolvedReference, at: fixture.marker("1️⃣"))
        expectFinding(outcome, Rules.unresolvedReference, at: fixture.marker("2️⃣"))
    }

    @Test func referenceInsideAListOrTableIsChecked() throws {
        let fixture = Self.withParagraph("- 第一项 1️⃣[[QP-98]]\n\n| 列 | 说明 |\n| --- | --- |\n| a | 2️⃣[[REC-99]] |\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.unresolvedReference, at: fixture.marker("1️⃣"))
        expectFinding(outcome, Rules.unresolvedReference, at: fixture.marker("2️⃣"), column: false)
    }

    // MARK: unknown-title

    @Test func citedTitleNotInTheRegisterIsAWarning() throws {
        let fixture = Self.withParagraph("按照1️⃣《信息安全管理程序》执行。")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownTitle, .warning, at: fixture.marker())
        #expect(finding?.message.contains("《信息安全管理程序》") == true)
    }

    @Test func citedTitlesOfDocumentsRecordsAndExternalDocumentsAreKnown() throws {
        let fixture = Self.withParagraph("《IT服务管理手册》《成文信息控制程序》《文件更改申请单》《中华人民共和国网络安全法》")
        expectClean(try fixture.check(strict: true))
    }

    @Test func misspeltTitleSuggestsTheRegisteredOne() throws {
        let fixture = Self.withParagraph("1️⃣《成文信息控制程式》")
        let finding = expectFinding(try fixture.check(), Rules.unknownTitle, at: fixture.marker())
        #expect(finding?.fix == "did you mean 《成文信息控制程序》?")
    }

    // MARK: withdrawn-reference

    @Test func referenceToAWithdrawnDocumentIsAWarning() throws {
        var fixture = Self.withParagraph("原程序1️⃣[[QP-02]]已作废。")
        let folder = "procedures/QP-02-old"
        fixture.write("\(folder)/document.yaml", """
            number: QP-02
            title: 旧程序
            type: procedure
            owner: quality
            classification: 内部公开
            control: uncontrolled
            status: withdrawn

            """)
        fixture.write("\(folder)/history.yaml", RevisionRuleTests.history([("\"A/0\"", "2024-01-01")]))
        fixture.write("\(folder)/body.md", "# 1 目的\n\n已作废。\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.withdrawnReference, .warning, at: fixture.marker())
        expectNoFinding(outcome, Rules.unresolvedReference)
    }

    // MARK: unknown-placeholder

    @Test func unknownPlaceholderSuggestsTheKnownOne() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("{{record-list}}", with: "1️⃣{{record-lists}}", in: Self.appendix)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.unknownPlaceholder, at: fixture.marker())
        #expect(finding?.fix == "did you mean {{record-list}}?")
    }

    @Test(arguments: ["procedure-list", "record-list", "responsibility-matrix", "org-chart", "revision-history",
                      "coverage-matrix", "document-list"])
    func everyKnownPlaceholderIsAccepted(name: String) throws {
        var fixture = FixtureSet.valid()
        fixture.replace("{{record-list}}", with: "{{\(name)}}", in: Self.appendix)
        expectNoFinding(try fixture.check(), Rules.unknownPlaceholder)
    }
}
