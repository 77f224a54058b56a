import Foundation

/// The XML archive of one document revision (`<number>_<L-N>.xml`), conforming to
/// `templates/document.xsd`: enough to re-render and compare the revision without the sources.
///
/// Built as an ``XMLElement`` tree and serialised with ``XMLWriter`` (libxml2), never by string
/// concatenation.
public enum DocumentArchive {
    public static let namespace = "urn:x-docctl:document:1"
    public static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
    public static let svgNamespace = "http://www.w3.org/2000/svg"
    public static let formatVersion = "1"

    /// The archive of `document` as rendered in `context` (its links are those of the site page);
    /// `rendered` holds its blocks when the caller rendered them already in that context.
    public static func element(_ document: Document, context: PageContext, buildDate: Day) -> XMLElement {
        element(document, context: context, buildDate: buildDate, rendered: nil)
    }

    static func element(_ document: Document, context: PageContext, buildDate: Day, rendered: RenderedBlocks?) -> XMLElement {
        let set = context.set
        let status = context.site.status(document.number) ?? ControlStatus.of(document, in: set)
        let rendered = rendered ?? RenderedBlocks(document, renderer: MarkdownRenderer(context: context))
        func el(_ name: String, _ attributes: [(String, String?)] = [], _ children: [XMLNode] = []) -> XMLElement {
            XMLElement(name: name, namespace: namespace,
                       attributes: attributes.compactMap { pair in pair.1.map { XMLAttribute(name: pair.0, value: $0) } },
                       children: children)
        }
        func textElement(_ name: String, _ text: String, _ attributes: [(String, String?)] = []) -> XMLNode {
            .element(el(name, attributes, [.text(text)]))
        }

        var control: [XMLNode] = [
            textElement("title", document.title),
            textElement("type", document.type.rawValue),
            .element(el("organization", [("name", set.config.organizationName), ("short", set.config.organizationShort)])),
        ]
        if let owner = document.owner {
            control.append(textElement("owner", set.department(owner.value)?.name ?? owner.value, [("id", owner.value)]))
        }
        if let classification = document.classification { control.append(textElement("classification", classification.value)) }
        control.append(.element(el("status", [
            ("declared", document.controlled ? "controlled" : "uncontrolled"), ("state", status.state.rawValue),
            ("draft", status.isDraft ? "true" : "false"), ("follows", status.follows),
            ("withdrawn", document.withdrawn ? "true" : "false"),
        ], status.reasons.map { textElement("reason", $0.rawValue) })))
        // The withdrawal record (作废日期, 作废原因, 批准人) goes with the archive of a withdrawn document.
        if document.withdrawn, let withdrawal = document.withdrawal {
            control.append(textElement("withdrawal", withdrawal.reason ?? "",
                                       [("date", withdrawal.date?.value.description), ("approved-by", withdrawal.approvedBy)]))
        }
        if let issued = document.issued { control.append(textElement("issued", issued.value.description)) }
        if let effective = document.effective { control.append(textElement("effective", effective.value.description)) }
        if let review = document.lastReview { control.append(textElement("last-review", review.value.description)) }
        if let months = document.reviewEveryMonths { control.append(textElement("review-every-months", String(months.value))) }
        control.append(textElement("digest", status.digest))
        let standardID = document.standard ?? set.config.standard.value
        control.append(textElement("standard", set.standard?.designation ?? standardID,
                                   [("id", standardID), ("numbering", document.numbering.rawValue)]))
        control.append(.element(el("clauses", [], document.clauses.map { textElement("clause", $0.value) })))
        control.append(.element(el("records", [], document.records.map { record in
            textElement("record", set.record(id: record.value)?.title ?? "", [("id", record.value)])
        })))

        let approvals = [("prepared", document.prepared), ("reviewed", document.reviewed), ("approved", document.approved)]
            .compactMap { role, approval -> XMLNode? in
                approval.map { .element(el("approval", [("role", role), ("name", $0.name), ("date", $0.date?.description)])) }
            }
        let distribution = document.distribution.map { XMLNode.element(el("copy", [("number", $0.copy), ("holder", $0.holder)])) }
        let history = document.history.enumerated().map { index, entry in
            XMLNode.element(el("entry", [("serial", String(index + 1)), ("revision", entry.revisionText),
                                         ("date", entry.date?.description), ("author", entry.author),
                                         ("approver", entry.approver), ("digest", entry.digest)],
                               [textElement("sections", entry.sections), textElement("change", entry.change)]))
        }

        func xhtml(_ nodes: [HTMLNode]) -> [XMLNode] { nodes.map { xmlNode($0, namespace: xhtmlNamespace) } }
        func sectionElement(_ section: Section) -> XMLNode {
            var children: [XMLNode] = [
                textElement("title", section.title),
                .element(el("clauses", [], section.clauses.map { textElement("clause", $0) })),
                .element(el("body", [], xhtml(rendered.sections[section.anchor] ?? []))),
                textElement("text", rendered.sectionTexts[section.anchor] ?? ""),
            ]
            children += section.children.map { sectionElement($0) }
            return .element(el("section", [("anchor", section.anchor), ("level", String(min(max(section.level, 1), 6))),
                                          ("number", section.number), ("appendix", section.isAppendix ? "true" : "false"),
                                          ("explicit-clauses", section.explicitClauses == nil ? "false" : "true")], children))
        }
        var root: [XMLNode] = [
            .element(el("control", [], control)), .element(el("approvals", [], approvals)),
            .element(el("distribution", [], distribution)), .element(el("history", [], history)),
        ]
        if !document.preamble.isEmpty {
            root.append(.element(el("preamble", [], [.element(el("body", [], xhtml(rendered.preamble))),
                                                      textElement("text", rendered.preambleText)])))
        }
        root.append(.element(el("sections", [], document.sections.map(sectionElement))))
        root.append(.element(el("references", [], references(document, context: context).map { .element($0) })))
        root.append(.element(el("generated", [], generatedBlocks(document).map { name, anchor in
            .element(el("block", [("name", name), ("section", anchor)]))
        })))
        let shown = images(document)
        if !shown.isEmpty {
            root.append(.element(el("images", [], shown.map { anchor, title, alt, image in
                .element(el("image", [("source", image.source), ("file", image.archivedPath), ("media-type", image.format.mediaType),
                                      ("sha256", image.sha256), ("bytes", String(image.data.count)), ("from", anchor),
                                      ("title", title.isEmpty ? nil : title)],
                            [textElement("alt", alt)]))
            })))
        }
        return XMLElement(name: "document", namespace: namespace, attributes: [
            XMLAttribute(name: "format", value: formatVersion), XMLAttribute(name: "number", value: document.number),
            XMLAttribute(name: "revision", value: status.revisionText.isEmpty ? "-" : status.revisionText),
            XMLAttribute(name: "language", value: set.config.language.rawValue),
            XMLAttribute(name: "built", value: buildDate.description),
        ], children: root)
    }

