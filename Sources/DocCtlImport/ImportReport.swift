/// What an import found, what it left behind and what it guessed, each with where it is in the
/// Word file (paragraph number and first words).
public struct ImportReport: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Carried over as it was.
        case found
        /// Not carried over: the user has to redo it by hand or knows it is gone.
        case dropped
        /// Carried over by a guess the user should confirm.
        case guessed
        /// Carried over, but needs fixing before release (it will show in `docctl check`).
        case fix
    }

    public struct Item: Sendable, Codable, Equatable {
        public var kind: Kind
        public var paragraph: Int?
        public var excerpt: String?
        public var message: String

        public init(_ kind: Kind, paragraph: Int? = nil, excerpt: String? = nil, _ message: String) {
            self.kind = kind
            self.paragraph = paragraph
            self.excerpt = excerpt
            self.message = message
        }
    }

    /// Counts of what was carried over.
    public struct Counts: Sendable, Codable, Equatable {
        public var controlFields = 0
        public var historyRows = 0
        public var sections = 0
        public var paragraphs = 0
        public var lists = 0
        public var tables = 0
        public var pictures = 0
        public var footnotes = 0
        public var links = 0
        /// Rows of a spreadsheet carried over (matrix rows or records).
        public var rows = 0
    }

    public var source: String
    public var counts = Counts()
    public var items: [Item] = []

    public init(source: String) { self.source = source }

    mutating func add(_ kind: Kind, _ paragraph: WordParagraph?, _ message: String) {
        items.append(Item(kind, paragraph: paragraph?.index, excerpt: paragraph.map { Self.excerpt($0.plainText) }, message))
    }

    mutating func add(_ kind: Kind, at index: Int?, text: String?, _ message: String) {
        // Paragraph 0 is a page header or footer: it has no place in the body.
        items.append(Item(kind, paragraph: index == 0 ? nil : index, excerpt: text.map(Self.excerpt), message))
    }

    /// The first words of a paragraph, as the report shows them.
    static func excerpt(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\t", with: " ")
        return trimmed.count > 24 ? String(trimmed.prefix(24)) + "…" : trimmed
    }

    /// Whether anything must be fixed before the document can be released.
    public var needsFixing: Bool { items.contains { $0.kind == .fix } }

    /// The report for people: counts, then each item with its place.
    public func text(counts showCounts: Bool = true) -> String {
        var lines: [String] = []
        let c = counts
        if showCounts { lines.append("found: \(c.controlFields) control fields, \(c.historyRows) history rows, \(c.sections) sections, \(c.paragraphs) paragraphs, \(c.lists) lists, \(c.tables) tables, \(c.pictures) pictures, \(c.footnotes) footnotes, \(c.links) links") }
        for (kind, title) in [(Kind.found, "found"), (.dropped, "not carried over"), (.guessed, "guessed"), (.fix, "to fix before release")] {
            let selected = items.filter { $0.kind == kind }
            guard !selected.isEmpty else { continue }
            lines.append("\(title):")
            for item in selected {
                var place = ""
                if let paragraph = item.paragraph { place += "¶\(paragraph)" }
                if let excerpt = item.excerpt, !excerpt.isEmpty { place += (place.isEmpty ? "" : " ") + "'\(excerpt)'" }
                lines.append("  " + (place.isEmpty ? "" : place + ": ") + item.message)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import Foundation
