/// A small HTML tree: everything docctl renders is built as nodes first, then serialised with
/// escaping, so no source text can ever become markup.
///
/// Element and attribute names come from docctl's own code, never from sources; every text node
/// and attribute value is escaped when serialised. The same tree becomes XHTML in the XML archive.
public indirect enum HTMLNode: Sendable, Hashable {
    case element(HTMLElement)
    case text(String)

    /// An element in the HTML namespace (or SVG inside an `<svg>`).
    public static func el(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        .element(HTMLElement(name: name, attributes: attributes.map { HTMLAttribute(name: $0.0, value: $0.1) }, children: children))
    }

    /// An element holding only text.
    public static func el(_ name: String, _ attributes: [(String, String)] = [], text: String) -> HTMLNode {
        el(name, attributes, [.text(text)])
    }

    /// The text a reader sees.
    public var textContent: String {
        switch self {
        case .text(let text): text
        case .element(let element): element.children.map(\.textContent).joined()
        }
    }
}

/// An attribute of an ``HTMLElement``.
public struct HTMLAttribute: Sendable, Hashable {
    public var name: String
    public var value: String
}

/// An element of an ``HTMLNode`` tree.
public struct HTMLElement: Sendable, Hashable {
    public var name: String
    public var attributes: [HTMLAttribute]
    public var children: [HTMLNode]

    /// An element; its name and attribute names must be ones docctl writes (checked).
    public init(name: String, attributes: [HTMLAttribute] = [], children: [HTMLNode] = []) {
        precondition(HTMLElement.isValidName(name), "'\(name)' is not an element name docctl writes")
        for attribute in attributes {
            precondition(HTMLElement.isValidName(attribute.name), "'\(attribute.name)' is not an attribute name docctl writes")
        }
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// Names docctl writes: ASCII letters, digits, `-` and `_`, starting with a letter.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// Elements with no end tag in HTML.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                            "source", "track", "wbr"]
}

private extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

/// Serialises ``HTMLNode`` trees as HTML5 text with full escaping.
public enum HTMLSerializer {
    /// The HTML text of `nodes`.
    public static func html(_ nodes: [HTMLNode]) -> String {
        var output = ""
        for node in nodes { write(node, into: &output, svg: false) }
        return output
    }

    /// The nodes as ``SafeHTML`` for a template's `{{{…}}}` slot.
    public static func safe(_ nodes: [HTMLNode]) -> SafeHTML { SafeHTML(trusted: html(nodes)) }

    private static func write(_ node: HTMLNode, into output: inout String, svg: Bool) {
        switch node {
        case .text(let text):
            output += HTMLEscaping.text(text)
        case .element(let element):
            let inSVG = svg || element.name == "svg"
            output += "<" + element.name
            for attribute in element.attributes {
                output += " " + attribute.name + "=\"" + HTMLEscaping.attribute(attribute.value) + "\""
            }
            if inSVG && element.children.isEmpty {
                output += "/>"
                return
            }
            output += ">"
            if !inSVG && HTMLElement.voidElements.contains(element.name) { return }
            for child in element.children { write(child, into: &output, svg: inSVG) }
            output += "</" + element.name + ">"
        }
    }
}

/// Escaping for HTML text, attributes, CSS strings and URLs.
public enum HTMLEscaping {
    /// Text content: `&`, `<`, `>`, `"` and `'` become references; characters HTML forbids are dropped.
    public static func text(_ text: String) -> String {
        // Most text needs nothing: one pass over its bytes, no copy.
        if !mayNeedEscaping(text, markup: true) { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default:
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// `text` without the characters ``isAllowed(_:)`` refuses (a rendered template).
    static func removingForbidden(_ text: String) -> String {
        if !mayNeedEscaping(text, markup: false) { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter(isAllowed)))
    }

    /// False when `text` certainly holds no character ``isAllowed(_:)`` refuses and, with
    /// `markup`, none of `&<>"'`. Reads UTF-8 bytes; may answer true for allowed text (a
    /// plane's last characters), which then takes the scalar-by-scalar path.
    static func mayNeedEscaping(_ text: String, markup: Bool) -> Bool {
        text.withUTF8Bytes { mayNeedEscaping(bytes: $0, markup: markup) }
    }

    private static func mayNeedEscaping(bytes: UnsafeBufferPointer<UInt8>, markup: Bool) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x09, 0x0A:
                break
            case 0x00...0x1F, 0x7F:
                return true
            case 0x22, 0x26, 0x27, 0x3C, 0x3E:
                if markup { return true }
            case 0xC2:  // U+0080…U+00BF: C1 controls are U+0080…U+009F
                if index + 1 < count, bytes[index + 1] <= 0x9F { return true }
            case 0xEF:  // U+F000…U+FFFF: U+FDD0…U+FDEF and U+FFFE/U+FFFF are non-characters
                if index + 2 < count {
                    let second = bytes[index + 1], third = bytes[index + 2]
                    if second == 0xB7 && (0x90...0xAF).contains(third) { return true }
                    if second == 0xBF && third >= 0xBE { return true }
                }
            case 0xF0...0xF4:  // a plane's last two code points are non-characters
                if index + 2 < count, bytes[index + 2] == 0xBF { return true }
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// Attribute values (always double-quoted by the serialiser).
    public static func attribute(_ value: String) -> String { text(value) }

    /// Control characters other than tab and line feed, and non-characters, never reach a page.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: true
        case 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: false
        case 0xFDD0...0xFDEF: false
        default: scalar.value & 0xFFFE != 0xFFFE
        }
    }

    /// A CSS string literal (with quotes) that cannot end the string, the rule or the `<style>`
    /// element: every ASCII character other than letters, digits and spaces is hex-escaped.
    public static func cssString(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars where isAllowed(scalar) && scalar != "\n" && scalar != "\t" {
            if scalar.isASCII && !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " ") {
                output += "\\" + String(scalar.value, radix: 16) + " "
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    /// The URL when it may become an `href`: http, https, mailto, or relative (no scheme).
    /// Anything else (`javascript:`, `data:`, `vbscript:`, `file:`) is refused.
    public static func safeURL(_ url: String) -> String? {
        // Browsers ignore leading/trailing C0 controls and spaces, and tabs/newlines anywhere.
        let cleaned = String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard !cleaned.isEmpty else { return nil }
        let lower = cleaned.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { return cleaned }
        // Relative: no ':' before the first '/', '?' or '#'.
        let head = lower.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if head.contains(":") { return nil }
        if lower.hasPrefix("\\") || lower.hasPrefix("/\\") { return nil }
        return cleaned
    }
}

/// HTML that docctl produced and escaped itself: the only kind of value a template may put in a
/// triple-mustache slot. It cannot be created from a plain string outside this module.
public struct SafeHTML: Sendable, Hashable, CustomStringConvertible {
    public let html: String

    init(trusted html: String) { self.html = html }

    public static let empty = SafeHTML(trusted: "")

    public var description: String { html }
    public var isEmpty: Bool { html.isEmpty }
}
