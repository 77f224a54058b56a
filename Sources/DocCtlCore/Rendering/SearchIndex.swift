import Foundation

/// The offline search index: one entry per section of every published document.
///
/// Written as `assets/search-index.json` (for tools) and as `assets/search-index.js`, which
/// sets `window.DOCCTL_SEARCH_INDEX` so that search also works from `file://` pages, where
/// browsers refuse to fetch JSON.
public struct SearchIndex: Encodable, Sendable {
    /// One searchable place.
    public struct Entry: Codable, Sendable, Hashable {
        public var number: String
        public var document: String
        public var section: String
        /// Relative to the site root.
        public var url: String
        public var text: String
    }

    public var format = 2
    public var entries: [Entry]
    /// Bigram postings for Chinese (and Japanese, Korean) text: every pair of neighbouring CJK
    /// characters in an entry's number, titles or text → the indices of the entries holding it,
    /// ascending. Chinese is written without spaces and docctl has no word segmenter: the search
    /// script splits a query run such as `事件管理` into its bigrams (事件 件管 管理) and finds the
    /// entries in which every character of the run is covered by a bigram present there — so
    /// 《事件与服务请求管理程序》 is found, though `事件管理` is not a substring of it.
    public var bigrams: [String: [Int]]

    /// The index of `entries`, with their bigram postings.
    public init(entries: [Entry]) {
        self.entries = entries
        var postings: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            var seen = Set<String>()
            for field in [entry.number, entry.document, entry.section, entry.text] {
                for gram in SearchIndex.bigrams(of: field) where seen.insert(gram).inserted {
                    postings[gram, default: []].append(index)
                }
            }
        }
        self.bigrams = postings
    }

    /// Whether `scalar` is written without spaces between words: Han, kana, hangul.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }

    /// The pairs of neighbouring CJK characters of `text`, in order (with repeats).
    static func bigrams(of text: String) -> [String] {
        var grams: [String] = []
        var previous: Unicode.Scalar? = nil
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                if let previous { grams.append(String(String.UnicodeScalarView([previous, scalar]))) }
                previous = scalar
            } else {
                previous = nil
            }
        }
        return grams
    }

    /// The entries of one document whose page is at `page`: its preamble, then each section, with
    /// the texts rendered for its page and archive.
    static func entries(_ document: Document, page: String, rendered: RenderedBlocks) -> [Entry] {
        var entries = [Entry(number: document.number, document: document.title, section: "", url: page,
                             text: rendered.preambleText.isEmpty ? document.title : rendered.preambleText)]
        for section in document.allSections {
            let title = [section.number, section.title].compactMap { $0 }.joined(separator: " ")
            entries.append(Entry(number: document.number, document: document.title, section: title,
                                 url: page + "#" + section.anchor, text: rendered.sectionTexts[section.anchor] ?? ""))
        }
        return entries
    }

    /// The entries of a published revision read back from its archive, whose page is at `page`.
    static func entries(_ archive: ArchivedRevision, page: String) -> [Entry] {
        var entries = [Entry(number: archive.number, document: archive.title, section: "", url: page,
                             text: archive.preambleText.isEmpty ? archive.title : archive.preambleText)]
        for section in archive.allSections {
            let title = [section.number, section.title].compactMap { $0 }.joined(separator: " ")
            entries.append(Entry(number: archive.number, document: archive.title, section: title,
                                 url: page + "#" + section.anchor, text: section.text))
        }
        return entries
    }

    /// Sorted keys, no escaped slashes: the same index always gives the same bytes.
    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    /// The index (as encoded by ``json``) as a script for `file://` browsing.
    static func script(json: Data) -> Data {
        Data("window.DOCCTL_SEARCH_INDEX = ".utf8) + json + Data(";\n".utf8)
    }
}
