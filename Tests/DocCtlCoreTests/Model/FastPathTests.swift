@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The fast paths added for `make bench` (docs/PERFORMANCE.md) give exactly what the simple forms gave.
@Suite struct FastPathTests {
    /// Texts around the fast path's edges: blanks at line ends, CJK bytes ending in 0x80, U+3000,
    /// combining marks after a blank, final newlines, CR and BOM (which take the reference path).
    static let samples: [String] = [
        "", "\n", "\n\n", "a", "a\n", "a\n\n\n", "\n\na", "一", "一\n", "一\n二\u{3000}\n", "行尾 \n", "tab\t\n",
        "x \u{301}\n", "\u{3000}", " \n \n", "a  \n\n  \n", "# 1 目的\n\n文字。\n", "\u{FEFF}bom\n", "cr\r\nlf\r",
        "\u{600} \n", "混合 \t\u{3000} \n尾", "一\n\n\n", "《标题》\u{3000}\u{3000}\n正文",
    ]

    @Test func normaliseMatchesTheReferenceForm() {
        for text in Self.samples {
            #expect(ContentDigest.normalize(text) == ContentDigest.normalizeSlowly(text), "\(text.debugDescription)")
        }
    }

    @Test func normaliseMatchesTheReferenceFormOnGeneratedText() {
        let pieces = ["一", "二", "a", " ", "\t", "\u{3000}", "\n", "\n\n", "\u{301}", "。", "**", "——"]
        var generator = SeededGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(ContentDigest.normalize(text) == ContentDigest.normalizeSlowly(text), "\(text.debugDescription), \(generator)")
        }
    }

    @Test func lookUpsFindTheFirstOfEqualKeysAndFollowChanges() {
        var set = DocumentSet(root: URL(fileURLWithPath: "/tmp"))
        let location = SourceLocation(path: "records.yaml", line: 1, column: 1)
        set.records = [RecordEntry(id: "REC-01", title: "一", location: location),
                       RecordEntry(id: "REC-01", title: "二", location: location)]
        #expect(set.record(id: "REC-01")?.title == "一")
        set.records.removeFirst()
        #expect(set.record(id: "REC-01")?.title == "二")
        set.records.append(RecordEntry(id: "REC-02", title: "三", location: location))
        #expect(set.record(id: "REC-02")?.title == "三")
        let copy = set
        set.records = []
        #expect(set.record(id: "REC-02") == nil)
        #expect(copy.record(id: "REC-02")?.title == "三")
        set.departments = [Department(id: "gm", name: "总经理", duties: [], location: location),
                           Department(id: "qa", name: "gm", duties: [], location: location)]
        #expect(set.department("gm")?.name == "总经理")
        #expect(set.department("总经理")?.id == "gm")
        #expect(set.department("qa")?.id == "qa")
        #expect(set.department("none") == nil)
    }

    /// `**` found with memchr: the same answer as comparing every pair of bytes, at the ends too.
    @Test func doubleAsteriskSearchFindsWhatAPairwiseScanFinds() {
        let pieces = ["*", "**", "a", "一", " ", "\u{3000}", "\n", "*一*", "x*"]
        var generator = SeededGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            let pairwise = bytes.indices.dropFirst().contains { bytes[$0] == 0x2A && bytes[$0 - 1] == 0x2A }
            #expect(SourceChecks.hasDoubleAsterisk(text) == pairwise, "\(text.debugDescription)")
        }
    }

    /// Pinned references and primary-qualified clause ids read by byte when ASCII, as the
    /// Character forms read them otherwise.
    @Test func asciiReferencesAreReadAsTheCharacterFormsReadThem() throws {
        #expect(PinnedReference("QP-01@A/1").map { [$0.number, $0.revision] } == ["QP-01", "A/1"])
        #expect(PinnedReference(" QP-01 @ B/0 ").map { [$0.number, $0.revision] } == ["QP-01", "B/0"])
        #expect(PinnedReference("QP-01") == nil)
        #expect(PinnedReference("@A/1") == nil)
        #expect(PinnedReference("QP-01@") == nil)
        #expect(PinnedReference("程序@\u{301}A") == nil)
    }

    @Test func siteFolderNamesOfASCIINumbersAreThoseOfTheScalarForm() {
        for number in ["QP-500", "QM-01", "a.b_c-9", ".hidden", "..", "", "QP 01", "QP/01", "Ab9", "x\u{7F}", "程序-01", "QP-01\u{301}", "_", "-"] {
            #expect(SiteNames.safeComponent(number) == SiteNames.safeComponentOfScalars(number), "\(number.debugDescription)")
        }
    }

    /// Each document owns the files under its folder, the deepest document's folder taking a path;
    /// the paths of each sorted (what sorting every path of the set first gave).
    @Test func ownedSourcePathsAreThoseOfTheSortedScan() throws {
        var fixture = FixtureSet.valid()
        fixture.write("\(FixtureSet.procedureFolder)/forms/F-01.md", "表单\n")
        fixture.write("\(FixtureSet.procedureFolder)/a.md", "附\n")
        let (set, _) = try fixture.load()
        var folders: [String: Int] = [:]
        for (index, document) in set.documents.enumerated() { folders[document.folder] = index }
        var expected: [[String]] = Array(repeating: [], count: set.documents.count)
        for path in set.sources.keys.sorted() {
            var prefix = Substring(path)
            while let slash = prefix.lastIndex(of: "/") {
                prefix = prefix[..<slash]
                if let index = folders[String(prefix)] { expected[index].append(path); break }
            }
        }
        #expect(set.ownedSourcePaths == expected)
        #expect(expected.contains { $0.count > 2 })
    }

    @Test func whitespaceTrimmingMatchesFoundation() {
        for text in ["", " ", "a", " a", "a ", "\u{3000}a\u{3000}", "\ta\t", "一 二", "\u{A0}x"] {
            #expect(Whitespace.trimming(text) == text.trimmingCharacters(in: .whitespaces))
        }
    }

    /// The archive's plain text: one byte pass instead of split, trim (Foundation) and join.
    @Test func trimmedLinesMatchSplitTrimAndJoin() {
        func reference(_ text: String) -> String {
            text.utf8.split(separator: 0x0A, omittingEmptySubsequences: true).map { Substring($0) }
                .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
        }
        var pieces = ["一", "a", " ", "\t", "\u{3000}", "\u{A0}", "\u{2009}", "\u{202F}", "\u{1680}", "\n", "\n\n",
                      "\u{301}", "𠀀", "\u{200B}", "\u{85}", "\u{B}", "\u{C}", "\u{2028}", "é"]
        pieces += (0..<0x80).filter { $0 != 0x0D }.map { String(UnicodeScalar(UInt8($0))) }
        var generator = SeededGenerator()
        for text in Self.samples where !text.contains("\r") {
            #expect(DocumentArchive.trimmedLines(text) == reference(text), "\(text.debugDescription)")
        }
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...14, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(DocumentArchive.trimmedLines(text) == reference(text), "\(text.debugDescription), \(generator)")
        }
    }

    @Test func doubleAsteriskSearchMatchesContains() {
        for text in ["", "*", "**", "a*b*c", "注：**本条", "* *", "***"] {
            #expect(SourceChecks.hasDoubleAsterisk(text) == text.contains("**"))
        }
    }

    /// Texts around the Markdown fast paths: markers split over bytes, marks after brackets, CR.
    static let markdownSamples: [String] = [
        "", "[", "[[", "a[[b]]", "[ [", "[[\u{301}x]]", "《", "《标题》", "《\u{301}", "x\u{301}《", "\u{600}[[x]]",
        "\u{FF3B}\u{FF3B}", "〈〉「」", "】】", "\u{3009}", "一\n二", "a\r\nb", "a\rb\n", "\n\n", "{{x}}", " {{ 名称 }} ",
    ]

    @Test func markerScanNeverMissesWhatContainsFinds() {
        let pieces = ["[", "]", "《", "》", "〈", "\u{301}", "\u{600}", "一", "a", " ", "\n", "{", "}", "\u{200D}", "\u{FE0F}", "\u{20DD}",
                      "\u{903}", "\u{1F3FB}", "\u{3099}", "\u{302A}", "「", "Ａ"]
        var generator = SeededGenerator()
        var texts = Self.markdownSamples
        for _ in 0..<2_000 {
            texts.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let found = text.contains("[[") || text.contains("《")
            #expect(!found || InlineExtensions.containsMarker(text), "\(text.debugDescription), \(generator)")
            let bytes = Array(text.utf8)
            let hasBytes = [Array("[[".utf8), Array("《".utf8)].contains { marker in
                bytes.indices.contains { bytes[$0...].starts(with: marker) }
            }
            #expect(InlineExtensions.containsMarker(text) == hasBytes, "\(text.debugDescription), \(generator)")
        }
    }

    /// Markers are read as scalars, whatever follows them: a combining mark after `[[` does not
    /// hide the reference (Foundation's `contains`, asked before, did not see such a marker).
    @Test func markersAreScalarsEvenBeforeACombiningMark() {
        let location = SourceLocation(path: "body.md", line: 1, column: 1)
        let inlines = InlineExtensions.split("见[[\u{301}QP-01]]和《\u{301}标题》", at: location)
        let targets = inlines.compactMap { inline -> String? in
            switch inline {
            case .reference(let target, _): target
            case .citedTitle(let title, _): title
            default: nil
            }
        }
        #expect(targets == ["\u{301}QP-01", "\u{301}标题"])
    }

    @Test func lineSplitMatchesCharacterSplit() {
        for text in Self.markdownSamples + ["a\n\u{301}b\n", "\r\n\r\n", "x\n"] {
            #expect(MarkdownParser.lines(of: text) == text.split(separator: "\n", omittingEmptySubsequences: false),
                    "\(text.debugDescription)")
        }
    }

    @Test func placeholdersAreStillRecognised() {
        let cases: [(String, String?)] = [
            ("{{x}}", "x"), ("  {{ 名称 }}", "名称"), ("{{a-b_1}}", "a-b_1"), ("{{}}", nil), ("{{ }}", nil), ("text {{x}}", nil),
            ("{{x}} text", nil), ("{x}", nil), ("x", nil), ("**{{x}}**", "x"), ("{{a b}}", nil),
        ]
        for (text, name) in cases {
            let blocks = MarkdownParser.parse(text + "\n", path: "a.md")
            let found = blocks.compactMap { block -> String? in if case .placeholder(let name, _) = block { name } else { nil } }
            #expect(found == (name.map { [$0] } ?? []), "\(text)")
        }
    }

    @Test func builtInTreesLoadOnDemandUnderTheirFileIDs() throws {
        let library = StandardsLibrary.builtIn
        #expect(library.ids == ClauseTreeReader.builtInIDs.sorted())
        for id in library.ids {
            let tree = try #require(library.tree(id))
            #expect(tree.id == id)
            #expect(tree.origin == "built-in")
        }
        #expect(library.tree("iso-9001") == nil)
        // Shipped trees skip the schema at run time: each must pass it here.
        let schema = try #require(ClauseTreeReader.builtInSchema)
        for id in ClauseTreeReader.builtInIDs {
            let data = try #require(ClauseTreeReader.builtInData(id))
            #expect(schema.validate(data, path: "built-in:\(id).xml").isEmpty, "\(id)")
            guard case .success(let validated) = ClauseTreeReader.read(data, path: "built-in:\(id).xml", schema: schema) else {
                Issue.record("built-in tree \(id) is refused by the schema"); continue
            }
            #expect(validated.order == library.tree(id)?.order)
        }
        #expect(library.trees.keys.sorted() == library.ids)
        // Asked for from many threads at once, every caller gets the one tree.
        let designations = Parallel.map(8) { _ in StandardsLibrary.builtIn.tree("iso-9001-2015")?.designation }
        #expect(Set(designations).count == 1 && designations[0] != nil)
    }
}

