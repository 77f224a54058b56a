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

    /// The index of the published documents of `site`, with text as rendered on site pages.
    public static func build(site: SiteMap, coverage: CoverageReport?, labels: Labels) -> SearchIndex {
        var entries: [Entry] = []
        for document in site.set.documents where site.published.contains(document.number) {
            guard let page = site.pagePath(document.number) else { continue }
            let context = PageContext(site: site, coverage: coverage, labels: labels, links: .site(root: ""), document: document)
            let renderer = MarkdownRenderer(context: context)
            entries += self.entries(document, page: page, preamble: DocumentArchive.plainText(renderer.blocks(document.preamble))) {
                DocumentArchive.plainText(renderer.blocks($0.blocks))
            }
        }
        return SearchIndex(entries: entries)
    }

    /// The entries of one document whose page is at `page`, given the plain text of its preamble
    /// and of each section.
    static func entries(_ document: Document, page: String, preamble: String, text: (Section) -> String) -> [Entry] {
        var entries = [Entry(number: document.number, document: document.title, section: "", url: page,
                             text: preamble.isEmpty ? document.title : preamble)]
        for section in document.allSections {
            let title = [section.number, section.title].compactMap { $0 }.joined(separator: " ")
            entries.append(Entry(number: document.number, document: document.title, section: title,
                                 url: page + "#" + section.anchor, text: text(section)))
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

    /// The index as a script for `file://` browsing.
    public var script: Data { SearchIndex.script(json: json) }

    /// The script around an index already encoded (encoding is the costly part: do it once).
    static func script(json: Data) -> Data {
        Data("window.DOCCTL_SEARCH_INDEX = ".utf8) + json + Data(";\n".utf8)
    }
}