    /// The serialised archive and what `schema` finds wrong with it.
    ///
    /// With the built-in schema (`schemaIsBuiltIn`), the archive is written by ``XMLDirectWriter``
    /// (the bytes libxml2 writes, without a libxml2 tree) and held against the schema by
    /// ``ArchiveConformance``: valid by construction, the values the schema constrains checked one by
    /// one. A `document.xsd` of the user's (`--templates`) is not known to docctl: the archive is
    /// built as a libxml2 tree and validated with it, as before.
    static func data(_ document: Document, context: PageContext, buildDate: Day, schema: XMLSchema, schemaIsBuiltIn: Bool = false,
                     rendered: RenderedBlocks?) -> (data: Data, issues: [XMLIssue]) {
        let root = element(document, context: context, buildDate: buildDate, rendered: rendered)
        if schemaIsBuiltIn, let data = XMLDirectWriter.serialize(root) {
            return (data, ArchiveConformance.issues(root))
        }
        return XMLWriter.serialize(root, validatingWith: schema)
    }

    /// An ``HTMLNode`` as XHTML (SVG keeps its own namespace; `xmlns` attributes are the writer's job).
    static func xmlNode(_ node: HTMLNode, namespace: String) -> XMLNode {
        switch node {
        case .text(let text):
            return .text(text)
        case .element(let element):
            let ns = element.name == "svg" ? svgNamespace : namespace
            return .element(XMLElement(
                name: element.name, namespace: ns,
                attributes: element.attributes.filter { $0.name != "xmlns" }.map { XMLAttribute(name: $0.name, value: $0.value) },
                children: element.children.map { xmlNode($0, namespace: ns) }))
        }
    }

    /// Block-level text with line breaks between blocks, for comparing revisions.
    static func plainText(_ nodes: [HTMLNode]) -> String {
        var output = ""
        var endsWithNewline = false
        func append(_ text: String) {
            guard let last = text.utf8.last else { return }
            output += text
            endsWithNewline = last == 0x0A
        }
        func walk(_ node: HTMLNode) {
            switch node {
            case .text(let text): append(text)
            case .element(let element):
                if element.name == "title" { return } // SVG tooltips
                let isBlock = plainTextBlocks.contains(element.name)
                if isBlock, !output.isEmpty, !endsWithNewline { append("\n") }
                if element.name == "td" || element.name == "th", !output.isEmpty, !endsWithNewline { append("\t") }
                element.children.forEach(walk)
                if isBlock, !endsWithNewline { append("\n") }
            }
        }
        nodes.forEach(walk)
        // "\r\n" is one Character, which a split on "\n" keeps whole: only text without CR
        // takes the split on bytes.
        if output.containsUTF8(0x0D) {
            return output.split(separator: "\n", omittingEmptySubsequences: true)
                .map { Whitespace.trimming(String($0)) }.filter { !$0.isEmpty }.joined(separator: "\n")
        }
        return trimmedLines(output)
    }

