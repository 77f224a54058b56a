/// Writes values as YAML scalars: plain where that reads back as the same text, quoted otherwise.
enum YAMLScalarText {
    /// How a value is written.
    enum Style {
        case plain, singleQuoted, doubleQuoted
    }

    /// `value` as a plain scalar when that is safe, otherwise double-quoted. In a flow collection
    /// (`inFlow`) the flow indicators `, [ ] { }` and `:` also force quotes.
    static func format(_ value: String, inFlow: Bool) -> String {
        isPlainSafe(value, inFlow: inFlow) ? value : doubleQuoted(value)
    }

    /// `value` in the given style, falling back to double quotes when plain is not safe.
    static func format(_ value: String, style: Style, inFlow: Bool) -> String {
        switch style {
        case .plain: format(value, inFlow: inFlow)
        case .doubleQuoted: doubleQuoted(value)
        case .singleQuoted:
            value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\u{7F}" }
                ? "'" + value.replacingOccurrences(of: "'", with: "''") + "'" : doubleQuoted(value)
        }
    }

    /// `"…"` with the escapes YAML double-quoted scalars need.
    static func doubleQuoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\x" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static let indicators: Set<Unicode.Scalar> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">",
                                                  "'", "\"", "%", "@", "`"]
    static let flowIndicators: Set<Unicode.Scalar> = [",", "[", "]", "{", "}", ":"]
    static let specialWords: Set<String> = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"]

    /// Whether `value` written plain reads back as the same string (never as a number, a boolean,
    /// null, a comment or a structure).
    static func isPlainSafe(_ value: String, inFlow: Bool) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return false }
        if indicators.contains(first) || first == " " || last == " " || last == ":" { return false }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FEFF}" }) { return false }
        if value.contains(": ") || value.contains(" #") { return false }
        if inFlow && value.unicodeScalars.contains(where: flowIndicators.contains) { return false }
        if specialWords.contains(value.lowercased()) { return false }
        if looksNumeric(value) { return false }
        if [".inf", "-.inf", "+.inf", ".nan"].contains(value.lowercased()) { return false }
        return true
    }

    /// Whether YAML (1.1 or 1.2) would read `value` as a number: `2`, `-1_000`, `5.2`, `.5`, `1e3`,
    /// `0x1F`, `0o17`, `0b101`, `1:20`. Clause lists such as `8.5.1` or `4.2、8.5.1` are not numbers.
    static func looksNumeric(_ value: String) -> Bool {
        var body = Substring(value)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let lower = body.lowercased()
        for prefix in ["0x", "0o", "0b"] where lower.hasPrefix(prefix) && lower.count > 2 {
            return lower.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "_" }
        }
        if !lower.isEmpty, lower.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_" || $0 == ":") }), lower.first!.isNumber {
            return true
        }
        var mantissa = Substring(lower)
        if let e = lower.firstIndex(of: "e") {
            let exponent = lower[lower.index(after: e)...].drop { $0 == "+" || $0 == "-" }
            guard !exponent.isEmpty, exponent.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            mantissa = lower[..<e]
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.contains(where: { !$0.isEmpty }) else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_") } }
    }
}
