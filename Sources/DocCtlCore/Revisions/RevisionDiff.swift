import Foundation

/// `docctl diff DOC FROM TO`: a redline page between two released revisions, read from their XML
/// archives — the published site's `<number>/<L-N>/<number>_<L-N>.xml`, or, for the current
/// released revision, the archive rendered from the sources, or, for an older one that is not on
/// the site, the archive rebuilt from the sources in git that give its sealed digest (``GitHistory``).
///
/// Sections are matched by number (by title when unnumbered) and listed as added, removed or
/// changed; within a changed section deletions and insertions are marked in the text (character
/// by character for Chinese, word by word for English). A section whose images changed (by their
/// SHA-256) is changed too, with the old and new images named in the redline. Unchanged sections
/// are only counted.
public struct RevisionDiff {
    /// How a section differs.
    public struct SectionChange: Sendable {
        public enum Kind: String, Sendable {
            case added, removed, changed
        }

        public var kind: Kind
        public var number: String?
        public var title: String
        /// The title as it was, when it changed.
        public var oldTitle: String?
        public var segments: [TextDiff.Segment]

        /// How the section is named: its number, else its title.
        public var label: String { number ?? title }
    }

    public var old: ArchivedRevision
    public var new: ArchivedRevision
    public var changes: [SectionChange]
    public var unchanged: Int

    /// Compares two archived revisions of one document.
    public init(old: ArchivedRevision, new: ArchivedRevision) {
        self.old = old
        self.new = new
        func key(_ section: ArchivedRevision.Section) -> String { section.number.map { "#" + $0 } ?? section.title }
        var before: [String: ArchivedRevision.Section] = [:]
        for section in old.allSections where before[key(section)] == nil { before[key(section)] = section }
        var seen = Set<String>()
        var changes: [SectionChange] = []
        var unchanged = 0
        for section in new.allSections {
            let id = key(section)
            guard seen.insert(id).inserted else { continue }
            guard let previous = before[id] else {
                changes.append(SectionChange(kind: .added, number: section.number, title: section.title, oldTitle: nil,
                                             segments: [.inserted(section.text)]))
                continue
            }
            let pictures = RevisionDiff.imageSegments(old, previous.anchor, new, section.anchor)
            if previous.text == section.text && previous.title == section.title && pictures.isEmpty {
                unchanged += 1
                continue
            }
            changes.append(SectionChange(kind: .changed, number: section.number, title: section.title,
                                         oldTitle: previous.title == section.title ? nil : previous.title,
                                         segments: TextDiff.diff(previous.text, section.text) + pictures))
        }
        for section in old.allSections where !seen.contains(key(section)) {
            seen.insert(key(section))
            changes.append(SectionChange(kind: .removed, number: section.number, title: section.title, oldTitle: nil,
                                         segments: [.deleted(section.text)]))
        }
        let preamblePictures = RevisionDiff.imageSegments(old, "", new, "")
        if old.preambleText != new.preambleText || !preamblePictures.isEmpty {
            changes.insert(SectionChange(kind: .changed, number: nil, title: Labels.for(new.language).beforeFirstHeading,
                                         oldTitle: nil, segments: TextDiff.diff(old.preambleText, new.preambleText) + preamblePictures), at: 0)
        }
        self.changes = changes
        self.unchanged = unchanged
    }

    /// The images a section showed and shows, as a deletion and an insertion, when they differ by
    /// content (an image-only change leaves the text as it was); empty when they are the same.
    static func imageSegments(_ old: ArchivedRevision, _ oldAnchor: String, _ new: ArchivedRevision, _ newAnchor: String)
        -> [TextDiff.Segment] {
        let before = old.images.filter { $0.from == oldAnchor }, after = new.images.filter { $0.from == newAnchor }
        guard before.map(\.sha256) != after.map(\.sha256) else { return [] }
        func names(_ images: [ArchivedRevision.Image]) -> String {
            images.map { Labels.for(new.language).imageMention(alt: $0.alt, file: $0.file) }.joined()
        }
        return (before.isEmpty ? [] : [.deleted(names(before))]) + (after.isEmpty ? [] : [.inserted(names(after))])
    }