    /// The lines of `text` (split on LF, no CR in it), each trimmed of `.whitespaces`, without the empty
    /// ones, joined by LF — in one pass over the UTF-8 bytes. Same result as splitting into strings,
    /// `Whitespace.trimming` each and joining (`FastPathTests` compares them); that was 8 % of a
    /// build of large documents (a generic split over `String.UTF8View`, a string per line).
    static func trimmedLines(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                var start = lineStart, end = lineEnd
                while start < end, let length = whitespaceLength(bytes, at: start) { start += length }
                while end > start, let length = whitespaceLength(bytes, endingAt: end) { end -= length }
                if start < end {
                    if !result.isEmpty { result.append(0x0A) }
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                }
                lineStart = lineEnd + 1
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The length in bytes of the scalar at `index` when it is in `.whitespaces`.
    private static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        if lead < 0x80 { return lead == 0x20 || lead == 0x09 ? 1 : nil }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        return isWhitespace(bytes, index, length) ? length : nil
    }

    /// The length in bytes of the scalar ending before `end` when it is in `.whitespaces`.
    private static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int? {
        let last = bytes[end - 1]
        if last < 0x80 { return last == 0x20 || last == 0x09 ? 1 : nil }
        var start = end - 1
        while bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return isWhitespace(bytes, start, end - start) ? end - start : nil
    }

    private static func isWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Bool {
        var value = UInt32(bytes[start]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[start + offset] & 0x3F) }
        return Unicode.Scalar(value).map(Whitespace.isSpace) ?? false
    }

    private static let plainTextBlocks: Set<String> = ["p", "li", "tr", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
                                                       "div", "section", "table", "ul", "ol", "br", "svg",
                                                       "figure", "figcaption"]

    /// Every `[[…]]` and `《…》` of the body, with where it points.
    static func references(_ document: Document, context: PageContext) -> [XMLElement] {
        let set = context.set
        var result: [XMLElement] = []
        func add(_ kind: String, _ target: String, from: String, text: String, document: String? = nil, anchor: String? = nil) {
            var attributes = [XMLAttribute(name: "kind", value: kind), XMLAttribute(name: "target", value: target.isEmpty ? "-" : target),
                              XMLAttribute(name: "from", value: from)]
            if let document { attributes.append(XMLAttribute(name: "document", value: document)) }
            if let anchor { attributes.append(XMLAttribute(name: "anchor", value: anchor)) }
            result.append(XMLElement(name: "reference", namespace: namespace, attributes: attributes, children: [.text(text)]))
        }
        func visit(_ blocks: [Block], from anchor: String) {
            // Gathered first: a closure handed to the recursive walk would copy the set it captures for every inline.
            var inlines: [Inline] = []
            for block in blocks { block.forEachInline { inlines.append($0) } }
            for inline in inlines {
                switch inline {
                case .reference(let target, _):
                    if let pinned = PinnedReference(target), let referenced = set.document(number: pinned.number),
                       let entry = pinned.entry(in: referenced) {
                        add("document", target, from: anchor, text: "\(referenced.title)(\(entry.revisionText))", document: pinned.number)
                    } else if let index = set.documentIndex(number: target) {
                        // A document that is not published is named by its number only.
                        add("document", target, from: anchor, text: context.shows(target) ? set.documents[index].title : target, document: target)
                    } else if let record = set.record(id: target) {
                        add("record", target, from: anchor, text: record.title, document: context.site.recordList?.document,
                            anchor: SiteMap.recordAnchor(record.id))
                    } else if set.standard?.clause(target) != nil,
                              let section = context.site.target(forClause: set.standard?.canonical(target) ?? target) {
                        add("clause", target, from: anchor, text: section.number ?? section.title, document: section.document,
                            anchor: section.anchor)
                    } else {
                        add("unresolved", target, from: anchor, text: "[[\(target)]]")
                    }
                case .citedTitle(let title, _):
                    add("title", title, from: anchor, text: title, document: context.site.documentNumber(titled: title))
                default: break
                }
            }
        }
        visit(document.preamble, from: "")
        for section in document.allSections { visit(section.blocks, from: section.anchor) }
        return result
    }

    /// Every image the body shows, in document order, with the section showing it (`""` for the
    /// preamble), its title and description as written.
    static func images(_ document: Document) -> [(anchor: String, title: String, alt: String, image: DocumentImage)] {
        guard !document.images.isEmpty else { return [] }
        var result: [(anchor: String, title: String, alt: String, image: DocumentImage)] = []
        func visit(_ blocks: [Block], _ anchor: String) {
            for block in blocks {
                block.forEachInline { inline in
                    if case .image(let url, let title, let alt, _) = inline, let image = document.image(target: url) {
                        result.append((anchor, title, alt.plainText, image))
                    }
                }
            }
        }
        visit(document.preamble, "")
        for section in document.allSections { visit(section.blocks, section.anchor) }
        return result
    }

    /// `{{placeholders}}` of the body and the section holding each.
    static func generatedBlocks(_ document: Document) -> [(String, String)] {
        var result: [(String, String)] = []
        func visit(_ blocks: [Block], _ anchor: String) {
            for block in blocks {
                block.forEachBlock { if case .placeholder(let name, _) = $0 { result.append((name, anchor)) } }
            }
        }
        visit(document.preamble, "")
        for section in document.allSections { visit(section.blocks, section.anchor) }
        return result
    }
}
