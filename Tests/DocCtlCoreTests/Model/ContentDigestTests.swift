import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The content digest: normalisation and what it covers.
@Suite struct ContentDigestTests {
    @Test func normalisationRemovesBOMCarriageReturnsAndTrailingBlanks() {
        let plain = "# 1 目的\n\n文字。\n"
        #expect(ContentDigest.normalize("\u{FEFF}# 1 目的\r\n\r\n文字。  \r\n\r\n\r\n") == plain)
        #expect(ContentDigest.normalize("# 1 目的\r\r文字。\t\u{3000}") == plain)
        #expect(ContentDigest.normalize("") == "")
        #expect(ContentDigest.normalize("\n\n  \n") == "")
    }

    @Test func normalisationKeepsLeadingIndentationAndInnerBlankLines() {
        #expect(ContentDigest.normalize("a\n\n\n    code\n") == "a\n\n\n    code\n")
    }

    /// The procedure of the valid fixture, its body written as `body`.
    static func digest(body: Data) throws -> String {
        var fixture = FixtureSet.valid()
        fixture.write("\(FixtureSet.procedureFolder)/body.md", data: body)
        return try fixture.digest(of: FixtureSet.procedureNumber)
    }

    @Test func crlfBOMAndTrailingBlanksGiveTheSameDigest() throws {
        let text = "# 1 目的\n\n规定成文信息的控制方法。\n"
        let base = try Self.digest(body: Data(text.utf8))
        #expect(ContentDigest.isWellFormed(base))
        #expect(try Self.digest(body: Data(("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")).utf8)) == base)
        #expect(try Self.digest(body: Data(text.replacingOccurrences(of: "\n", with: "   \n").utf8) + Data("\n\n".utf8)) == base)
    }

    @Test func oneChangedCharacterChangesTheDigest() throws {
        let base = try Self.digest(body: Data("# 1 目的\n\n规定成文信息的控制方法。\n".utf8))
        #expect(try Self.digest(body: Data("# 1 目的\n\n规定成文信息的控制办法。\n".utf8)) != base)
        #expect(try Self.digest(body: Data("# 1 目的\n\n 规定成文信息的控制方法。\n".utf8)) != base)
    }

    @Test func digestIsStableAcrossRuns() throws {
        let first = try FixtureSet.valid().digest(of: FixtureSet.procedureNumber)
        let second = try FixtureSet.valid().digest(of: FixtureSet.procedureNumber)
        #expect(first == second)
    }

    @Test func canonicalFormStartsWithTheVersionLineAndIdentity() throws {
        let (set, _) = try FixtureSet.valid().load()
        let document = try #require(set.document(number: FixtureSet.procedureNumber))
        let canonical = String(decoding: ContentDigest.canonical(document, sources: set.sources), as: UTF8.self)
        #expect(canonical.hasPrefix("docctl-content-digest 1\nnumber: QP-01\ntitle: 成文信息控制程序\ntype: procedure\n"))
        #expect(canonical.contains("clauses: 7.5.1,7.5.2,7.5.3,7.5.4\nrecords: REC-01,REC-02\nfile: body.md "))
        #expect(!canonical.contains("何思琪"), "approvals are administrative, not content")
    }

    @Test(arguments: [
        ("sha256:" + String(repeating: "0", count: 64), true),
        ("sha256:" + String(repeating: "a", count: 64), true),
        ("sha256:" + String(repeating: "A", count: 64), false),
        ("sha256:" + String(repeating: "0", count: 63), false),
        ("sha1:" + String(repeating: "0", count: 64), false),
        ("sha256:" + String(repeating: "g", count: 64), false),
    ])
    func wellFormedDigestIsSha256AndLowerCaseHex(text: String, expected: Bool) {
        #expect(ContentDigest.isWellFormed(text) == expected)
    }
}
