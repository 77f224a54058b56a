/// Finds places in YAML text that Yams marks do not give: the end of a flow collection and the
/// extent of a one-line scalar value. Knows quotes (`"…\"…"`, `'…''…'`) and `#` comments.
enum YAMLTextScanner {
    /// Where a flow collection ends.
    struct FlowEnd {
        /// The closing `}` or `]`.
        var close: EditableText.Position
        /// Just after the last character before the close that is not blank or a comment.
        var afterLastContent: EditableText.Position
        /// Whether that last character is a `,` (YAML allows a trailing comma).
        var endsWithComma: Bool
    }

    /// The end of the flow collection opened at `open` (a `{` or `[`), or nil when it is not closed.
    static func flowEnd(in text: EditableText, from open: EditableText.Position) -> FlowEnd? {
        guard let first = text.scalar(at: open), first == "{" || first == "[" else { return nil }
        var depth = 0
        var quote: Unicode.Scalar? = nil
        var last = open
        var lastScalar: Unicode.Scalar = first
        var line = open.line
        var column = open.column
        while line <= text.lines.count {
            let scalars = Array(text.content(line).unicodeScalars)
            var index = column - 1
            var previous: Unicode.Scalar = " "
            while index < scalars.count {
                let scalar = scalars[index]
                let position = EditableText.Position(line: line, column: index + 1)
                if let open = quote {
                    // Inside quotes everything is content; `\x` escapes in double quotes skip a scalar.
                    let width = open == "\"" && scalar == "\\" ? 2 : 1
                    if scalar == open && width == 1 { quote = nil }
                    index = min(index + width, scalars.count)
                    last = EditableText.Position(line: line, column: index + 1)
                    lastScalar = scalar
                    previous = scalar
                    continue
                }
                // A quote opens a scalar only where a scalar starts (`don't` is plain text).
                let opensScalar = ["{", "[", ",", ":"].contains(lastScalar)
                switch scalar {
                case "#" where previous == " " || previous == "\t" || index == 0:
                    index = scalars.count
                    continue
                case "\"" where opensScalar, "'" where opensScalar:
                    quote = scalar
                case "{", "[":
                    depth += 1
                case "}", "]":
                    depth -= 1
                    if depth == 0 {
                        return FlowEnd(close: position, afterLastContent: last, endsWithComma: lastScalar == ",")
                    }
                default:
                    break
                }
                if scalar != " " && scalar != "\t" {
                    last = EditableText.Position(line: line, column: index + 2)
                    lastScalar = scalar
                }
                previous = scalar
                index += 1
            }
            line += 1
            column = 1
        }
        return nil
    }

    /// The value written after the key that starts at `key` on its line: from just after `key:`
    /// (and the blanks after it) to the end of the value, before a comment, a `,` or a closing
    /// bracket of a flow collection. Nil when the key is not followed by `:` on its line.
    static func valueRange(in text: EditableText, keyAt key: EditableText.Position, keyText: String,
                           inFlow: Bool) -> (start: EditableText.Position, end: EditableText.Position)? {
        let scalars = Array(text.content(key.line).unicodeScalars)
        var index = key.column - 1 + keyText.unicodeScalars.count
        // A quoted key is longer than its text; skip to the colon.
        while index < scalars.count && (scalars[index] == "\"" || scalars[index] == "'" || scalars[index] == " ") { index += 1 }
        guard index < scalars.count, scalars[index] == ":" else { return nil }
        index += 1
        while index < scalars.count && (scalars[index] == " " || scalars[index] == "\t") { index += 1 }
        let start = index
        var quote: Unicode.Scalar? = nil
        var end = start
        var previous: Unicode.Scalar = " "
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if open == "\"" && scalar == "\\" { index += 2; end = min(index, scalars.count); continue }
                if scalar == open { quote = nil }
                index += 1
                end = index
                continue
            }
            if scalar == "#" && (previous == " " || previous == "\t") { break }
            if inFlow && (scalar == "," || scalar == "}" || scalar == "]") { break }
            if (scalar == "\"" || scalar == "'") && index == start { quote = scalar }
            if scalar != " " && scalar != "\t" { end = index + 1 }
            previous = scalar
            index += 1
        }
        return (EditableText.Position(line: key.line, column: start + 1), EditableText.Position(line: key.line, column: end + 1))
    }
}
