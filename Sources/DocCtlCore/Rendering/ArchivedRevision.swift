import Foundation

/// A document revision read back from its XML archive (`<number>_<L-N>.xml`): what `publish`
/// needs to re-render a superseded revision and `diff` needs to compare two revisions, without
/// the sources.
public struct ArchivedRevision: Sendable {
    /// One approval step.
    public struct Approval: Sendable, Hashable {
        public var role: String
        public var name: String?
        public var date: String?
    }

    /// One history entry.
    public struct HistoryEntry: Sendable, Hashable {
        public var revision: String
        public var date: String?
        public var sections: String
        public var change: String
        public var author: String
        public var approver: String
        public var digest: String?
    }

    /// One section with its own content (XHTML and plain text) and its subsections.
    public struct Section: Sendable {
        public var anchor: String
        public var level: Int
        public var number: String?
        public var title: String
        public var clauses: [String]
        public var isAppendix: Bool
        public var body: [XMLElement]
        public var text: String
        public var children: [Section]

        /// This section and all its descendants, in document order.
        public var flattened: [Section] { [self] + children.flatMap(\.flattened) }
    }

    /// One place the body shows an image (the archive's `<images>`; none in archives written
    /// before docctl knew images).
    public struct Image: Sendable, Hashable {
        /// The anchor of the section showing it, `""` for the preamble.
        public var from: String
        public var source: String
        /// The archived copy, relative to the revision folder (`media/<16 hex>.png`).
        public var file: String
        public var sha256: String
        public var alt: String
    }

    public var number: String
    public var revision: String
    public var language: Language
    public var built: String
    public var title: String
    public var type: DocumentType
    public var organizationName: String
    public var organizationShort: String
    public var ownerID: String?
    public var ownerName: String?
    public var classification: String?
    public var state: ControlStatus.State
    public var isDraft: Bool
    public var declaredControlled: Bool
    public var reasons: [ControlStatus.Reason]
    public var follows: String?
    public var issued: String?
    public var effective: String?
    public var digest: String
    public var standardID: String
    public var standard: String
    public var clauses: [String]
    public var records: [(id: String, title: String)]
    public var approvals: [Approval]
    public var distribution: [(copy: String, holder: String)]
    public var history: [HistoryEntry]
    public var preambleBody: [XMLElement]
    public var preambleText: String
    public var sections: [Section]
    public var images: [Image] = []

    /// Every section in document order.
    public var allSections: [Section] { sections.flatMap(\.flattened) }

    /// Reads an archive; with a schema, it must also be valid against it.
    public static func read(_ data: Data, path: String, schema: XMLSchema? = nil) throws(XMLError) -> ArchivedRevision {
        let root = try XMLReader.parse(data, path: path, schema: schema)
        func fail(_ message: String) -> XMLError {
            XMLError(kind: .invalidDocument, path: path, issues: [XMLIssue(severity: .error, line: root.line, message: message)])
        }
        guard root.name == "document", root.namespace == DocumentArchive.namespace else {
            throw fail("not a docctl document archive (root element \(root.name) in \(root.namespace ?? "no namespace"))")
        }
        guard let control = root.firstElement(named: "control"), let status = control.firstElement(named: "status") else {
            throw fail("the archive has no control block")
        }
        func text(_ element: XMLElement?, _ name: String) -> String? { element?.firstElement(named: name)?.textContent }
        func section(_ element: XMLElement) -> Section {
            Section(anchor: element.attribute("anchor") ?? "", level: Int(element.attribute("level") ?? "") ?? 1,
                    number: element.attribute("number"), title: text(element, "title") ?? "",
                    clauses: element.firstElement(named: "clauses")?.elements(named: "clause").map(\.textContent) ?? [],
                    isAppendix: element.attribute("appendix") == "true",
                    body: element.firstElement(named: "body")?.childElements ?? [], text: text(element, "text") ?? "",
                    children: element.elements(named: "section").map(section))
        }
        let owner = control.firstElement(named: "owner")
        let standard = control.firstElement(named: "standard")
        let preamble = root.firstElement(named: "preamble")
        return ArchivedRevision(
            number: root.attribute("number") ?? "", revision: root.attribute("revision") ?? "",
            language: Language(rawValue: root.attribute("language") ?? "") ?? .zhCN, built: root.attribute("built") ?? "",
            title: text(control, "title") ?? "", type: DocumentType(rawValue: text(control, "type") ?? "") ?? .procedure,
            organizationName: control.firstElement(named: "organization")?.attribute("name") ?? "",
            organizationShort: control.firstElement(named: "organization")?.attribute("short") ?? "",
            ownerID: owner?.attribute("id"), ownerName: owner?.textContent, classification: text(control, "classification"),
            state: ControlStatus.State(rawValue: status.attribute("state") ?? "") ?? .draft,
            isDraft: status.attribute("draft") == "true", declaredControlled: status.attribute("declared") == "controlled",
            reasons: status.elements(named: "reason").compactMap { ControlStatus.Reason(rawValue: $0.textContent) },
            follows: status.attribute("follows"), issued: text(control, "issued"), effective: text(control, "effective"),
            digest: text(control, "digest") ?? "", standardID: standard?.attribute("id") ?? "", standard: standard?.textContent ?? "",
            clauses: control.firstElement(named: "clauses")?.elements(named: "clause").map(\.textContent) ?? [],
            records: control.firstElement(named: "records")?.elements(named: "record").map { ($0.attribute("id") ?? "", $0.textContent) } ?? [],
            approvals: root.firstElement(named: "approvals")?.elements(named: "approval").map {
                Approval(role: $0.attribute("role") ?? "", name: $0.attribute("name"), date: $0.attribute("date"))
            } ?? [],
            distribution: root.firstElement(named: "distribution")?.elements(named: "copy").map {
                ($0.attribute("number") ?? "", $0.attribute("holder") ?? "")
            } ?? [],
            history: root.firstElement(named: "history")?.elements(named: "entry").map {
                HistoryEntry(revision: $0.attribute("revision") ?? "", date: $0.attribute("date"), sections: text($0, "sections") ?? "",
                             change: text($0, "change") ?? "", author: $0.attribute("author") ?? "",
                             approver: $0.attribute("approver") ?? "", digest: $0.attribute("digest"))
            } ?? [],
            preambleBody: preamble?.firstElement(named: "body")?.childElements ?? [], preambleText: text(preamble, "text") ?? "",
            sections: root.firstElement(named: "sections")?.elements(named: "section").map(section) ?? [],
            images: root.firstElement(named: "images")?.elements(named: "image").map {
                Image(from: $0.attribute("from") ?? "", source: $0.attribute("source") ?? "", file: $0.attribute("file") ?? "",
                      sha256: $0.attribute("sha256") ?? "", alt: text($0, "alt") ?? "")
            } ?? [])
    }

