import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// One broken file is reported once, not again by every rule that reads what it would have held.
@Suite struct CascadeTests {
    static let history = "\(FixtureSet.procedureFolder)/history.yaml"
    static let body = "\(FixtureSet.procedureFolder)/body.md"

    @Test func unreadableBodyOfASealedDocumentIsNotAlsoReportedAsChanged() throws {
        var fixture = FixtureSet.valid()
        let digest = try fixture.digest(of: FixtureSet.procedureNumber)
        fixture.append(Self.history, "  digest: \(digest)\n")
        // GB18030 bytes for "程序" in an otherwise UTF-8 file.
        fixture.write(Self.body, data: Data([0xB3, 0xCC, 0xD0, 0xF2, 0x0A]))
        let outcome = try fixture.check()
        #expect(outcome.rules.contains(Rules.encoding.id))
        #expect(!outcome.rules.contains(Rules.changedSinceRelease.id))
    }

    @Test func referencesIntoADocumentThatFailedToLoadAreNotReported() throws {
        var fixture = FixtureSet.valid()
        fixture.append("\(FixtureSet.procedureFolder)/document.yaml", "broken: [unclosed\n")
        let outcome = try fixture.check()
        #expect(outcome.rules.contains(Rules.yamlSyntax.id))
        #expect(outcome.diagnostics(Rules.unresolvedReference).allSatisfy { !$0.message.contains(FixtureSet.procedureNumber) })
    }
}
