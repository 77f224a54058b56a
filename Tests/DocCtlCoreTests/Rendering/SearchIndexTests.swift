@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The bigram postings that let the search script find Chinese words without a segmenter.
@Suite struct SearchIndexTests {
    static func entry(_ number: String, _ title: String, section: String = "", text: String = "") -> SearchIndex.Entry {
        SearchIndex.Entry(number: number, document: title, section: section, url: "\(number)/index.html", text: text)
    }

    @Test func everyPairOfNeighbouringChineseCharactersListsTheEntriesHoldingIt() {
        let index = SearchIndex(entries: [
            Self.entry("QP-04", "事件与服务请求管理程序"),
            Self.entry("QP-06", "变更管理程序", section: "5 事件升级", text: "变更经理 review ISO 事件"),
        ])
        #expect(index.bigrams["事件"] == [0, 1])
        #expect(index.bigrams["管理"] == [0, 1])
        #expect(index.bigrams["请求"] == [0])
        #expect(index.bigrams["升级"] == [1])
        // Only neighbours: 事件管理 is not written in either entry, so its middle pair is not listed.
        #expect(index.bigrams["件管"] == nil)
        // Pairs never span other text (a space, Latin letters, punctuation).
        #expect(index.bigrams["理r"] == nil && index.bigrams["与服"] == [0])
        #expect(index.bigrams.keys.allSatisfy { $0.unicodeScalars.count == 2 })
    }

    @Test func bigramsSkipNonCJKTextAndKeepExtensionBCharacters() {
        #expect(SearchIndex.bigrams(of: "ISO/IEC 20000-1 服务管理") == ["服务", "务管", "管理"])
        #expect(SearchIndex.bigrams(of: "𠀀字 a 字") == ["𠀀字"])
        #expect(SearchIndex.bigrams(of: "只") == [])
    }

    @Test func theIndexIsTheSameBytesForTheSameEntries() {
        let entries = [Self.entry("QP-04", "事件与服务请求管理程序", text: "服务台受理事件")]
        #expect(SearchIndex(entries: entries).json == SearchIndex(entries: entries).json)
        let json = String(decoding: SearchIndex(entries: entries).json, as: UTF8.self)
        #expect(json.contains("\"bigrams\":{"))
        #expect(json.contains("\"format\":2"))
    }

