import DocCtlCore
import Testing

/// "Did you mean" suggestions.
@Suite struct SpellingTests {
    @Test func swappedNeighboursAreOneEdit() {
        #expect(Spelling.editDistance("titel", "title") == 1)
        #expect(Spelling.editDistance("QP-10", "QP-01") == 1)
        #expect(Spelling.editDistance("abc", "abc") == 0)
        #expect(Spelling.editDistance("", "abc") == 3)
        #expect(Spelling.editDistance("kitten", "sitting") == 3)
    }

    @Test func closestSuggestsOnlyLikelyTypos() {
        #expect(Spelling.closest(to: "titel", in: ["number", "title", "type"]) == "title")
        #expect(Spelling.closest(to: "ownr", in: ["owner", "number"]) == "owner")
        #expect(Spelling.closest(to: "completely-different", in: ["owner", "number"]) == nil)
    }

    /// Regression: a 1 MB unknown value was compared character by character with every candidate.
    @Test func hugeWordsAreDismissedByLength() {
        let start = ContinuousClock.now
        #expect(Spelling.closest(to: String(repeating: "9", count: 1 << 20), in: (1...300).map { "8.\($0)" }) == nil)
        #expect(ContinuousClock.now - start < .seconds(2))
    }
}
