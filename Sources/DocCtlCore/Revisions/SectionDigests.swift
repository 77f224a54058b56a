import Foundation

/// Per-section digests of a document's body, and what changed between two sets of them.
///
/// A section's text is its own source lines: its heading line through the line before the next
/// heading of any level (or the end of its file). Subsections are digested on their own, so a
/// change in 8.5.1 marks 8.5.1 and not also 8.5 and 8: 修改页码及章节 names the sections whose text
/// changed. Lines are normalised as for ``ContentDigest`` (LF, no trailing blanks, no trailing
/// empty lines), so re-saving a file with CRLF changes nothing. An image shown in a section is part
/// of its text: its SHA-256 follows the lines (``ContentDigest/imageLines(_:)``), so a changed
/// image marks the section that shows it; sections without images digest as before. Likewise the
/// section showing `{{statement-of-applicability}}` digests applicability.yaml (``ContentDigest/dataLines(_:sources:)``).
public enum SectionDigests {
    /// The release record of `document` as it stands, for `revision` dated `date`.
    public static func record(of document: Document, sources: [String: SourceFile], revision: String,
                              date: Day?) -> ReleaseRecord {
        var identity = document
        identity.bodyFiles = []
        identity.images = []
        identity.preamble = []
        identity.sections = []
        let fields = ContentDigest.hash(ContentDigest.canonical(identity, sources: sources))
        var preamble = ""
        var sections: [ReleaseRecord.SectionDigest] = []
        let byFile = Dictionary(grouping: document.allSections, by: \.location.path)
        for body in document.bodyFiles {
            let lines = (sources[body.path]?.text ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            let headings = (byFile[body.path] ?? []).sorted { $0.location.line < $1.location.line }
            let firstHeading = headings.first.map { $0.location.line - 1 } ?? lines.count
            let before = lines.prefix(max(0, min(firstHeading, lines.count))).joined(separator: "\n")
            let normalisedBefore = ContentDigest.normalize(String(before))
            if !normalisedBefore.isEmpty {
                let name = body.path.split(separator: "/").last.map(String.init) ?? body.path
                preamble += "file: \(name) \(normalisedBefore.utf8.count)\n" + normalisedBefore
            }
            for (index, section) in headings.enumerated() {
                let start = max(0, section.location.line - 1)
                let end = index + 1 < headings.count ? headings[index + 1].location.line - 1 : lines.count
                let text = start < end && start < lines.count ? lines[start..<min(end, lines.count)].joined(separator: "\n") : ""
                sections.append(ReleaseRecord.SectionDigest(
                    number: section.number, title: section.title, anchor: section.anchor,
                    digest: ContentDigest.hash(Data((ContentDigest.normalize(text)
                        + ContentDigest.imageLines(document.images(in: section.blocks))
                        + ContentDigest.dataLines(section.blocks, sources: sources)).utf8))))
            }
        }
        preamble += ContentDigest.imageLines(document.images(in: document.preamble))
            + ContentDigest.dataLines(document.preamble, sources: sources)
        return ReleaseRecord(document: document.number, revision: revision, date: date,
                             digest: ContentDigest.digest(document, sources: sources), fields: fields,
                             preamble: preamble.isEmpty ? nil : ContentDigest.hash(Data(preamble.utf8)), sections: sections)
    }

    /// What changed from one record to another.
    public struct Changes: Sendable, Equatable {
        /// Labels (section numbers, or titles of unnumbered sections) of changed, added and removed sections.
        public var sections: [String]
        /// Whether every section changed (or none of the old ones is left).
        public var all: Bool
        public var fields: Bool
        public var preamble: Bool

        /// Whether anything at all changed.
        public var isEmpty: Bool { sections.isEmpty && !fields && !preamble }

        /// The `sections` value of a history entry (修改页码及章节): `4.2、8.5.1`, or 全部 / all.
        public func text(language: Language) -> String {
            let words = Labels.for(language)
            if all { return words.allSections }
            var labels = sections
            if preamble { labels.insert(words.preambleSection, at: 0) }
            if fields { labels.insert(words.coverPageSection, at: 0) }
            if labels.isEmpty { return words.noSections }
            return labels.joined(separator: words.listSeparator)
        }
    }

    /// The sections whose text differs between `old` and `new`, by section number (titles for
    /// unnumbered sections), with added and removed ones; numbered labels in numeric order, then
    /// unnumbered ones in document order.
    public static func changes(from old: ReleaseRecord, to new: ReleaseRecord) -> Changes {
        let before = keyed(old.sections)
        let after = keyed(new.sections)
        let oldDigests = Dictionary(before.map { ($0.key, $0.section.digest) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(after.map(\.key))
        var changed: [(key: String, section: ReleaseRecord.SectionDigest)] = []
        for entry in after where oldDigests[entry.key] != entry.section.digest { changed.append(entry) }
        for entry in before where !newKeys.contains(entry.key) { changed.append(entry) }
        let numbered = changed.filter { $0.section.number != nil }
            .sorted { numericOrder($0.section.number!, $1.section.number!) }
        let unnumbered = changed.filter { $0.section.number == nil }
        var labels: [String] = []
        for entry in numbered + unnumbered where !labels.contains(entry.section.label) { labels.append(entry.section.label) }
        let unchanged = after.filter { oldDigests[$0.key] == $0.section.digest }.count
        // 全部 when no section is left as it was; a single changed section is still named.
        return Changes(sections: labels, all: unchanged == 0 && labels.count > 1, fields: old.fields != new.fields,
                       preamble: old.preamble != new.preamble)
    }

    /// Sections keyed by number, or by title when unnumbered; repeated keys get ` (2)`, ` (3)`.
    static func keyed(_ sections: [ReleaseRecord.SectionDigest]) -> [(key: String, section: ReleaseRecord.SectionDigest)] {
        var seen: [String: Int] = [:]
        return sections.map { section in
            let base = section.number.map { "#" + $0 } ?? section.title
            seen[base, default: 0] += 1
            let count = seen[base]!
            return (count == 1 ? base : "\(base) (\(count))", section)
        }
    }

    /// `4.2` before `4.10`, `8` before `8.1`.
    static func numericOrder(_ a: String, _ b: String) -> Bool {
        let left = a.split(separator: ".").map { Int($0) ?? Int.max }
        let right = b.split(separator: ".").map { Int($0) ?? Int.max }
        for (x, y) in zip(left, right) where x != y { return x < y }
        return left.count < right.count
    }
}