    /// The index as it was built before it went by packed scalar pairs: a `Set` of bigram strings per
    /// entry and a dictionary of strings.
    static func referencePostings(_ entries: [SearchIndex.Entry]) -> [String: [Int]] {
        var postings: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            var seen = Set<String>()
            for field in [entry.number, entry.document, entry.section, entry.text] {
                for gram in SearchIndex.bigrams(of: field) where seen.insert(gram).inserted {
                    postings[gram, default: []].append(index)
                }
            }
        }
        return postings
    }

    /// Entries of generated text: Chinese, extension B, compatibility ideographs (one string to Swift
    /// with their canonical forms: 﨑/崎, 豈/豈), Hangul, Latin, quotes, backslashes, slashes, every
    /// control character, U+2028 and emoji — from a fixed seed.
    static func generatedEntries(_ count: Int) -> [SearchIndex.Entry] {
        var state: UInt64 = 0x2026_1201
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces: [String] = ["事件", "管理", "服务", "请求", "𠀀", "𠀁", "\u{FA11}", "\u{5D0E}", "\u{F900}", "\u{8C48}",
                                "\u{2F800}", "\u{4E3D}", "한국", "か", "ISO", " ", "\"", "\\", "/", "\u{2028}", "😀", "a\u{0301}",
                                "\u{7F}"] + (0..<32).map { String(Unicode.Scalar(UInt8($0))) }
        func text(_ length: Int) -> String { (0..<length).map { _ in pieces[next(pieces.count)] }.joined() }
        return (0..<count).map { index in
            SearchIndex.Entry(number: "QP-\(index)", document: text(4), section: text(3), url: "QP-\(index)/index.html#\(text(1))",
                              text: text(next(60)))
        }
    }

    @Test func thePostingsAreThoseOfTheStringDictionaryTheyReplace() {
        let entries = Self.generatedEntries(300)
        #expect(SearchIndex(entries: entries).bigrams == Self.referencePostings(entries))
        let compatibility = [Self.entry("A", "\u{F900}\u{F900}"), Self.entry("B", "\u{8C48}\u{8C48}"), Self.entry("C", "\u{F900}\u{8C48}")]
        let index = SearchIndex(entries: compatibility)
        #expect(index.bigrams == Self.referencePostings(compatibility))
        #expect(index.bigrams.count == 1 && index.bigrams.values.first == [0, 1, 2])
    }

    /// What the index's JSON holds, for JSONEncoder.
    struct Encoded: Encodable {
        var bigrams: [String: [Int]]
        var entries: [SearchIndex.Entry]
        var format = 2
    }

    @Test func theIndexIsTheBytesJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for entries in [Self.generatedEntries(300), [Self.entry("QP-04", "事件与服务请求管理程序", text: "服务台受理事件")], []] {
            let index = SearchIndex(entries: entries)
            let expected = try encoder.encode(Encoded(bigrams: Self.referencePostings(entries), entries: entries))
            #expect(index.json == expected, "\(String(decoding: index.json.prefix(400), as: UTF8.self)) vs \(String(decoding: expected.prefix(400), as: UTF8.self))")
        }
    }
    /// A build makes one part per document (a reused document's comes from the build cache): the
    /// index of the parts is the index of all their entries, byte for byte — postings moved up by the
    /// entries before each part, compatibility ideographs met in different parts under one key, the
    /// first met, empty parts skipped.
    @Test func theIndexOfPartsIsTheIndexOfTheirEntries() throws {
        let entries = Self.generatedEntries(300)
        var random = SeededGenerator()
        for _ in 0..<20 {
            var cuts = Set((0..<Int.random(in: 0...12, using: &random)).map { _ in Int.random(in: 0...entries.count, using: &random) })
            cuts.formUnion([0, entries.count])
            let bounds = cuts.sorted()
            // Empty parts (a document that is not published) too: a bound twice.
            let parts = zip(bounds, bounds.dropFirst()).flatMap { [SearchIndex.Part(Array(entries[$0..<$1])), SearchIndex.Part([])] }
            let whole = SearchIndex(entries: entries)
            let joined = SearchIndex(parts: parts)
            #expect(joined.json == whole.json, "cut at \(bounds)")
            #expect(joined.bigrams == Self.referencePostings(entries))
        }
        // 豈 (U+F900) in the first part, its canonical form U+8C48 in the second: one key, the first met.
        let compatibility = [Self.entry("A", "\u{F900}\u{F900}"), Self.entry("B", "\u{8C48}\u{8C48}"), Self.entry("C", "\u{F900}\u{8C48}")]
        let split = SearchIndex(parts: [SearchIndex.Part(Array(compatibility[..<1])), SearchIndex.Part(Array(compatibility[1...]))])
        #expect(split.json == SearchIndex(entries: compatibility).json)
        #expect(split.postings.map { Array($0.key.unicodeScalars) } == [["\u{F900}", "\u{F900}"]])
        #expect(split.bigrams.values.first == [0, 1, 2])
    }

    /// A part read back from the build cache is checked before it is used: postings that do not
    /// parse (cut short, a pair that is not two CJK characters, a last entry beyond the part) make
    /// the cache unusable, never a crash or a wrong index.
    @Test func aPartWhosePostingsDoNotParseIsRefused() throws {
        let part = SearchIndex.Part([Self.entry("QP-04", "事件管理", text: "服务台受理事件")])
        #expect(SearchIndex.Part(count: part.count, json: part.json, postings: part.postings) == part)
        #expect(SearchIndex.Part(count: part.count, json: part.json, postings: part.postings.dropLast()) == nil)
        var notCJK = Array(part.postings)
        notCJK[0..<8] = [0x41, 0, 0, 0, 0x41, 0, 0, 0]  // the pair "AA"
        #expect(SearchIndex.Part(count: part.count, json: part.json, postings: notCJK[...]) == nil)
        #expect(SearchIndex.Part(count: 0, json: part.json, postings: part.postings) == nil)
        #expect(SearchIndex.Part(count: 0, json: [], postings: []) == SearchIndex.Part([]))
    }

    /// `build` writes the index piece by piece (a megabyte at a time); the files are the bytes of the whole index.
    @Test func theIndexWrittenInPiecesIsTheWholeIndex() throws {
        let long = String(repeating: "服务台受理事件并记录 \"ticket\" \\ 升级。", count: 20_000)
        var entries = Self.generatedEntries(300)
        for index in 0..<8 { entries.append(Self.entry("QP-\(index)", "长文", section: "\(index)", text: long)) }
        for entries in [entries, []] {
            let index = SearchIndex(entries: entries)
            var files: [String: Data] = [:]
            var appends = 0
            try SiteRenderer.writeSearchIndex(index, write: { path, data in files[path] = data },
                                              append: { path, data in files[path]!.append(data); appends += 1 })
            let whole = SiteRenderer.searchIndexFiles(index)
            #expect(whole.count == 2 && files.count == 2)
            for file in whole { #expect(files[file.path] == file.data, "\(file.path)") }
            #expect(files["assets/search-index.json"] == index.json)
            if !entries.isEmpty { #expect(appends > 4) }
        }
    }
}

/// The postings are kept as distances in variable-length integers (``PostingList``).
@Suite struct PostingListTests {
    @Test func aPostingListGivesBackTheIndicesItWasGivenOnceEach() {
        let values: [Int32] = [0, 0, 1, 2, 127, 128, 129, 16_383, 16_384, 16_385, 2_097_151, 2_097_152, 268_435_455, 268_435_456, Int32.max - 1, Int32.max]
        var list = PostingList()
        var firsts: [Bool] = []
        for value in values { firsts.append(list.appendOnce(value)) }
        #expect(firsts.first == true && firsts.dropFirst().allSatisfy { !$0 })
        let distinct = Array(Set(values)).sorted()
        #expect(list.values == distinct)
        #expect(list.count == distinct.count)
        #expect(PostingList(distinct) == list)
        #expect(PostingList().values.isEmpty)
        #expect(PostingList([5]).values == [5])
    }
}
