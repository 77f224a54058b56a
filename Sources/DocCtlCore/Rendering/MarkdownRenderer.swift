import Foundation

/// Renders the Markdown AST (``Block``/``Inline``) as ``HTMLNode`` trees, resolving docctl's
/// references and replacing `{{placeholders}}` with generated blocks.
///
/// Nothing from the source becomes markup: text is text, raw HTML is dropped (the checker warns
/// about it), and a link keeps its target only when it is http(s), mailto or relative.
public struct MarkdownRenderer: Sendable {
    public var context: PageContext
    /// The document's blocks already rendered in this context (a page and its archive share them).
    var rendered: RenderedBlocks?
    /// What references and generated blocks may add to the page (shared by copies of this renderer).
    let budget = ExpansionBudget()

    /// A renderer for a page rendered in `context`.
    public init(context: PageContext) { self.context = context }

    // MARK: Sections

    /// The whole body of a document: preamble, then every section with its number and anchor.
    public func body(of document: Document) -> [HTMLNode] {
        preambleBlocks(document) + document.sections.flatMap { section($0) }
    }

    /// A document's preamble, rendered.
    func preambleBlocks(_ document: Document) -> [HTMLNode] {
        rendered?.preamble ?? blocks(document.preamble)
    }

    /// A section's own blocks (without heading and subsections), rendered.
    func sectionBlocks(_ section: Section) -> [HTMLNode] {
        rendered?.sections[section.anchor] ?? blocks(section.blocks)
    }

    /// One section and its subsections as `<section id=…>` with a numbered heading.
    public func section(_ section: Section, includeChildren: Bool = true) -> [HTMLNode] {
        var content: [HTMLNode] = [heading(section)]
        content += sectionBlocks(section)
        if includeChildren { content += section.children.flatMap { self.section($0) } }
        var classes = "section level-\(section.level)"
        if section.isAppendix { classes += " appendix" }
        return [.el("section", [("id", section.anchor), ("class", classes)], content)]
    }

    /// A section's heading: `<hN>` (one below the page title) with the number in its own span.
    public func heading(_ section: Section) -> HTMLNode {
        let level = min(section.level + 1, 6)
        var children: [HTMLNode] = []
        if let number = section.number { children.append(.el("span", [("class", "secnum")], text: number)) }
        children.append(.el("span", [("class", "sectitle")], text: section.title))
        var attributes: [(String, String)] = []
        if !section.clauses.isEmpty, section.clauses != [section.number ?? ""] {
            attributes.append(("data-clauses", section.clauses.joined(separator: " ")))
        }
        return .el("h\(level)", attributes, children)
    }

    // MARK: Blocks

    /// Renders blocks in order.
    public func blocks(_ blocks: [Block]) -> [HTMLNode] { blocks.flatMap(block) }

    func block(_ block: Block) -> [HTMLNode] {
        switch block {
        case .heading(let level, let inlines, _):
            return [.el("h\(min(level + 1, 6))", [], self.inlines(inlines))]
        case .paragraph(let inlines, _):
            if let figure = figure(inlines) { return [figure] }
            let content = self.inlines(inlines)
            return content.isEmpty ? [] : [.el("p", [], content)]
        case .placeholder(let name, let location):
            // Generated once per document, whatever the rule's severity: repeats could multiply a
            // page without bound.
            guard context.document?.repeatedPlaceholders[location] == nil, !budget.isExceeded else {
                return [.el("p", [("class", "placeholder-repeated")], text: "{{\(name)}}")]
            }
            let generated = GeneratedBlocks(context: context).render(name)
            budget.spend(generated.reduce(0) { $0 + $1.textContent.utf8.count })
            return generated
        case .list(let ordered, let start, let tight, let items):
            var attributes: [(String, String)] = []
            if ordered && start != 1 { attributes.append(("start", String(start))) }
            let rendered = items.map { item -> HTMLNode in
                guard tight else { return .el("li", [], blocks(item)) }
                // A tight list's paragraphs are not wrapped in <p>, as in CommonMark's own renderer.
                return .el("li", [], item.flatMap { block -> [HTMLNode] in
                    if case .paragraph(let inlines, _) = block { return self.inlines(inlines) }
                    return self.block(block)
                })
            }
            return [.el(ordered ? "ol" : "ul", attributes, rendered)]
        case .quote(let blocks):
            return [.el("blockquote", [], self.blocks(blocks))]
        case .code(_, let text):
            return [.el("pre", [], [.el("code", [], text: text)])]
        case .thematicBreak:
            return [.el("hr")]
        case .table(let table):
            return [self.table(table)]
        case .html:
            return []
        }
    }

