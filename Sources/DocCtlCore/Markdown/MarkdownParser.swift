import CCmarkGFM
import Foundation

/// Parses a Markdown body file with cmark-gfm (safe mode, source positions, GitHub tables).
public enum MarkdownParser {
    private static let registration: Void = { cmark_gfm_core_extensions_ensure_registered() }()
    private static let lock = NSLock()
    /// Blocks and inlines nested deeper than this are kept as plain text: converting 5 000 nested
    /// list items recursively overflowed the stack.
    public static let maximumNesting = 64

    /// Parses `text` (already decoded, LF line ends). YAML front matter is blanked out first so
    /// that cmark neither sees it nor shifts line numbers.
    public static func parse(_ text: String, path: String) -> [Block] {
        let body = blankFrontMatter(text)
        let lines = lines(of: body)
        let root: OpaquePointer? = lock.withLock {
            _ = registration
            guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS) else { return nil }
            defer { cmark_parser_free(parser) }
            for name in ["table", "strikethrough"] {
                if let extensionPointer = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, extensionPointer)
                }
            }
            var utf8 = Array(body.utf8)
            utf8.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
            return cmark_parser_finish(parser)
        }
        guard let root else { return [] }
        defer { cmark_node_free(root) }
        let converter = Converter(path: path, columns: ScalarColumns(lines: lines))
        return converter.blocks(of: root)
    }

    /// `text` split at each LF. Byte by byte, unless a CR is present: `"\r\n"` is one `Character`,
    /// so splitting on the `Character` `"\n"` keeps it whole, and that form is kept for such text.
    static func lines(of text: String) -> [Substring] {
        let lineFeeds: [Int]? = text.withUTF8Bytes { bytes in
            guard !bytes.contains(UInt8(ascii: "\r")) else { return nil }
            return bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }
        }
        guard let lineFeeds else { return text.split(separator: "\n", omittingEmptySubsequences: false) }
        let utf8 = text.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(lineFeeds.count + 1)
        var start = utf8.startIndex
        for offset in lineFeeds {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(Substring(utf8[start..<end]))
            start = utf8.index(after: end)
        }
        lines.append(Substring(utf8[start...]))
        return lines
    }

    /// Replaces a leading `---` … `---` YAML block by empty lines.
    static func blankFrontMatter(_ text: String) -> String {
        guard text.hasPrefix("---\n") else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let end = lines.indices.dropFirst().first(where: { lines[$0] == "---" || lines[$0] == "..." }) else {
            return text
        }
        for index in 0...end { lines[index] = "" }
        return lines.joined(separator: "\n")
    }
}

/// Walks a cmark tree once and builds ``Block``/``Inline`` values.
private struct Converter {
    let path: String
    let columns: ScalarColumns

    func location(_ node: OpaquePointer) -> SourceLocation {
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = Int(cmark_node_get_start_column(node))
        return SourceLocation(path: path, line: line, column: columns.scalarColumn(line: line, byteColumn: byteColumn))
    }

    func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    func blocks(of node: OpaquePointer, depth: Int = 0) -> [Block] {
        if depth > MarkdownParser.maximumNesting { return [.paragraph([.text(plainText(node))], location: location(node))] }
        return children(node).compactMap { block($0, depth: depth) }
    }

