/// Writes Word text as Markdown that reads back as the same text: Markdown's own characters are
/// escaped, and docctl's markers (`[[…]]`, `{{…}}`) are kept literal.
enum MarkdownText {
    /// A zero-width space between two brackets: Word's `[[` and `{{` are text, not docctl syntax.
    static let markerBreak = "\u{200B}"

    /// Escapes `text` for inline Markdown. `inTable` also escapes `|`.
    static func escape(_ text: String, inTable: Bool = false) -> String {
        // Most Word text holds none of these: skip the per-character walk (a third of the import).
        if !text.utf8.contains(where: { byte in
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "~"), UInt8(ascii: "{"), UInt8(ascii: "|"),
                 UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0xC2: true
            default: false
            }
        }) {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        var previous: Character? = nil
        for character in text {
            switch character {
            case "\\", "*", "_", "`", "[", "]", "<", ">", "&", "~":
                if (character == "[" && previous == "[") { result += markerBreak }
                result.append("\\")
                result.append(character)
            case "{":
                if previous == "{" { result += markerBreak }
                result.append(character)
            case "|":
                result += inTable ? "\\|" : "|"
            case "\t", "\u{A0}":
                result.append(" ")
            case "\n", "\r":
                result.append(" ")
            default:
                result.append(character)
            }
            previous = character
        }
        return result
    }

    /// Escapes what would start a block at the beginning of a line: `#`, `-`, `+`, `=`, `1.`, `1)`.
    static func escapeLineStart(_ line: String) -> String {
        guard let first = line.first else { return line }
        if "#+-=".contains(first) { return "\\" + line }
        if first.isASCII, first.isNumber {
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            let rest = line.dropFirst(digits.count)
            if digits.count <= 9, let marker = rest.first, marker == "." || marker == ")" {
                return digits + "\\" + rest
            }
        }
        return line
    }
}