/// The split of a text run into references and cited titles, as it was written on scalars before
/// it moved to UTF-8 bytes: the byte form must give the same inlines, at the same columns.
@Suite struct MarkerSplitTests {
    static func scalarSplit(_ text: String, at start: DocCtlCore.SourceLocation) -> [Inline] {
        let all = Array(text.unicodeScalars)
        func next(_ needle: [Unicode.Scalar], from position: Int) -> Int? {
            var index = position
            while index + needle.count <= all.count {
                if all[index..<(index + needle.count)].elementsEqual(needle) { return index }
                if all[index] == "\n" { return nil }
                index += 1
            }
            return nil
        }
        func piece(_ range: Range<Int>) -> String {
            var string = ""
            string.unicodeScalars.append(contentsOf: all[range])
            return string
        }
        var result: [Inline] = []
        var index = 0, pending = 0, column = start.column
        func location() -> DocCtlCore.SourceLocation { SourceLocation(path: start.path, line: start.line, column: column) }
        func flush(_ end: Int) { if pending < end { result.append(.text(piece(pending..<end))) } }
        while index < all.count {
            if all[index] == "[", index + 1 < all.count, all[index + 1] == "[",
               let end = next(["]", "]"], from: index + 2), end - (index + 2) <= InlineExtensions.maximumLength,
               end > index + 2, !all[(index + 2)..<end].contains("[") {
                flush(index)
                result.append(.reference(target: Whitespace.trimming(piece((index + 2)..<end)), location: location()))
                column += end + 2 - index
                index = end + 2
                pending = index
                continue
            }
            if all[index] == "《", let end = next(["》"], from: index + 1), end - (index + 1) <= InlineExtensions.maximumLength,
               end > index + 1, !all[(index + 1)..<end].contains("《") {
                flush(index)
                result.append(.citedTitle(piece((index + 1)..<end), location: location()))
                column += end + 1 - index
                index = end + 1
                pending = index
                continue
            }
            index += 1
            column += 1
        }
        flush(all.count)
        return result.isEmpty && text.isEmpty ? [] : result
    }

    @Test func byteSplitMatchesTheScalarSplit() {
        let start = SourceLocation(path: "body.md", line: 3, column: 5)
        let pieces = ["[", "[[", "]", "]]", "《", "》", "\u{301}", "一", "a", " ", "\n", "QP-01", "8.6", "\u{1F3FB}", "é", "\u{3000}"]
        var generator = SeededGenerator()
        var texts = FastPathTests.markdownSamples + [String(repeating: "《", count: 300) + "》", "[[" + String(repeating: "一", count: 201) + "]]",
                                                     "[[" + String(repeating: "一", count: 200) + "]]", "《" + String(repeating: "é", count: 200) + "》"]
        for _ in 0..<3_000 {
            texts.append((0..<Int.random(in: 1...16, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts where InlineExtensions.containsMarker(text) {
            #expect(InlineExtensions.split(text, at: start) == Self.scalarSplit(text, at: start), "\(text.debugDescription), \(generator)")
        }
    }
}
