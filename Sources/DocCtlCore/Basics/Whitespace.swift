/// Trimming of blanks, shared by the YAML reader, the Markdown reference split, the loaders and the
/// archive's plain text. Pure Swift: Foundation's `trimmingCharacters(in:)` and `CharacterSet`
/// lookups convert to UTF-16 and were a visible part of `check`.
public enum Whitespace {
    /// A member of `CharacterSet.whitespaces`: Unicode general category Zs (space separators:
    /// space, no-break space, the ideographic space U+3000, …), the tab, and the zero-width space
    /// U+200B, which Foundation counts as well.
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || scalar == "\t" }
        return scalar.value == 0x200B || scalar.properties.generalCategory == .spaceSeparator
    }

    /// A member of `CharacterSet.whitespacesAndNewlines`: ``isSpace(_:)``, the line and paragraph
    /// separators, and U+000A–U+000D and U+0085.
    public static func isSpaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85: return true
        case 0..<0x80: return scalar == " " || scalar == "\t"
        case 0x200B: return true
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    /// `text.trimmingCharacters(in: .whitespaces)`: spaces and tabs off both ends (not line ends).
    public static func trimming(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        return isSpace(first) || isSpace(last) ? trimming(text[...]) : text
    }

    /// ``trimming(_:)-(String)`` of a slice.
    public static func trimming(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// Whether `text` holds nothing but spaces and line ends (`""`, `" "`, `"\u{3000}\n"`): a
    /// required value written so is missing.
    public static func isBlank(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy(isSpaceOrNewline)
    }
}