    func table(_ table: Table) -> HTMLNode {
        func alignment(_ column: Int) -> [(String, String)] {
            guard column < table.alignments.count else { return [] }
            switch table.alignments[column] {
            case .none: return []
            case .left: return [("class", "align-left")]
            case .center: return [("class", "align-center")]
            case .right: return [("class", "align-right")]
            }
        }
        let head = HTMLNode.el("thead", [], [.el("tr", [], table.header.enumerated().map { index, cell in
            .el("th", alignment(index), inlines(cell))
        })])
        let body = HTMLNode.el("tbody", [], table.rows.map { row in
            .el("tr", [], row.enumerated().map { index, cell in .el("td", alignment(index), inlines(cell)) })
        })
        return .el("div", [("class", "table-wrap")], [.el("table", [("class", "body-table")], [head, body])])
    }

    // MARK: Inlines

    /// Renders inlines; a soft line break between two CJK characters renders as nothing.
    public func inlines(_ inlines: [Inline]) -> [HTMLNode] {
        var output: [HTMLNode] = []
        // Documents already named in this run of text: a clause reference into one of them shows
        // only the section number (《手册》（8.6.1、8.6.2）, not the title three times).
        var named: Set<String> = []
        for (index, inline) in inlines.enumerated() {
            switch inline {
            case .reference(let target, _):
                let node = reference(target, named: named)
                if let number = referencedDocument(target) { named.insert(number) }
                output.append(node)
                continue
            case .citedTitle(let title, _):
                if let number = context.site.documentNumber(titled: title) { named.insert(number) }
            default:
                break
            }
            if case .softBreak = inline {
                let before = output.last.flatMap { MarkdownRenderer.lastScalar(of: $0) }
                let after = inlines[(index + 1)...].first.flatMap { self.inline($0).first }.flatMap(MarkdownRenderer.firstScalar)
                if let before, let after, MarkdownRenderer.isCJK(before) && MarkdownRenderer.isCJK(after) { continue }
                output.append(.text("\n"))
                continue
            }
            output.append(contentsOf: self.inline(inline))
        }
        return MarkdownRenderer.mergeText(output)
    }

    func inline(_ inline: Inline) -> [HTMLNode] {
        switch inline {
        case .text(let text): return [.text(text)]
        case .code(let text): return [.el("code", [], text: text)]
        case .emphasis(let children): return [.el("em", [], inlines(children))]
        case .strong(let children): return [.el("strong", [], inlines(children))]
        case .strikethrough(let children): return [.el("del", [], inlines(children))]
        case .link(let url, let title, let children, _):
            let content = inlines(children)
            guard let href = HTMLEscaping.safeURL(url) else { return [.el("span", [("class", "link-dropped")], content)] }
            var attributes = [("href", href)]
            if !title.isEmpty { attributes.append(("title", title)) }
            if href.lowercased().hasPrefix("http") { attributes.append(("rel", "noopener noreferrer")) }
            return [.el("a", attributes, content)]
        case .image(let url, let title, let alt, _):
            return [image(url, title: title, alt: alt)]
        case .softBreak: return [.text("\n")]
        case .lineBreak: return [.el("br")]
        case .html: return []
        case .reference(let target, _): return [reference(target, named: [])]
        case .citedTitle(let title, _): return [citedTitle(title)]
        }
    }

    // MARK: Images

