import CCmarkGFM
import Foundation

/// Parses a Markdown body file with cmark-gfm (safe mode, source positions, GitHub tables).
public enum MarkdownParser {
    private static let registration: Void = { cmark_gfm_core_extensions_ensure_registered() }()
    private static let lock = NSLock()

    /// Parses `text` (already decoded, LF line ends). YAML front matter is blanked out first so
    /// that cmark neither sees it nor shifts line numbers.
    public static func parse(_ text: String, path: String) -> [Block] {
        let body = blankFrontMatter(text)
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
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
        let converter = Converter(path: path, lines: lines)
        return converter.blocks(of: root)
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
    let lines: [Substring]

    func location(_ node: OpaquePointer) -> SourceLocation {
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = Int(cmark_node_get_start_column(node))
        return SourceLocation(path: path, line: line, column: scalarColumn(line: line, byteColumn: byteColumn))
    }

    /// cmark counts columns in UTF-8 bytes; diagnostics count Unicode scalars.
    func scalarColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lines.count, byteColumn > 1 else { return max(byteColumn, 0) }
        let utf8 = lines[line - 1].utf8
        let prefix = utf8.prefix(byteColumn - 1)
        return (String(decoding: prefix, as: UTF8.self).unicodeScalars.count) + 1
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

    func blocks(of node: OpaquePointer) -> [Block] {
        children(node).compactMap(block)
    }

    func block(_ node: OpaquePointer) -> Block? {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines: inlines(of: node), location: location(node))
        case CMARK_NODE_PARAGRAPH:
            let content = inlines(of: node)
            if let name = placeholderName(content) { return .placeholder(name: name, location: location(node)) }
            return .paragraph(content, location: location(node))
        case CMARK_NODE_LIST:
            let items = children(node).map { blocks(of: $0) }
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0,
                         items: items)
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(blocks(of: node))
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
            let nested = blocks(of: node)
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
        let text = content.plainText.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("{{"), text.hasSuffix("}}"), text.count > 4 else { return nil }
        let name = text.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        return name
    }

    func inlines(of node: OpaquePointer) -> [Inline] {
        var raw: [(Inline, SourceLocation)] = []
        for child in children(node) {
            let loc = location(child)
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT: raw.append((.text(literal(child)), loc))
            case CMARK_NODE_CODE: raw.append((.code(literal(child)), loc))
            case CMARK_NODE_EMPH: raw.append((.emphasis(inlines(of: child)), loc))
            case CMARK_NODE_STRONG: raw.append((.strong(inlines(of: child)), loc))
            case CMARK_NODE_SOFTBREAK: raw.append((.softBreak, loc))
            case CMARK_NODE_LINEBREAK: raw.append((.lineBreak, loc))
            case CMARK_NODE_HTML_INLINE: raw.append((.html(literal(child), location: loc), loc))
            case CMARK_NODE_LINK:
                let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                let title = cmark_node_get_title(child).map { String(cString: $0) } ?? ""
                raw.append((.link(url: url, title: title, children: inlines(of: child), location: loc), loc))
            case CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                let title = cmark_node_get_title(child).map { String(cString: $0) } ?? ""
                raw.append((.image(url: url, title: title, alt: inlines(of: child), location: loc), loc))
            default:
                if typeName(child) == "strikethrough" {
                    raw.append((.strikethrough(inlines(of: child)), loc))
                } else {
                    raw.append((.text(literal(child)), loc))
                }
            }
        }
        return InlineExtensions.recognise(raw)
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
    static func split(_ text: String, at start: SourceLocation) -> [Inline] {
        guard text.contains("[[") || text.contains("《") else { return [.text(text)] }
        var result: [Inline] = []
        var pending = ""
        var scalars = Array(text.unicodeScalars)[...]
        var column = start.column
        func location() -> SourceLocation { SourceLocation(path: start.path, line: start.line, column: column) }
        while let first = scalars.first {
            if first == "[", scalars.dropFirst().first == "[",
               let close = closing(of: "]]", in: scalars.dropFirst(2)) {
                let target = String(String.UnicodeScalarView(scalars.dropFirst(2).prefix(close)))
                if !target.isEmpty, !target.contains("[") {
                    if !pending.isEmpty { result.append(.text(pending)); pending = "" }
                    result.append(.reference(target: target.trimmingCharacters(in: .whitespaces), location: location()))
                    let length = close + 4
                    scalars = scalars.dropFirst(length)
                    column += length
                    continue
                }
            }
            if first == "《", let close = scalars.dropFirst().firstIndex(of: "》") {
                let title = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
                if !title.isEmpty, !title.contains("《") {
                    if !pending.isEmpty { result.append(.text(pending)); pending = "" }
                    result.append(.citedTitle(title, location: location()))
                    let length = title.unicodeScalars.count + 2
                    scalars = scalars.dropFirst(length)
                    column += length
                    continue
                }
            }
            pending.unicodeScalars.append(first)
            scalars = scalars.dropFirst()
            column += 1
        }
        if !pending.isEmpty { result.append(.text(pending)) }
        return result
    }

    static func closing(of marker: String, in scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        let needle = Array(marker.unicodeScalars)
        var offset = 0
        var slice = scalars
        while slice.count >= needle.count {
            if Array(slice.prefix(needle.count)) == needle { return offset }
            if slice.first == "\n" { return nil }
            slice = slice.dropFirst()
            offset += 1
            if offset > 200 { return nil }
        }
        return nil
    }
}
