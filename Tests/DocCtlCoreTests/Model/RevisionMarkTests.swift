import DocCtlCore
import Testing

/// Revision marks `L/N`: parsing, next revision, next edition, skipped letters.
@Suite struct RevisionMarkTests {
    @Test(arguments: ["A/0", "B/3", "Z/12", "AA/0", "H/1000"])
    func wellFormedMarksParseAndPrintTheSame(text: String) throws {
        let mark = try #require(RevisionMark(text))
        #expect(mark.description == text)
    }

    @Test(arguments: ["A0", "a/1", "A/01", "A/-1", "A/ 1", " A/1", "A/1/2", "/0", "A/", "", "ABCD/0", "A/12345", "Ä/0", "A/١"])
    func malformedMarksAreRefused(text: String) {
        #expect(RevisionMark(text) == nil)
    }

    @Test func revisionAfterA3IsA4OrB0() throws {
        let mark = try #require(RevisionMark("A/3"))
        #expect(mark.nextRevision == RevisionMark(edition: "A", revision: 4))
        #expect(mark.nextEdition(skipping: ["I", "O"]) == RevisionMark(edition: "B", revision: 0))
    }

    @Test func nextEditionSkipsConfiguredLetters() {
        #expect(RevisionMark(edition: "H", revision: 2).nextEdition(skipping: ["I", "O"]).description == "J/0")
        #expect(RevisionMark(edition: "N", revision: 0).nextEdition(skipping: ["I", "O"]).description == "P/0")
        #expect(RevisionMark(edition: "H", revision: 0).nextEdition(skipping: ["I", "J"]).description == "K/0")
        #expect(RevisionMark(edition: "H", revision: 0).nextEdition(skipping: []).description == "I/0")
    }

    @Test func editionAfterZIsAA() {
        #expect(RevisionMark(edition: "Z", revision: 5).nextEdition(skipping: ["I", "O"]).description == "AA/0")
        #expect(RevisionMark(edition: "AZ", revision: 0).nextEdition(skipping: []).description == "BA/0")
        #expect(RevisionMark(edition: "ZZ", revision: 0).nextEdition(skipping: []).description == "AAA/0")
        // AH → AJ: a skipped letter anywhere in the edition is skipped.
        #expect(RevisionMark(edition: "AH", revision: 0).nextEdition(skipping: ["I", "O"]).description == "AJ/0")
    }

    @Test func pathComponentUsesAHyphen() {
        #expect(RevisionMark(edition: "B", revision: 2).pathComponent == "B-2")
    }
}