    /// `<img>` of a loaded image: `src` is its copy in the revision folder (`media/<hash>.png`), or
    /// a `data:` URL on a self-contained page. An image that was not loaded (reported by `check`)
    /// shows its description instead, and nothing is ever fetched from elsewhere.
    func image(_ url: String, title: String, alt: [Inline]) -> HTMLNode {
        guard let image = context.document?.image(target: url) else {
            return .el("span", [("class", "image-alt")], inlines(alt))
        }
        let source: String
        switch context.links {
        case .site: source = image.archivedPath
        case .standalone: source = image.dataURL
        }
        var attributes = [("src", source), ("alt", alt.plainText)]
        if !title.isEmpty { attributes.append(("title", title)) }
        if let size = image.dimensions {
            attributes += [("width", String(size.width)), ("height", String(size.height))]
        }
        attributes.append(("loading", "lazy"))
        return .el("img", attributes)
    }

    /// A paragraph holding one loaded image and nothing else (blanks aside) becomes a figure,
    /// captioned with the image's description when it has one.
    func figure(_ inlines: [Inline]) -> HTMLNode? {
        let content = inlines.filter { inline in
            switch inline {
            case .softBreak, .lineBreak: false
            case .text(let text): !text.allSatisfy(\.isWhitespace)
            default: true
            }
        }
        guard content.count == 1, case .image(let url, let title, let alt, _) = content[0],
              context.document?.image(target: url) != nil else { return nil }
        var children = [image(url, title: title, alt: alt)]
        let caption = self.inlines(alt)
        if !alt.plainText.allSatisfy(\.isWhitespace) { children.append(.el("figcaption", [], caption)) }
        return .el("figure", [("class", "figure")], children)
    }

    /// `[[QP-04]]` → 《title》 linked to its page; `[[8.6.1]]` → the covering section;
    /// `[[REC-05]]` → 《record title》 linked to the records register; `[[QP-04@B/1]]` → 《title》(B/1)
    /// linked to that revision, marked as pinned.
    func reference(_ written: String, named: Set<String>) -> HTMLNode {
        guard !budget.isExceeded else { return .el("span", [("class", "ref")], text: "[[\(written)]]") }
        let node = expandedReference(written, named: named)
        // The link's text and its address and title: what the page gains over the `[[…]]` written.
        budget.spend(node.textContent.utf8.count + 160)
        return node
    }

    func expandedReference(_ written: String, named: Set<String>) -> HTMLNode {
        let set = context.set
        let target = set.standard?.canonical(written) ?? written
        if let pinned = PinnedReference(written), let document = set.document(number: pinned.number),
           let entry = pinned.entry(in: document) {
            guard context.shows(document.number) else { return .el("span", [("class", "ref ref-document")], text: written) }
            let href = entry.revision.flatMap { context.revisionURL(document.number, revision: $0) }
            return context.link(href, class: "ref ref-document ref-pinned",
                                title: "\(document.number) \(entry.revisionText) (\(context.labels.pinnedRevision))",
                                [.text("《\(document.title)》(\(entry.revisionText))")])
        }
        if let index = set.documentIndex(number: target) {
            // By position: ``DocumentSet/document(number:)`` copies the whole document, for each reference.
            let number = set.documents[index].number
            // A document that is not published is named by the number the author wrote, never its title.
            guard context.shows(number) else { return .el("span", [("class", "ref ref-document")], text: target) }
            return context.link(context.documentURL(number), class: "ref ref-document", title: number,
                                [.text("《\(set.documents[index].title)》")])
        }
        if let record = set.record(id: target) {
            return recordLink(record)
        }
        if set.standard?.clause(target) != nil, let section = context.site.target(forClause: target) {
            let clauseTitle = set.standard?.clause(target)?.title(context.language) ?? ""
            var text = section.number ?? section.title
            if section.document != context.document?.number, !named.contains(section.document),
               let other = set.document(number: section.document) {
                text = "《\(other.title)》" + text
            }
            return context.link(context.documentURL(section.document, fragment: section.anchor), class: "ref ref-clause",
                                title: "\(written) \(clauseTitle)".trimmingCharacters(in: .whitespaces), [.text(text)])
        }
        if let number = set.applicability?.entry(target)?.implementedBy.first(where: { set.document(number: $0.value) != nil })?.value,
           let document = set.document(number: number) {
            return context.link(context.documentURL(document.number), class: "ref ref-clause", title: written,
                                [.text("《\(document.title)》")])
        }
        return .el("span", [("class", "ref ref-unresolved")], text: "[[\(written)]]")
    }

