/// What the importer reads out of `word/document.xml`: paragraphs and tables in order, with the
/// formatting and structure that matter for Markdown.
enum WordBlock {
    case paragraph(WordParagraph)
    case table(WordTable)
}

/// One `w:p`.
struct WordParagraph {
    /// 1-based position among all paragraphs of the document (table cells included), as the
    /// report names it.
    var index: Int
    var style: String?
    var numbering: NumberingReference?
    var outlineLevel: Int?
    var inlines: [WordInline] = []
    /// Inside a TOC field's result or a table-of-contents content control.
    var inTOC = false

    /// The paragraph's text without formatting (line breaks as spaces).
    var plainText: String {
        var text = ""
        for inline in inlines { inline.appendPlain(to: &text) }
        return text
    }

    /// Whether every visible character is bold (a heading typed as a bold line).
    var isAllBold: Bool {
        var any = false
        for inline in inlines {
            if case .text(let text, let bold, _) = inline, !text.allSatisfy(\.isWhitespace) {
                if !bold { return false }
                any = true
            }
        }
        return any
    }

    var images: [WordImageReference] {
        inlines.compactMap { if case .image(let image) = $0 { image } else { nil } }
    }
}

/// A picture in a run: the relationship id of its part and Word's description.
struct WordImageReference {
    var relationshipID: String
    var description: String?
}

/// A piece of a paragraph.
indirect enum WordInline {
    case text(String, bold: Bool, italic: Bool)
    case lineBreak
    case image(WordImageReference)
    case footnote(String)
    case link(url: String, [WordInline])

    func appendPlain(to text: inout String) {
        switch self {
        case .text(let value, _, _): text += value
        case .lineBreak: text += " "
        case .image, .footnote: break
        case .link(_, let children): for child in children { child.appendPlain(to: &text) }
        }
    }
}

/// One `w:tbl`: rows of cells, merges as Word wrote them.
struct WordTable {
    var index: Int
    var rows: [[WordCell]]
}

struct WordCell {
    enum VerticalMerge { case none, restart, `continue` }
    var paragraphs: [WordParagraph]
    var span = 1
    var verticalMerge = VerticalMerge.none
    /// Text of tables nested in this cell (flattened, reported).
    var nestedTables = 0

    var plainText: String {
        paragraphs.map(\.plainText).filter { !$0.isEmpty }.joined(separator: " ")
    }
}
