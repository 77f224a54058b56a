import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Rules on revision histories: marks, sequence, letters, dates and the sealed digest.
@Suite struct RevisionRuleTests {
    static let history = "\(FixtureSet.procedureFolder)/history.yaml"
    static let body = "\(FixtureSet.procedureFolder)/body.md"

    /// A history.yaml with one entry per (revision, date); markers may stand in either.
    static func history(_ entries: [(String, String)]) -> String {
        entries.map { revision, date in
            "- revision: \(revision)\n  date: \(date)\n  change: 修订\n  author: 何思琪\n  approver: 周明远\n"
        }.joined()
    }

    /// The valid fixture with the procedure's history replaced.
    static func fixture(_ entries: [(String, String)]) -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.write(history, history(entries))
        return fixture
    }

    // MARK: malformed-revision

    @Test(arguments: ["\"A0\"", "\"a/1\"", "A-1", "\"A/01\"", "\"Ä/0\"", "\"A/\"", "\"/0\""])
    func malformedRevisionMarkIsReported(mark: String) throws {
        let fixture = Self.fixture([("\"A/0\"", "2025-03-16"), ("1️⃣" + mark, "2025-04-01")])
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.malformedRevision, at: fixture.marker())
    }

    @Test func malformedFirstRevisionInDocsetIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("first: \"A/0\"", with: "first: 1️⃣A0", in: "docset.yaml")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.malformedRevision, at: fixture.marker())
    }

    // MARK: empty-history

    @Test func historyWithoutEntriesIsReported() throws {
        var fixture = FixtureSet.valid()
        fixture.write(Self.history, "# 文档修改记录\n[]\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.emptyHistory, at: Place(path: Self.history, line: 1, column: 0), column: false)
    }

    @Test func historyWithOnlyACommentIsEmpty() throws {
        var fixture = FixtureSet.valid()
        fixture.write(Self.history, "# 文档修改记录\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.emptyHistory, at: Place(path: Self.history, line: 1), column: false)
    }

    // MARK: history-first

    @Test func historyNotStartingAtTheFirstRevisionIsReported() throws {
        let fixture = Self.fixture([("1️⃣\"A/1\"", "2025-03-16")])
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.historyFirst, at: fixture.marker())
        #expect(finding?.message.contains("starts at A/1, not at A/0") == true)
    }

    @Test func configuredFirstRevisionIsHonoured() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("first: \"A/0\"", with: "first: \"B/0\"", in: "docset.yaml")
        fixture.write(Self.history, Self.history([("\"B/0\"", "2025-03-16"), ("\"B/1\"", "2025-04-01")]))
        fixture.write("manual/history.yaml", Self.history([("\"B/0\"", "2025-06-15")]))
        expectClean(try fixture.check(strict: true))
    }

    // MARK: revision-gap, edition-not-zero

    @Test func revisionAfterA3IsA4OrB0() throws {
        let start = [("\"A/0\"", "2025-03-16"), ("\"A/1\"", "2025-04-01"), ("\"A/2\"", "2025-05-01"), ("\"A/3\"", "2025-06-01")]
        expectClean(try Self.fixture(start + [("\"A/4\"", "2025-07-01")]).check(strict: true))
        expectClean(try Self.fixture(start + [("\"B/0\"", "2025-07-01")]).check(strict: true))
    }

    @Test func gapInRevisionNumbersIsReported() throws {
        let fixture = Self.fixture([("\"A/0\"", "2025-03-16"), ("1️⃣\"A/2\"", "2025-04-01")])
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.revisionGap, at: fixture.marker())
        #expect(finding?.message == "A/2 follows A/0; the next revision is A/1")
    }

    @Test func repeatedRevisionIsAGap() throws {
        let fixture = Self.fixture([("\"A/0\"", "2025-03-16"), ("1️⃣\"A/0\"", "2025-04-01")])
        expectFinding(try fixture.check(), Rules.revisionGap, at: fixture.marker())
    }

    @Test func letterJumpFromA3ToC0IsReported() throws {
        let fixture = Self.fixture([("\"A/0\"", "2025-03-16"), ("\"A/1\"", "2025-04-01"), ("\"A/2\"", "2025-05-01"),
                                    ("\"A/3\"", "2025-06-01"), ("1️⃣\"C/0\"", "2025-07-01")])
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.revisionGap, at: fixture.marker())
        #expect(finding?.message == "C/0 follows A/3; the next edition is B/0")
    }

    @Test func editionGoingBackwardsIsAGap() throws {
        let fixture = Self.fixture([("\"A/0\"", "2025-03-16"), ("\"B/0\"", "2025-04-01"), ("1️⃣\"A/1\"", "2025-05-01")])
        expectFinding(try fixture.check(), Rules.revisionGap, at: fixture.marker())
    }

    @Test func newEditionStartingAtB1IsReported() throws {
        let fixture = Self.fixture([("\"A/0\"", "2025-03-16"), ("1️⃣\"B/1\"", "2025-04-01")])
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.editionNotZero, at: fixture.marker())
        #expect(finding?.fix == "write B/0")
        expectNoFinding(outcome, Rules.revisionGap)
    }

    // MARK: skipped-letter-used

    @Test func skippedLetterIIsNeverUsed() throws {
        var fixture = Self.fixture([("\"H/0\"", "2025-03-16"), ("1️⃣\"I/0\"", "2025-04-01")])
        fixture.replace("first: \"A/0\"", with: "first: \"H/0\"", in: "docset.yaml")
        fixture.write("manual/history.yaml", Self.history([("\"H/0\"", "2025-06-15")]))
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.skippedLetter, at: fixture.marker())
        expectNoFinding(outcome, Rules.revisionGap)
    }

    @Test func editionAfterHIsJ() throws {
        var fixture = Self.fixture([("\"H/0\"", "2025-03-16"), ("\"J/0\"", "2025-04-01")])
        fixture.replace("first: \"A/0\"", with: "first: \"H/0\"", in: "docset.yaml")
        fixture.write("manual/history.yaml", Self.history([("\"H/0\"", "2025-06-15")]))
        expectClean(try fixture.check(strict: true))
    }

    @Test func editionAfterZIsAA() throws {
        var fixture = Self.fixture([("\"Z/0\"", "2025-03-16"), ("\"AA/0\"", "2025-04-01")])
        fixture.replace("first: \"A/0\"", with: "first: \"Z/0\"", in: "docset.yaml")
        fixture.write("manual/history.yaml", Self.history([("\"Z/0\"", "2025-06-15")]))
        expectClean(try fixture.check(strict: true))
    }

    // MARK: history-date-order

    @Test func historyDatesGoingBackwardsAreReported() throws {
        let fixture = Self.fixture([("\"A/0\"", "2025-03-16"), ("\"A/1\"", "2025-05-01"), ("\"A/2\"", "1️⃣2025-04-30")])
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.historyDateOrder, at: fixture.marker())
        #expect(finding?.message.contains("before A/1") == true)
    }

    @Test func twoEntriesOnTheSameDayAreInOrder() throws {
        let fixture = Self.fixture([("\"A/0\"", "2025-03-16"), ("\"A/1\"", "2025-03-16")])
        expectNoFinding(try fixture.check(), Rules.historyDateOrder)
    }

    // MARK: changed-since-release, malformed-digest

    /// The fixture with QP-01's only history entry sealed with its current digest.
    static func sealed() throws -> FixtureSet {
        var fixture = FixtureSet.valid()
        let digest = try fixture.digest(of: FixtureSet.procedureNumber)
        fixture.append(history, "  digest: \(digest)\n")
        return fixture
    }

    @Test func sealedAndUnchangedDocumentIsClean() throws {
        expectClean(try Self.sealed().check(strict: true))
    }

    @Test func bodyChangedSinceReleaseIsReported() throws {
        var fixture = try Self.sealed()
        fixture.replace("适用于手册", with: "适用于全部手册", in: Self.body)
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.changedSinceRelease, at: Place(path: Self.history, line: 1, column: 3))
        #expect(finding?.fix?.contains("docctl revise QP-01") == true)
    }

    @Test func titleChangedSinceReleaseIsReported() throws {
        var fixture = try Self.sealed()
        fixture.replace("title: 成文信息控制程序", with: "title: 文件控制程序", in: "\(FixtureSet.procedureFolder)/document.yaml")
        expectFinding(try fixture.check(), Rules.changedSinceRelease, at: Place(path: Self.history, line: 1, column: 3))
    }

    @Test func lineEndingsAndTrailingBlanksDoNotBreakTheSeal() throws {
        var fixture = try Self.sealed()
        let text = try #require(fixture.text(Self.body))
        let crlf = "\u{FEFF}" + text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "  " }
            .joined(separator: "\r\n") + "\r\n\r\n"
        fixture.write(Self.body, data: Data(crlf.utf8))
        expectNoFinding(try fixture.check(), Rules.changedSinceRelease)
    }

    @Test func administrativeFieldsDoNotBreakTheSeal() throws {
        var fixture = try Self.sealed()
        let path = "\(FixtureSet.procedureFolder)/document.yaml"
        fixture.replace("last-review: 2025-12-01", with: "last-review: 2025-12-20", in: path)
        fixture.replace("  - { copy: \"01\", holder: 总经理 }", with: "  - { copy: \"01\", holder: 总经理 }\n  - { copy: \"02\", holder: 运维服务部 }", in: path)
        expectClean(try fixture.check(strict: true))
    }

    @Test func digestNotWrittenByReleaseIsMalformed() throws {
        var fixture = FixtureSet.valid()
        fixture.append(Self.history, "  digest: sha256:ABC\n")
        let outcome = try fixture.check()
        expectFinding(outcome, Rules.malformedDigest, at: Place(path: Self.history, line: 1, column: 3))
        expectNoFinding(outcome, Rules.changedSinceRelease)
    }

    // MARK: seal-mismatch

    static let record = "\(FixtureSet.procedureFolder)/releases/A-0.yaml"

    /// The fixture with QP-01's release record holding `digest`, as `docctl release` writes it.
    static func recorded(_ digest: String) -> FixtureSet {
        var fixture = FixtureSet.valid()
        fixture.write(record, "# 发布记录\ndocument: QP-01\nrevision: \"A/0\"\ndigest: \(digest)\nfields: sha256:\(String(repeating: "0", count: 64))\nsections: []\n")
        return fixture
    }

    @Test func aDigestWrittenByHandOverChangedContentIsASealMismatch() throws {
        var fixture = Self.recorded(try FixtureSet.valid().digest(of: FixtureSet.procedureNumber))
        fixture.replace("适用于手册", with: "适用于全部手册", in: Self.body)
        let forged = try fixture.digest(of: FixtureSet.procedureNumber)
        fixture.append(Self.history, "  digest: 1️⃣\(forged)\n")
        let outcome = try fixture.check()
        let finding = expectFinding(outcome, Rules.sealMismatch, at: fixture.marker())
        #expect(finding?.notes.first?.location == Place(path: Self.record, line: 4))
        expectNoFinding(outcome, Rules.changedSinceRelease)
    }

    @Test func aDigestEqualToItsReleaseRecordOrWithoutOneIsClean() throws {
        let digest = try FixtureSet.valid().digest(of: FixtureSet.procedureNumber)
        var fixture = Self.recorded(digest)
        fixture.append(Self.history, "  digest: \(digest)\n")
        expectNoFinding(try fixture.check(), Rules.sealMismatch)
        expectNoFinding(try Self.sealed().check(), Rules.sealMismatch)
    }

    @Test func anUnreadableReleaseRecordIsASealMismatch() throws {
        var fixture = try Self.sealed()
        fixture.write(Self.record, "not: [a record\n")
        expectFinding(try fixture.check(), Rules.sealMismatch, inFile: Self.history)
    }
}