    /// The document a reference names or points into, if any.
    func referencedDocument(_ written: String) -> String? {
        let target = context.set.standard?.canonical(written) ?? written
        if let pinned = PinnedReference(written), context.set.documentIndex(number: pinned.number) != nil { return pinned.number }
        if context.set.documentIndex(number: target) != nil { return target }
        if context.set.record(id: target) == nil, context.set.standard?.clause(target) != nil {
            return context.site.target(forClause: target)?.document
        }
        return nil
    }

    func recordLink(_ record: RecordEntry) -> HTMLNode {
        var href: String? = nil
        if let list = context.site.recordList {
            href = context.documentURL(list.document, fragment: SiteMap.recordAnchor(record.id))
        }
        return context.link(href, class: "ref ref-record", title: record.id, [.text("《\(record.title)》")])
    }

    /// A written-out `《title》`: linked when it names a document or a record.
    func citedTitle(_ title: String) -> HTMLNode {
        if let number = context.site.documentNumber(titled: title) {
            return context.link(context.documentURL(number), class: "ref ref-document", title: number, [.text("《\(title)》")])
        }
        if let id = context.site.recordID(titled: title), let record = context.set.record(id: id) {
            return recordLink(record)
        }
        return .text("《\(title)》")
    }

    // MARK: Text helpers

    /// Joins adjacent text nodes, so that the output does not depend on how cmark split text.
    static func mergeText(_ nodes: [HTMLNode]) -> [HTMLNode] {
        var result: [HTMLNode] = []
        for node in nodes {
            if case .text(let text) = node, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + text)
            } else {
                result.append(node)
            }
        }
        return result
    }

    static func lastScalar(of node: HTMLNode) -> Unicode.Scalar? { node.textContent.unicodeScalars.last }
    static func firstScalar(of node: HTMLNode) -> Unicode.Scalar? { node.textContent.unicodeScalars.first }

    /// Han ideographs, CJK punctuation and full-width forms: no space between them at a line break.
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x2FDF, 0x3000...0x303F, 0x3040...0x30FF, 0x3100...0x312F, 0x31A0...0x31BF, 0x31C0...0x31EF,
             0x3200...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3134F:
            true
        default:
            false
        }
    }
}

/// A document's preamble and sections rendered once, by section anchor (unique in a document),
/// with their plain text: its site page, its archive and its search entries share them (all three
/// are rendered in the same context).
struct RenderedBlocks: Sendable {
    /// References and generated blocks would have added more than ``ExpansionBudget/maximumBytes``:
    /// the rest were left as written, and the page must not be kept.
    var expansionExceeded = false
    var preamble: [HTMLNode]
    var sections: [String: [HTMLNode]] = [:]
    /// The text a reader sees, line by line (``DocumentArchive/plainText(_:)``).
    var preambleText: String
    var sectionTexts: [String: String] = [:]

    init(_ document: Document, renderer: MarkdownRenderer) {
        preamble = renderer.blocks(document.preamble)
        preambleText = DocumentArchive.plainText(preamble)
        for section in document.allSections {
            let blocks = renderer.blocks(section.blocks)
            sections[section.anchor] = blocks
            sectionTexts[section.anchor] = DocumentArchive.plainText(blocks)
        }
        expansionExceeded = renderer.budget.isExceeded
    }
}

/// Caps what references and generated blocks add to one page. Each expands a few bytes of source
/// into a title, a link or a table: `[[QP-04]]` × 400 000 with a long title would otherwise make a
/// page of gigabytes. Past the cap the renderer leaves them as written and the page is refused.
final class ExpansionBudget: @unchecked Sendable {
    /// Far above any real page (the example's largest page gains under 1 MB).
    static let maximumBytes = 32 << 20
    private let lock = NSLock()
    private var spent = 0

    var isExceeded: Bool { lock.withLock { spent > ExpansionBudget.maximumBytes } }

    func spend(_ bytes: Int) { lock.withLock { spent += bytes } }
}
