@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `revise --revision` refuses to go past `revision.max-revision` and suggests a new edition.
@Suite struct ReviseCapTests {
    @Test func reviseRefusesARevisionPastTheCapAndSuggestsAnEdition() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("revision: { first: \"A/0\"", with: "revision: { max-revision: 0, first: \"A/0\"", in: "docset.yaml")
        let workspace = try WorkflowWorkspace(fixture)
        _ = try workspace.release(FixtureSet.procedureNumber)
        try workspace.replace("适用于手册", with: "适用于全部手册", in: "\(FixtureSet.procedureFolder)/body.md")
        let before = try workspace.snapshot()
        let refused = try #require(refusal { try workspace.revise(FixtureSet.procedureNumber, .revision) })
        #expect(refused.description == "QP-01 A/1 would go past revision.max-revision 0 of docset.yaml: a new edition is required (换版)")
        #expect(refused.notes == ["record the change as B/0 with --edition instead of --revision"])
        #expect(try workspace.snapshot() == before, "nothing was written")
        let outcome = try workspace.revise(FixtureSet.procedureNumber, .edition)
        #expect(try workspace.text("\(FixtureSet.procedureFolder)/history.yaml").contains("\"B/0\""))
        _ = outcome
    }
}
