@testable import DocCtlCore
import DocCtlTestSupport
import Testing

@Suite struct ControlStatusTests {
    func status(_ fixture: FixtureSet, _ number: String = FixtureSet.procedureNumber) throws -> ControlStatus {
        let set = try RenderingFixtures.load(fixture)
        return ControlStatus.of(try #require(set.document(number: number)), in: set)
    }

    func sealed(_ fixture: FixtureSet) throws -> FixtureSet {
        var fixture = fixture
        let digest = try fixture.digest(of: FixtureSet.procedureNumber)
        fixture.append("\(FixtureSet.procedureFolder)/history.yaml", "  digest: \(digest)\n")
        return fixture
    }

    @Test func unsealedLastEntryIsADraftOfThatEntry() throws {
        let status = try status(.valid())
        #expect(status.state == .draft)
        #expect(status.isDraft)
        #expect(status.revisionText == "A/0")
        #expect(status.reasons == [.notSealed])
    }

    @Test func sealedApprovedControlledDocumentIsControlled() throws {
        let status = try status(sealed(.valid()))
        #expect(status.state == .controlled)
        #expect(!status.isDraft)
        #expect(status.reasons.isEmpty)
    }

    @Test func contentChangedAfterSealingIsADraftOfTheNextRevision() throws {
        var fixture = try sealed(.valid())
        fixture.append("\(FixtureSet.procedureFolder)/body.md", "\n补充一句。\n")
        let status = try status(fixture)
        #expect(status.state == .draft)
        #expect(status.revisionText == "A/1")
        #expect(status.follows == "A/0")
        #expect(status.reasons == [.changedAfterSealing])
    }

    @Test func incompleteApprovalsKeepASealedDocumentADraft() throws {
        var fixture = try sealed(.valid())
        fixture.replace("  approved: { name: 周明远, date: 2025-03-13 }\n", with: "", in: "\(FixtureSet.procedureFolder)/document.yaml")
        let status = try status(fixture)
        #expect(status.state == .draft)
        #expect(status.reasons.contains(.approvalsIncomplete))
    }

    @Test func approvalsOutOfOrderKeepASealedDocumentADraft() throws {
        var fixture = try sealed(.valid())
        fixture.replace("reviewed: { name: 沈家宁, date: 2025-03-10 }", with: "reviewed: { name: 沈家宁, date: 2025-03-01 }",
                        in: "\(FixtureSet.procedureFolder)/document.yaml")
        let status = try status(fixture)
        #expect(status.state == .draft)
        #expect(status.reasons == [.approvalsOutOfOrder])
    }

    @Test func uncontrolledDocumentIsAlwaysUncontrolled() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("control: controlled", with: "control: uncontrolled", in: "\(FixtureSet.procedureFolder)/document.yaml")
        fixture = try sealed(fixture)
        let status = try status(fixture)
        #expect(status.state == .uncontrolled)
        #expect(!status.isDraft)
    }

    @Test func controlledAndDraftPagesSayWhatTheyAre() throws {
        let draftSet = try RenderingFixtures.load(.valid())
        let draft = try RenderingFixtures.renderer(draftSet).documentPage(try #require(draftSet.document(number: "QP-01")))
        #expect(draft.contains("class=\"watermark\""))
        #expect(draft.contains("<td class=\"doc-status status-draft\">草稿</td>"))
        #expect(!draft.contains(">受控<"))

        let controlledSet = try RenderingFixtures.load(sealed(.valid()))
        let controlled = try RenderingFixtures.renderer(controlledSet).documentPage(try #require(controlledSet.document(number: "QP-01")))
        #expect(!controlled.contains("class=\"watermark\""))
        #expect(controlled.contains("<td class=\"doc-status status-controlled\">受控</td>"))
        // Even a controlled page is uncontrolled once printed.
        #expect(controlled.contains("打印件为非受控文件"))
    }
}

extension ControlStatusTests {
    @Test func onlyARegisteredCopyLosesTheUncontrolledWhenPrintedNotice() throws {
        let set = try RenderingFixtures.load(sealed(.valid()))
        let renderer = try RenderingFixtures.renderer(set)
        let document = try #require(set.document(number: FixtureSet.procedureNumber))
        let reference = try renderer.standalonePage(document)
        #expect(reference.contains("@bottom-left{content:\"打印件为非受控文件 · 打印日期 2026\\2d 01\\2d 15\"}"))
        let copy = try renderer.standalonePage(document, copy: try #require(document.distribution.first))
        #expect(copy.contains("@bottom-left{content:\"受控副本 · 分发号 01 · 总经理\"}"))
        #expect(!copy.contains("打印件为非受控文件"))
        #expect(copy.contains("<tr class=\"copy-row\"><th scope=\"row\">分发号</th><td>01</td>"))
    }
}
