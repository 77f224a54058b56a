/// Markdown as docctl uses it: cmark-gfm's tree converted into Swift values, with the
/// docctl extensions (`[[…]]`, `《…》`, `{{…}}`) already recognised and source positions kept.
public indirect enum Block: Sendable, Hashable {
    case heading(level: Int, inlines: [Inline], location: SourceLocation)
    case paragraph([Inline], location: SourceLocation)
    /// A paragraph holding only `{{name}}`: replaced by generated content when rendered.
    case placeholder(name: String, location: SourceLocation)
    case list(ordered: Bool, start: Int, tight: Bool, items: [[Block]])
    case quote([Block])
    case code(info: String, text: String)
    case thematicBreak
    case table(Table)
    /// Raw HTML: kept only to be reported; never rendered.
    case html(String, location: SourceLocation)
}

/// A GitHub table.
public struct Table: Sendable, Hashable {
    public enum Alignment: String, Sendable, Hashable { case none, left, center, right }
    public var alignments: [Alignment]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]
}

/// Inline content.
public indirect enum Inline: Sendable, Hashable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case link(url: String, title: String, children: [Inline], location: SourceLocation)
    case image(url: String, title: String, alt: [Inline], location: SourceLocation)
    case softBreak
    case lineBreak
    case html(String, location: SourceLocation)
    /// `[[8.6.1]]`, `[[QP-04]]`, `[[REC-05]]`.
    case reference(target: String, location: SourceLocation)
    /// `《title》` written out.
    case citedTitle(String, location: SourceLocation)
}

extension Inline {
    /// The text a reader sees, without markup (references shown as written).
    public var plainText: String {
        switch self {
        case .text(let text), .code(let text): text
        case .emphasis(let c), .strong(let c), .strikethrough(let c): c.plainText
        case .link(_, _, let c, _): c.plainText
        case .image(_, _, let alt, _): alt.plainText
        case .softBreak: " "
        case .lineBreak: "\n"
        case .html: ""
        case .reference(let target, _): "[[\(target)]]"
        case .citedTitle(let title, _): "《\(title)》"
        }
    }
}

extension Array where Element == Inline {
    /// Concatenated plain text of the inlines.
    public var plainText: String { map(\.plainText).joined() }
}

extension Block {
    /// Calls `visit` for every inline in this block and its descendants, depth first.
    public func forEachInline(_ visit: (Inline) -> Void) {
        func walk(_ inlines: [Inline]) {
            for inline in inlines {
                visit(inline)
                switch inline {
                case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c, _): walk(c)
                case .image(_, _, let alt, _): walk(alt)
                default: break
                }
            }
        }
        switch self {
        case .heading(_, let inlines, _), .paragraph(let inlines, _): walk(inlines)
        case .list(_, _, _, let items): items.forEach { $0.forEach { $0.forEachInline(visit) } }
        case .quote(let blocks): blocks.forEach { $0.forEachInline(visit) }
        case .table(let table):
            table.header.forEach(walk)
            table.rows.forEach { $0.forEach(walk) }
        case .placeholder, .code, .thematicBreak, .html: break
        }
    }

    /// Calls `visit` for this block and every nested block.
    public func forEachBlock(_ visit: (Block) -> Void) {
        visit(self)
        switch self {
        case .list(_, _, _, let items): items.forEach { $0.forEach { $0.forEachBlock(visit) } }
        case .quote(let blocks): blocks.forEach { $0.forEachBlock(visit) }
        default: break
        }
    }
}
