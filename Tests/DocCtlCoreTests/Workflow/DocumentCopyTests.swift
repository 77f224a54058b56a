@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl copy`: registered controlled copies and uncontrolled reference copies.
@Suite struct DocumentCopyTests {
    static let manual = FixtureSet.manualNumber

    static func copy(_ workspace: WorkflowWorkspace, _ number: String, _ kind: DocumentCopy.Kind) throws -> (html: String, fileName: String) {
        let outcome = try workspace.check()
        let document = try DocumentResolver.resolve(number, in: outcome.set)
        return try DocumentCopy(set: outcome.set, diagnostics: outcome.diagnostics, templates: try TemplateSet.bundled(),
                                date: FixtureSet.today).render(document, kind)
    }

    @Test func aRegisteredCopyOfAReleasedDocumentCarriesItsNumberAndHolder() throws {
        let workspace = try WorkflowWorkspace()
        _ = try workspace.release(Self.manual)
        let page = try Self.copy(workspace, Self.manual, .registered("02"))
        #expect(page.fileName == "\(Self.manual)_A-0_copy-02.html")
        #expect(page.html.contains("<td>02</td>"))
        #expect(page.html.contains("受控副本 分发号 02，持有人：体系与质量部"))
        #expect(!page.html.contains("<link rel=\"stylesheet\""), "a copy is one self-contained file")
        #expect(!page.html.contains("class=\"watermark\""))
    }

    @Test func controlledCopiesNeedARegisteredNumberAndAReleasedDocument() throws {
        let workspace = try WorkflowWorkspace()
        let unreleased = try #require(refusal { try Self.copy(workspace, Self.manual, .registered("01")) })
        #expect(unreleased.description.contains("not released yet"))
        _ = try workspace.release(Self.manual)
        let unknown = try #require(refusal { try Self.copy(workspace, Self.manual, .registered("1")) })
        #expect(unknown.description.contains("copy number 1 is not registered"))
        #expect(unknown.notes.contains("did you mean 01?"))
        try workspace.replace("## 0.1 手册管理\n\n", with: "## 0.1 手册管理\n\n新增。\n\n", in: "manual/00-front.md")
        #expect(refusal { try Self.copy(workspace, Self.manual, .registered("01")) } != nil)
    }

    @Test func anUncontrolledCopyIsStampedWithTheDate() throws {
        let workspace = try WorkflowWorkspace()
        let page = try Self.copy(workspace, Self.manual, .uncontrolled)
        #expect(page.fileName == "\(Self.manual)_A-0_uncontrolled.html")
        #expect(page.html.contains("不受控 · \(FixtureSet.todayText)"))
        #expect(page.html.contains("不受控副本，仅供参考，打印日期 \(FixtureSet.todayText)"))
    }

    /// Past the expansion cap the renderer leaves references as written: a copy missing them must be
    /// refused, not handed out (issue 12).
    @Test func aCopyWhoseReferencesExpandPastTheCapIsRefused() throws {
        var fixture = FixtureSet.valid()
        let procedure = FixtureSet.procedureFolder
        fixture.replace("title: 成文信息控制程序", with: "title: " + String(repeating: "长", count: 10_000), in: "\(procedure)/document.yaml")
        fixture.append("\(procedure)/body.md", "\n" + String(repeating: "[[\(FixtureSet.procedureNumber)]]", count: 1_200) + "\n")
        let workspace = try WorkflowWorkspace(fixture)
        let refused = try #require(refusal { try Self.copy(workspace, FixtureSet.procedureNumber, .uncontrolled) })
        #expect(refused.description.contains("no copy of \(FixtureSet.procedureNumber): its references and generated blocks expand to more than 32 MiB"))
        #expect(refused.exitStatus != 0)
        // Under the cap the same references are expanded in the copy.
        var small = FixtureSet.valid()
        small.append("\(procedure)/body.md", "\n" + String(repeating: "[[\(FixtureSet.procedureNumber)]]", count: 3) + "\n")
        let page = try Self.copy(try WorkflowWorkspace(small), FixtureSet.procedureNumber, .uncontrolled)
        #expect(!page.html.contains("[[\(FixtureSet.procedureNumber)]]"))
    }
}
