import Foundation

/// The offline search index: one entry per section of every published document.
///
/// Written as `assets/search-index.json` (for tools) and as `assets/search-index.js`, which
/// sets `window.DOCCTL_SEARCH_INDEX` so that search also works from `file://` pages, where
/// browsers refuse to fetch JSON.
public struct SearchIndex: Encodable, Sendable {
    /// One searchable place.
    public struct Entry: Encodable, Sendable, Hashable {
        public var number: String
        public var document: String
        public var section: String
        /// Relative to the site root.
        public var url: String
        public var text: String
    }

    public var format = 1
    public var entries: [Entry]

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
