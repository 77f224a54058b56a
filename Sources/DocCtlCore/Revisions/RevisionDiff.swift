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
            changes.insert(SectionChange(kind: .changed, number: nil, title: new.language == .en ? "(before the first heading)" : "（正文前）",
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
            images.map { new.language == .en ? "\n[image: \($0.alt), \($0.file)]" : "\n〔图：\($0.alt)，\($0.file)〕" }.joined()
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

    /// The redline page: self-contained (stylesheet inlined), all text escaped.
    public func page(css: String) -> String {
        let en = new.language == .en
        let fromTo = "\(old.revision) → \(new.revision)"
        let kindLabel: [SectionChange.Kind: String] = en ? [.added: "added", .removed: "removed", .changed: "changed"]
                                                         : [.added: "新增", .removed: "删除", .changed: "修改"]
        var body: [HTMLNode] = []
        body.append(.el("header", [("class", "doc-cover")], [
            .el("p", [("class", "doc-company")], text: new.organizationName.isEmpty ? new.organizationShort : new.organizationName),
            .el("h1", [("class", "doc-title")], text: new.title),
            .el("p", [("class", "doc-kind")], text: "\(new.number) · \(en ? "Changes" : "修改对照") \(fromTo)"),
        ]))
        let summary = changes.isEmpty ? (en ? "No section changed." : "没有章节修改。")
            : changes.map { "\($0.label)（\(kindLabel[$0.kind]!)）" }.joined(separator: en ? ", " : "、")
        body.append(.el("p", [("class", "diff-summary")], text: summary
            + (en ? " — \(unchanged) section\(unchanged == 1 ? "" : "s") unchanged." : "；其余 \(unchanged) 个章节未修改。")))
        // The history entries that lead from the old revision to the new one.
        if let start = new.history.firstIndex(where: { $0.revision == old.revision }) {
            let rows = new.history[(start + 1)...].map { entry -> HTMLNode in
                .el("tr", [], [.el("td", [], text: entry.revision), .el("td", [], text: entry.date ?? "—"),
                               .el("td", [], text: entry.sections), .el("td", [], text: entry.change),
                               .el("td", [], text: entry.author), .el("td", [], text: entry.approver)])
            }
            if !rows.isEmpty {
                let heads = en ? ["Revision", "Date", "Sections", "Change", "Author", "Approver"] : ["版本号", "修改日期", "修改章节", "修改内容", "修改人", "批准人"]
                body.append(.el("table", [("class", "history-table")], [
                    .el("thead", [], [.el("tr", [], heads.map { .el("th", [("scope", "col")], text: $0) })]),
                    .el("tbody", [], rows),
                ]))
            }
        }
        for change in changes {
            var heading: [HTMLNode] = []
            if let number = change.number { heading.append(.el("span", [("class", "secnum")], text: number + " ")) }
            if let oldTitle = change.oldTitle {
                heading.append(.el("del", [("class", "diff-del")], text: oldTitle))
                heading.append(.el("ins", [("class", "diff-ins")], text: change.title))
            } else {
                heading.append(.text(change.title))
            }
            heading.append(.el("span", [("class", "diff-tag diff-\(change.kind.rawValue)")], text: kindLabel[change.kind]!))
            let text: [HTMLNode] = change.segments.map { segment in
                switch segment {
                case .same(let text): .text(text)
                case .deleted(let text): .el("del", [("class", "diff-del")], text: text)
                case .inserted(let text): .el("ins", [("class", "diff-ins")], text: text)
                }
            }
            body.append(.el("section", [("class", "diff-section diff-\(change.kind.rawValue)")], [
                .el("h2", [], heading), .el("div", [("class", "diff-text")], text),
            ]))
        }
        let title = "\(new.number) \(new.title) — \(fromTo)"
        precondition(!css.lowercased().contains("</style"), "docctl's stylesheet must not close its <style> element")
        let style = css + """

        .diff-text { white-space: pre-wrap; line-height: 1.8; }
        ins.diff-ins { background: #e3f4e6; color: #0b5d1e; text-decoration: underline; }
        del.diff-del { background: #fbe4e4; color: #9b1c1c; text-decoration: line-through; }
        .diff-tag { font-size: .75em; margin-left: .6em; padding: 0 .4em; border: 1px solid currentColor; border-radius: 3px; }
        .diff-added .diff-tag { color: #0b5d1e; } .diff-removed .diff-tag { color: #9b1c1c; } .diff-changed .diff-tag { color: #7a4b00; }
        .diff-summary { margin: 1em 0; }
        """
        return "<!DOCTYPE html>\n<html lang=\"\(en ? "en" : "zh-CN")\">\n<head>\n<meta charset=\"utf-8\">\n"
            + ContentSecurityPolicy.meta + "\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"docctl\">\n"
            + "<title>\(HTMLEscaping.text(title))</title>\n<style>\(style)</style>\n</head>\n<body class=\"page-diff\">\n"
            + "<main id=\"main\" class=\"sheet\">\n" + HTMLSerializer.html(body) + "\n</main>\n</body>\n</html>\n"
    }
}