    /// The XHTML of the whole body back as HTML nodes: `<section id=…>` with numbered headings, as
    /// on the page it was archived from. Only elements and attributes docctl writes are kept, and
    /// links keep only safe targets, so an edited archive cannot inject markup either.
    public func bodyNodes() -> [HTMLNode] {
        func render(_ section: Section) -> HTMLNode {
            var heading: [HTMLNode] = []
            if let number = section.number { heading.append(.el("span", [("class", "secnum")], text: number)) }
            heading.append(.el("span", [("class", "sectitle")], text: section.title))
            // The same heading as MarkdownRenderer.heading(_:) wrote on the original page.
            var headingAttributes: [(String, String)] = []
            if !section.clauses.isEmpty, section.clauses != [section.number ?? ""] {
                headingAttributes.append(("data-clauses", section.clauses.joined(separator: " ")))
            }
            let content = [HTMLNode.el("h\(min(max(section.level, 1) + 1, 6))", headingAttributes, heading)]
                + section.body.compactMap(ArchivedRevision.html) + section.children.map(render)
            return .el("section", [("id", section.anchor),
                                   ("class", "section level-\(section.level)" + (section.isAppendix ? " appendix" : ""))], content)
        }
        return preambleBody.compactMap(ArchivedRevision.html) + sections.map(render)
    }

    static let allowedElements: Set<String> = [
        "p", "a", "span", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "br", "hr", "table", "thead",
        "tbody", "tr", "th", "td", "h2", "h3", "h4", "h5", "h6", "div", "section", "svg", "g", "rect", "path", "text", "tspan",
        "title", "figure", "figcaption", "img",
    ]
    static let allowedAttributes: Set<String> = [
        "href", "class", "title", "id", "start", "scope", "rel", "xmlns", "role", "aria-label", "viewBox", "width", "height",
        "x", "y", "rx", "d", "text-anchor", "data-clauses", "src", "alt", "loading",
    ]

    /// An archived XHTML element as an HTML node, or nil when it is not something docctl writes.
    static func html(_ element: XMLElement) -> HTMLNode? {
        guard allowedElements.contains(element.name),
              element.namespace == DocumentArchive.xhtmlNamespace || element.namespace == DocumentArchive.svgNamespace else {
            return nil
        }
        var attributes: [(String, String)] = []
        if element.name == "svg" { attributes.append(("xmlns", DocumentArchive.svgNamespace)) }
        for attribute in element.attributes where attribute.namespace == nil && allowedAttributes.contains(attribute.name) && attribute.name != "xmlns" {
            if attribute.name == "href" {
                guard let safe = HTMLEscaping.safeURL(attribute.value) else { continue }
                attributes.append(("href", safe))
            } else if attribute.name == "src" {
                // Only the revision's own archived images (`media/<16 hex>.<ext>`), never a URL.
                guard DocumentImage.isArchivedPath(attribute.value) else { return nil }
                attributes.append(("src", attribute.value))
            } else {
                attributes.append((attribute.name, attribute.value))
            }
        }
        let children = element.children.compactMap { child -> HTMLNode? in
            switch child {
            case .text(let text): .text(text)
            case .element(let element): html(element)
            }
        }
        return .el(element.name, attributes, children)
    }
}
