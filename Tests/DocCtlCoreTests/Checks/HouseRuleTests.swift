import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// House rules of docset.yaml: `numbering` patterns per document type and `revision.max-revision`.
@Suite struct HouseRuleTests {
    static let procedure = "\(FixtureSet.procedureFolder)/document.yaml"
    static let history = "\(FixtureSet.procedureFolder)/history.yaml"

    // MARK: document-number-pattern

    @Test func aNumberOutsideItsTypesPatternIsReportedAtTheNumber() throws {
        var fixture = FixtureSet.valid()
        fixture.append("docset.yaml", "numbering: { procedure: \"XQ-QP-\\\\d{2}\", manual: \"CS-ITSM-M-\\\\d{2}\" }\n")
        fixture.replace("number: QP-01", with: "number: 1️⃣QP-01", in: Self.procedure)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.documentNumberPattern, at: fixture.marker())
        #expect(finding?.message == "document number QP-01 does not match the procedure numbering pattern XQ-QP-\\d{2}")
        #expect(outcome.diagnostics(Rules.documentNumberPattern).count == 1, "the manual's number matches its pattern")
    }

    @Test func thePatternMustMatchTheWholeNumber() throws {
        var fixture = FixtureSet.valid()
        fixture.append("docset.yaml", "numbering: { procedure: \"QP-0\" }\n")
        expectFinding(try fixture.check(), Rules.documentNumberPattern, at: fixture.location(of: "QP-01", in: Self.procedure))
        var matching = FixtureSet.valid()
        matching.append("docset.yaml", "numbering: { procedure: \"QP-\\\\d+\" }\n")
        expectClean(try matching.check(strict: true))
    }

    @Test func aPatternThatIsNotARegularExpressionIsReportedWhereItIsWritten() throws {
        var fixture = FixtureSet.valid()
        fixture.append("docset.yaml", "numbering: { procedure: 1️⃣\"QP-(\\\\d\", plans: \"X\" }\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.invalidValue, at: fixture.marker())
        #expect(finding?.message.contains("is not a regular expression") == true)
        #expect(outcome.diagnostics(Rules.unknownKey).first?.fix == "did you mean 'plan'?")
        expectNoFinding(outcome, Rules.documentNumberPattern)
    }

    // MARK: edition-required

    @Test func aRevisionPastTheCapNeedsANewEdition() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("revision: { first: \"A/0\"", with: "revision: { max-revision: 1, first: \"A/0\"", in: "docset.yaml")
        fixture.append(Self.history, """
            - { revision: "A/1", date: 2025-04-01, change: 修订, author: 何思琪 }
            - { revision: 1️⃣"A/2", date: 2025-05-01, change: 修订, author: 何思琪 }

            """)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.editionRequired, at: fixture.marker())
        #expect(finding?.message == "QP-01 A/2 goes past revision.max-revision 1: a new edition is required (换版)")
        #expect(outcome.diagnostics(Rules.editionRequired).count == 1)
    }
}
