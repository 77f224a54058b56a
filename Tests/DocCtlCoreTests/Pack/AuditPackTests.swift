@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The audit pack's contents: its index page (golden), what is left out and why, refusals, and
/// the zip writer's own guards. The zip itself is unpacked in `AuditPackCommandTests`.
@Suite struct AuditPackTests {
    /// The full rendering fixture with its manual and procedure released (sealed), so that both
    /// reach the pack; the secret plan stays above publish-up-to.
    static func released() throws -> FixtureSet {
        var fixture = RenderingFixtures.fullSet()
        for (number, folder) in [(FixtureSet.manualNumber, FixtureSet.manualFolder), (FixtureSet.procedureNumber, FixtureSet.procedureFolder)] {
            let digest = try fixture.digest(of: number)
            fixture.append("\(folder)/history.yaml", "  digest: \(digest)\n")
        }
        return fixture
    }

    static func pack(_ fixture: FixtureSet, standard: String? = nil, diagnostics: [Diagnostic] = []) throws -> AuditPack {
        let set = try RenderingFixtures.load(fixture)
        let settings = RenderSettings(templates: try RenderingFixtures.templates(), buildDate: RenderingFixtures.buildDate, today: nil)
        return AuditPack(set: set, diagnostics: diagnostics, settings: settings, standard: standard)
    }

    @Test func goldenIndexPage() throws {
        let (entries, outcome) = try Self.pack(Self.released()).contents()
        let files = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0.data) })
        try RenderingFixtures.assertGolden(String(decoding: try #require(files["index.html"]), as: UTF8.self), "audit-pack-index.html")
        #expect(outcome.documents == [FixtureSet.manualNumber + " A/0", FixtureSet.procedureNumber + " A/0"])
        #expect(outcome.withheld == ["PL-01 (秘密)"])
        #expect(outcome.notReleased.isEmpty)
        #expect(outcome.entries == entries.count)
        // The site sits in site/, as build renders it; the manifest at the root lists everything else.
        #expect(files["site/QP-01/A-0/index.html"] != nil && files["site/index.html"] != nil && files["site/assets/docctl.css"] != nil)
        #expect(entries.map(\.path) == entries.map(\.path).sorted())
        #expect(!files.keys.contains { $0.hasPrefix("site/PL-01") })
    }

    @Test func aDocumentChangedSinceItsReleaseIsLeftOutAndNamed() throws {
        var fixture = try Self.released()
        fixture.append("\(FixtureSet.procedureFolder)/body.md", "\n补充一句。\n")
        let (entries, outcome) = try Self.pack(fixture).contents()
        let paths = Set(entries.map(\.path))
        #expect(!paths.contains { $0.hasPrefix("site/QP-01/") }, "the draft's page is not in the pack")
        #expect(paths.contains("site/\(FixtureSet.manualNumber)/A-0/index.html"))
        #expect(outcome.notReleased == ["QP-01: changed since A/0 was released"])
        #expect(outcome.documents == [FixtureSet.manualNumber + " A/0"])
        let index = String(decoding: try #require(entries.first { $0.path == "index.html" }?.data), as: UTF8.self)
        #expect(index.contains("<h3>未收入本资料包的文件</h3>"))
        #expect(index.contains("<li><span class=\"nowrap\">QP-01</span> — A/0 发布后已修改，修订尚未发布</li>"))
        #expect(!index.contains("href=\"site/QP-01/"), "nothing links to the left-out document")
    }

    @Test func aNeverReleasedDocumentIsLeftOut() throws {
        // The valid fixture seals nothing: no document is released, none is in the pack.
        let (entries, outcome) = try Self.pack(RenderingFixtures.fullSet()).contents()
        #expect(outcome.documents.isEmpty)
        #expect(outcome.notReleased.sorted() == ["\(FixtureSet.manualNumber): A/0 is not released yet", "QP-01: A/0 is not released yet"])
        #expect(!entries.contains { $0.path.hasPrefix("site/QP-01/") })
    }

    @Test func anEnglishSetGetsAnEnglishIndex() throws {
        var fixture = try Self.released()
        fixture.replace("language: zh-CN", with: "language: en", in: "docset.yaml")
        let (entries, _) = try Self.pack(fixture).contents()
        let index = String(decoding: try #require(entries.first { $0.path == "index.html" }?.data), as: UTF8.self)
        #expect(index.contains("<html lang=\"en\">") && index.contains("<h1>Audit pack</h1>"))
        #expect(index.contains(">ISO/IEC 20000-1:2018 Clauses and evidence</h2>"))
        #expect(index.contains("<th scope=\"col\">Records</th><th scope=\"col\">Lead department</th>"))
        #expect(!index.contains("审核资料包") && !index.contains("条款对照"))
    }

    @Test func aSetWithErrorsIsRefused() throws {
        let error = Diagnostic(.error, rule: Rules.unknownOwner.id, at: SourceLocation(path: "document.yaml"), "owner x is not a department")
        #expect {
            try Self.pack(Self.released(), diagnostics: [error]).contents()
        } throws: { error in
            guard let error = error as? WorkflowError, case .refused = error else { return false }
            return error.description == "no audit pack was written: `check` reports 1 error" && error.exitStatus == 1
        }
    }

    @Test func theStandardIsOneTheSetNames() throws {
        let pack = try Self.pack(Self.released(), standard: "isms")
        #expect {
            try pack.contents()
        } throws: { error in
            guard let error = error as? WorkflowError, case .usage = error else { return false }
            return error.description == "unknown standard 'isms': the set names iso-iec-20000-1-2018" && error.exitStatus == 2
        }
        let (entries, outcome) = try Self.pack(Self.released(), standard: "iso-iec-20000-1-2018").contents()
        #expect(outcome.standards == ["iso-iec-20000-1-2018 ISO/IEC 20000-1:2018"])
        #expect(entries.contains { $0.path == "index.html" })
    }

    @Test func theZipRefusesNamesThatLeaveTheFolderOrRepeat() throws {
        let date = Date(timeIntervalSince1970: 0)
        for name in ["../x", "/etc/x", "a//b", "a/./b", "a\\b", "", "a/\u{1}"] {
            #expect(throws: DocCtlError.self, "\(name)") { try DeterministicZip.data([(name, Data())], modified: date) }
        }
        #expect(throws: DocCtlError.self) { try DeterministicZip.data([("a", Data()), ("a", Data("b".utf8))], modified: date) }
        let one = try DeterministicZip.data([("a/b.txt", Data("x".utf8))], modified: Date(timeIntervalSince1970: 1_795_910_400))
        #expect(one == (try DeterministicZip.data([("a/b.txt", Data("x".utf8))], modified: Date(timeIntervalSince1970: 1_795_910_400))))
        #expect(one.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }
}