    /// The text under `node`, read with cmark's iterator (no recursion, whatever the depth).
    func plainText(_ node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += literal(current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    func block(_ node: OpaquePointer, depth: Int = 0) -> Block? {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines: inlines(of: node), location: location(node))
        case CMARK_NODE_PARAGRAPH:
            let content = inlines(of: node)
            if let name = placeholderName(content) { return .placeholder(name: name, location: location(node)) }
            return .paragraph(content, location: location(node))
        case CMARK_NODE_LIST:
            let items = children(node).map { blocks(of: $0, depth: depth + 1) }
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0,
                         items: items)
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(blocks(of: node, depth: depth + 1))
        case CMARK_NODE_CODE_BLOCK:
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            return .code(info: info, text: literal(node))
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        case CMARK_NODE_HTML_BLOCK:
            return .html(literal(node), location: location(node))
        default:
            if typeName(node) == "table" { return table(node) }
            // Footnote definitions and unknown extension blocks: keep their content as blocks.
            let nested = blocks(of: node, depth: depth + 1)
            return nested.isEmpty ? nil : .quote(nested)
        }
    }

    func table(_ node: OpaquePointer) -> Block {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [Table.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for index in 0..<columns {
                switch raw[index] {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header: [[Inline]] = []
        var rows: [[[Inline]]] = []
        for row in children(node) {
            let cells = children(row).map { inlines(of: $0) }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
        }
        return .table(Table(alignments: alignments, header: header, rows: rows))
    }

    func placeholderName(_ content: [Inline]) -> String? {
        let plain = content.plainText
        // Nearly every paragraph is prose: without a `{` it cannot be `{{name}}`, so skip the trimming.
        guard plain.containsUTF8(UInt8(ascii: "{")) else { return nil }
        // Whitespace.trimming: Foundation's trimming was an eighth of checking a body of 200 000 placeholders.
        let text = Whitespace.trimming(plain)
        guard text.hasPrefix("{{"), text.hasSuffix("}}"), text.count > 4 else { return nil }
        let name = Whitespace.trimming(String(text.dropFirst(2).dropLast(2)))
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        return name
    }

    func inlines(of node: OpaquePointer, depth: Int = 0) -> [Inline] {
        if depth > MarkdownParser.maximumNesting { return [.text(plainText(node))] }
        var raw: [(Inline, SourceLocation)] = []
        for child in children(node) {
            let loc = location(child)
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT: raw.append((.text(literal(child)), loc))
            case CMARK_NODE_CODE: raw.append((.code(literal(child)), loc))
            case CMARK_NODE_EMPH: raw.append((.emphasis(inlines(of: child, depth: depth + 1)), loc))
            case CMARK_NODE_STRONG: raw.append((.strong(inlines(of: child, depth: depth + 1)), loc))
            case CMARK_NODE_SOFTBREAK: raw.append((.softBreak, loc))
            case CMARK_NODE_LINEBREAK: raw.append((.lineBreak, loc))
            case CMARK_NODE_HTML_INLINE: raw.append((.html(literal(child), location: loc), loc))
            case CMARK_NODE_LINK:
                let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                let title = cmark_node_get_title(child).map { String(cString: $0) } ?? ""
                raw.append((.link(url: url, title: title, children: inlines(of: child, depth: depth + 1), location: loc), loc))
            case CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                let title = cmark_node_get_title(child).map { String(cString: $0) } ?? ""
                raw.append((.image(url: url, title: title, alt: inlines(of: child, depth: depth + 1), location: loc), loc))
            default:
                if typeName(child) == "strikethrough" {
                    raw.append((.strikethrough(inlines(of: child, depth: depth + 1)), loc))
                } else {
                    raw.append((.text(literal(child)), loc))
                }
            }
        }
        return InlineExtensions.recognise(raw)
    }
}

/// Turns cmark's byte columns into the scalar columns diagnostics use, line by line.
///
/// Decoding the line up to each node's column was quadratic: `'*a* '` × 50 000 on one line has
/// 100 000 nodes, each decoding up to 200 KB (37 s). A line is looked at once, when a node on it
/// first asks: an ASCII line needs nothing (bytes are scalars); any other gets a table of the
/// scalar count before each byte.
final class ScalarColumns {
    let lines: [Substring]
    /// Line number → scalars before each byte offset (nil: the line is ASCII).
    private var tables: [Int: [Int32]?] = [:]

    init(lines: [Substring]) { self.lines = lines }

    /// cmark counts columns in UTF-8 bytes (1-based); diagnostics count Unicode scalars.
    func scalarColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lines.count, byteColumn > 1 else { return max(byteColumn, 0) }
        let table: [Int32]?
        if let known = tables[line] {
            table = known
        } else {
            table = ScalarColumns.table(lines[line - 1])
            tables[line] = table
        }
        guard let table else { return min(byteColumn, lines[line - 1].utf8.count + 1) }
        return Int(table[min(byteColumn - 1, table.count - 1)]) + 1
    }

    /// Scalars before each byte offset `0...count` of `line`, or nil when every byte is ASCII.
    static func table(_ line: Substring) -> [Int32]? {
        let utf8 = line.utf8
        guard utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        var table: [Int32] = []
        table.reserveCapacity(utf8.count + 1)
        var scalars: Int32 = 0
        for byte in utf8 {
            table.append(scalars)
            if byte & 0xC0 != 0x80 { scalars += 1 }
        }
        table.append(scalars)
        return table
    }
}

/// Finds `[[…]]` and `《…》` in runs of adjacent text nodes (cmark splits text at brackets).
enum InlineExtensions {
    static func recognise(_ raw: [(Inline, SourceLocation)]) -> [Inline] {
        var result: [Inline] = []
        var run = ""
        var runStart: SourceLocation? = nil
        func flush() {
            guard let start = runStart else { return }
            result.append(contentsOf: split(run, at: start))
            run = ""
            runStart = nil
        }
        for (inline, location) in raw {
            if case .text(let text) = inline {
                if runStart == nil { runStart = location }
                run += text
            } else {
                flush()
                result.append(inline)
            }
        }
        flush()
        return result
    }