    // MARK: Locating archives

    /// The archive of `number` at `revision`: from `site` when given and present there, else
    /// rendered from the sources when it is the document's current, released revision, else
    /// rebuilt from git (``GitHistory``) — or an error that says why none of these has it.
    public static func archive(of document: Document, revision: RevisionMark, site: URL?, renderer: SiteRenderer)
        throws(WorkflowError) -> ArchivedRevision {
        let folder = SiteMap.safeComponent(document.number)
        if let site {
            let url = site.appendingPathComponent("\(folder)/\(revision.pathComponent)/\(folder)_\(revision.pathComponent).xml")
            if let data = try? Data(contentsOf: url) {
                do {
                    return try renderer.readArchive(data, path: url.path)
                } catch {
                    throw .refused("\(url.path) is not a valid archive: \(error.description)")
                }
            }
        }
        let status = ControlStatus.of(document, in: renderer.set)
        if status.revision == revision && !status.isDraft {
            do {
                let data = try renderer.archive(document)
                return try renderer.readArchive(data, path: "\(folder)_\(revision.pathComponent).xml")
            } catch let error as DocCtlError {
                throw .environment(error.description)
            } catch {
                throw .environment("\(error)")
            }
        }
        let known = document.history.compactMap(\.revision).map(\.description)
        guard known.contains(revision.description) else {
            throw .refused("\(document.number) has no revision \(revision)", notes: ["its history: \(known.joined(separator: ", "))"])
        }
        // Released before the site existed, or never published: rebuilt from the sources in git.
        do {
            return try GitHistory.archive(of: document, revision: revision, setRoot: renderer.set.root, templates: renderer.templates)
        } catch .refused(let reason, let notes, let diagnostics) {
            let where_ = site.map { "not in \($0.path), and " } ?? "no --site given, and "
            throw .refused(reason.replacingOccurrences(of: "no archive of \(document.number) \(revision): ",
                                                       with: "no archive of \(document.number) \(revision): \(where_)"), notes: notes,
                           diagnostics: diagnostics)
        }
    }

    // MARK: Page

    /// The redline page through the `redline` template of `renderer`: self-contained (its
    /// stylesheet inlined), all text escaped.
    public func page(renderer: SiteRenderer) throws(DocCtlError) -> String {
        let labels = Labels.for(new.language)
        let css = String(decoding: try renderer.templates.resource("assets/docctl.css"), as: UTF8.self)
        var history: [HistoryRowView] = []
        // The history entries that lead from the old revision to the new one.
        if let start = new.history.firstIndex(where: { $0.revision == old.revision }) {
            history = new.history[(start + 1)...].enumerated().map { index, entry in
                HistoryRowView(serial: String(index + 1), revision: entry.revision, sections: entry.sections, change: entry.change,
                               date: entry.date ?? "—", author: entry.author, approver: entry.approver)
            }
        }
        let sections = changes.map { change in
            RedlineSectionView(
                kind: change.kind.rawValue, tag: labels.sectionChange(change.kind.rawValue), numbered: change.number != nil,
                number: change.number ?? "", retitled: change.oldTitle != nil, oldTitle: change.oldTitle ?? "", title: change.title,
                text: HTMLSerializer.safe(change.segments.map { segment -> HTMLNode in
                    switch segment {
                    case .same(let text): .text(text)
                    case .deleted(let text): .el("del", [("class", "diff-del")], text: text)
                    case .inserted(let text): .el("ins", [("class", "diff-ins")], text: text)
                    }
                }))
        }
        let summary = labels.redlineSummary(changes.map { "\($0.label)（\(labels.sectionChange($0.kind.rawValue))）" }, unchanged: unchanged)
        let view = renderer.builder.redlinePage(
            number: new.number, title: new.title, organization: new.organizationName.isEmpty ? new.organizationShort : new.organizationName,
            from: old.revision, to: new.revision, summary: summary, history: history, sections: sections, css: css)
        return renderer.templates.render("redline", view)
    }
}
