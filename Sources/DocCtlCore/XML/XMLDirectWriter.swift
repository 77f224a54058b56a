import Foundation

/// Writes an ``XMLElement`` tree as the very bytes ``XMLWriter/serialize(_:)`` gets from libxml2
/// (`xmlDocDumpFormatMemoryEnc`, UTF-8, two-space indentation), in one pass over the Swift tree,
/// without building, dumping and freeing a libxml2 tree — which was a fifth of a `build` of large
/// documents (``DocumentArchive``).
///
/// The rules are libxml2 2.9's, kept exactly (``XMLDirectWriterTests`` compares the two writers on
/// generated trees and on every archive of the example):
/// - the declaration `<?xml version="1.0" encoding="UTF-8"?>`, the root element, a line feed;
/// - an element without children (empty text is no child) is `<name/>`;
/// - an element whose children are all elements puts each child on its own line, indented by two
///   spaces a level (at most 30 levels: libxml2's `MAX_INDENT`); an element with a text child is
///   written without any added whitespace down to its end tag;
/// - `xmlns="…"` where the default namespace changes (`xmlns=""` when it is left), before the attributes;
/// - text escapes `<`, `>`, `&` and CR (`&#13;`); attribute values also `"`, LF, CR and tab;
/// - characters XML 1.0 forbids are written as U+FFFD, as ``XMLWriter`` does.
///
/// Returns nil for what libxml2 itself would have to judge — a name that is not a plain ASCII XML
/// name, an attribute in a namespace, an attribute named twice, a quote in a namespace URI — and
/// the caller takes ``XMLWriter`` then.
enum XMLDirectWriter {
    static func serialize(_ root: XMLElement) -> Data? {
        var writer = Output()
        writer.bytes.reserveCapacity(64 << 10)
        writer.append(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        writer.bytes.append(0x0A)
        guard writer.write(root, inScope: nil, level: 0, formatted: true) else { return nil }
        writer.bytes.append(0x0A)
        return Data(writer.bytes)
    }

    /// libxml2's `MAX_INDENT` (60) over the indentation's two spaces.
    static let deepestIndentation = 30

    private struct Output {
        var bytes: [UInt8] = []

        mutating func append(_ text: String) {
            text.withUTF8Bytes { bytes.append(contentsOf: $0) }
        }

        mutating func indent(_ level: Int) {
            bytes.append(contentsOf: repeatElement(0x20, count: 2 * min(level, XMLDirectWriter.deepestIndentation)))
        }

        /// The element at `level`, whose parent has `inScope` as default namespace; `formatted`
        /// when no ancestor holds text.
        mutating func write(_ element: XMLElement, inScope: String?, level: Int, formatted: Bool) -> Bool {
            guard XMLDirectWriter.isPlainName(element.name) else { return false }
            bytes.append(0x3C) // <
            append(element.name)
            let namespace = element.namespace.flatMap { $0.isEmpty ? nil : $0 }
            if let namespace {
                if namespace != inScope {
                    guard !namespace.utf8.contains(0x22), !namespace.utf8.contains(0x27) else { return false }
                    append(#" xmlns=""#)
                    append(namespace)
                    bytes.append(0x22)
                }
            } else if inScope != nil {
                append(#" xmlns="""#)
            }
            let attributes = element.attributes
            for (index, attribute) in attributes.enumerated() {
                guard attribute.namespace?.isEmpty ?? true, XMLDirectWriter.isPlainName(attribute.name), attribute.name != "xmlns",
                      !attributes[..<index].contains(where: { $0.name == attribute.name }) else { return false }
                bytes.append(0x20)
                append(attribute.name)
                bytes.append(0x3D) // =
                bytes.append(0x22)
                escape(attribute.value, attribute: true)
                bytes.append(0x22)
            }
            var hasChild = false, hasText = false
            for child in element.children {
                switch child {
                case .element: hasChild = true
                case .text(let text):
                    if !text.isEmpty { hasChild = true; hasText = true }
                }
            }
            guard hasChild else {
                bytes.append(0x2F) // /
                bytes.append(0x3E)
                return true
            }
            let inside = formatted && !hasText
            bytes.append(0x3E) // >
            if inside { bytes.append(0x0A) }
            for child in element.children {
                switch child {
                case .element(let child):
                    if inside { indent(level + 1) }
                    guard write(child, inScope: namespace, level: level + 1, formatted: inside) else { return false }
                    if inside { bytes.append(0x0A) }
                case .text(let text):
                    escape(text, attribute: false)
                }
            }
            if inside { indent(level) }
            bytes.append(0x3C)
            bytes.append(0x2F) // </
            append(element.name)
            bytes.append(0x3E)
            return true
        }

        /// Appends `text` escaped as libxml2 escapes text (`attribute` false) or an attribute value,
        /// with every character XML 1.0 forbids as U+FFFD.
        mutating func escape(_ text: String, attribute: Bool) {
            text.withUTF8Bytes { source in
                var start = 0, index = 0
                let count = source.count
                func flush(_ end: Int) {
                    if end > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<end])) }
                }
                while index < count {
                    let byte = source[index]
                    let replacement: StaticString?
                    var length = 1
                    switch byte {
                    case 0x3C: replacement = "&lt;"
                    case 0x3E: replacement = "&gt;"
                    case 0x26: replacement = "&amp;"
                    case 0x0D: replacement = "&#13;"
                    case 0x22: replacement = attribute ? "&quot;" : nil
                    case 0x0A: replacement = attribute ? "&#10;" : nil
                    case 0x09: replacement = attribute ? "&#9;" : nil
                    case 0x00 ..< 0x20: replacement = "\u{FFFD}"
                    case 0xEF where index + 2 < count && source[index + 1] == 0xBF && source[index + 2] >= 0xBE:
                        replacement = "\u{FFFD}"
                        length = 3
                    default: replacement = nil
                    }
                    if let replacement {
                        flush(index)
                        replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                        index += length
                        start = index
                    } else {
                        index += 1
                    }
                }
                flush(count)
            }
        }
    }

    /// An ASCII XML name without a colon (what libxml2's NCName test accepts, restricted to ASCII).
    static func isPlainName(_ name: String) -> Bool {
        name.withUTF8Bytes { bytes in
            guard let first = bytes.first, first == 0x5F || (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else { return false }
            return bytes.allSatisfy { byte in
                let lower = byte | 0x20
                return lower >= 0x61 && lower <= 0x7A || byte >= 0x30 && byte <= 0x39 || byte == 0x2D || byte == 0x5F || byte == 0x2E
            }
        }
    }
}