    /// Splits one text run into text, references and cited titles. Columns advance by scalars.
    ///
    /// Works on the UTF-8 bytes: the markers' first bytes (`[`, `]`, E3 of `《` and `》`) only ever
    /// start a scalar, so every match is on a scalar boundary and pieces are whole scalars.
    static func split(_ text: String, at start: SourceLocation) -> [Inline] {
        guard containsMarker(text) else { return [.text(text)] }
        let bytes = Array(text.utf8)
        let count = bytes.count
        func piece(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func scalars(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
        /// At most `maximumLength` scalars. A scalar is 1 to 4 bytes, so only ranges of between 1 and 4
        /// times that many bytes are counted: a run of unclosed `[[` far from its `]]` stays linear.
        func fits(_ range: Range<Int>) -> Bool {
            range.count <= maximumLength || (range.count <= 4 * maximumLength && scalars(range) <= maximumLength)
        }
        func holds(_ range: Range<Int>, _ marker: [UInt8]) -> Bool {
            range.count >= marker.count && range.indices.dropLast(marker.count - 1).contains { bytes[$0...].starts(with: marker) }
        }
        var references = MarkerFinder(bytes, closing: Self.referenceClose), titles = MarkerFinder(bytes, closing: Self.titleClose)
        var result: [Inline] = []
        var index = 0
        var pendingStart = 0  // the text before `index` not yet in `result` starts here
        var column = start.column
        func location() -> SourceLocation { SourceLocation(path: start.path, line: start.line, column: column) }
        func flushPending(upTo end: Int) { if pendingStart < end { result.append(.text(piece(pendingStart..<end))) } }
        while index < count {
            let byte = bytes[index]
            if byte == 0x5B, index + 1 < count, bytes[index + 1] == 0x5B,
               let end = references.next(from: index + 2), fits((index + 2)..<end) {
                let inner = (index + 2)..<end
                if !inner.isEmpty, !bytes[inner].contains(0x5B) {
                    flushPending(upTo: index)
                    result.append(.reference(target: Whitespace.trimming(piece(inner)), location: location()))
                    column += scalars(index..<(end + 2))
                    index = end + 2
                    pendingStart = index
                    continue
                }
            }
            if byte == 0xE3, bytes[index...].starts(with: Self.titleOpen),
               let end = titles.next(from: index + 3), fits((index + 3)..<end) {
                let inner = (index + 3)..<end
                if !inner.isEmpty, !holds(inner, Self.titleOpen) {
                    flushPending(upTo: index)
                    result.append(.citedTitle(piece(inner), location: location()))
                    column += scalars(index..<(end + 3))
                    index = end + 3
                    pendingStart = index
                    continue
                }
            }
            if byte & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        flushPending(upTo: count)
        return result
    }

    static let referenceClose: [UInt8] = Array("]]".utf8)
    static let titleOpen: [UInt8] = Array("《".utf8)
    static let titleClose: [UInt8] = Array("》".utf8)

    /// Whether `text` holds `[[` or `《` (E3 80 8A), found in its UTF-8 bytes. Markers are scalars,
    /// as the split below reads them (`[[` before a combining mark is still a marker).
    static func containsMarker(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            var previous: UInt8 = 0, beforePrevious: UInt8 = 0
            for byte in bytes {
                if byte == UInt8(ascii: "[") && previous == UInt8(ascii: "[") { return true }
                if byte == 0x8A && previous == 0x80 && beforePrevious == 0xE3 { return true }
                (beforePrevious, previous) = (previous, byte)
            }
            return false
        }
    }

    /// References and cited titles are at most this many scalars long.
    static let maximumLength = 200

    /// Finds the next `]]` or `》` at or after a position, stopping at a line end, and remembers
    /// its answer: a run of 100 000 unclosed `[[` or `《` is scanned once, not once per bracket
    /// (which took minutes).
    struct MarkerFinder {
        let bytes: [UInt8]
        let needle: [UInt8]
        /// The last answer holds for every position in `from...upTo`.
        private var from = Int.max, upTo = -1, answer: Int? = nil

        init(_ bytes: [UInt8], closing needle: [UInt8]) {
            self.bytes = bytes
            self.needle = needle
        }

        /// The byte offset where the marker next starts, or nil when a line end or the end comes first.
        mutating func next(from position: Int) -> Int? {
            if position >= from && position <= upTo { return answer }
            var index = position
            while index + needle.count <= bytes.count {
                if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) {
                    (from, upTo, answer) = (position, index, index)
                    return index
                }
                if bytes[index] == 0x0A {
                    (from, upTo, answer) = (position, index, nil)
                    return nil
                }
                index += 1
            }
            (from, upTo, answer) = (position, Int.max, nil)
            return nil
        }
    }
}
