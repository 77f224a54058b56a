import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The rules issue 12 added on the input side, each on a small input (the hostile sizes are in
/// the damaged-input suite, `HostileInputTests`).
@Suite struct InputSafetyRuleTests {
    static let document = "\(FixtureSet.procedureFolder)/document.yaml"
    static let body = "\(FixtureSet.procedureFolder)/body.md"

    @Test func numberThatIsASiteRootNameIsReportedAtTheNumber() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("number: QP-01\n", with: "number: 1️⃣assets\n", in: Self.document)
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.documentFolderName, at: fixture.marker())
    }

    @Test func bidiControlInARecordTitleIsAWarning() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("title: 文件更改申请单", with: "title: 文件\u{202E}更改申请单", in: "records.yaml")
        let outcome = try fixture.check()
        let finding = outcome.diagnostics(Rules.bidiControl).first
        #expect(finding?.location?.path == "records.yaml")
        #expect(finding?.severity == .warning)
        #expect(finding?.message.contains("U+202E") == true)
    }

    @Test func explicitAnchorUsedTwiceIsReportedAtTheSecond() throws {
        var fixture = FixtureSet.valid()
        fixture.append(Self.body, "\n# 附录A 甲 {id=forms}\n\n文字\n\n1️⃣# 附录B 乙 {id=forms}\n\n文字\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.duplicateAnchor, at: fixture.marker())
    }

    @Test func generatedBlockRepeatedInsideAQuoteIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append(Self.body, "\n{{org-chart}}\n\n> 1️⃣{{org-chart}}\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.duplicateGeneratedBlock, at: fixture.marker())
    }
}
