/// Document-number patterns of `numbering:`: regular expressions that must match the whole number.
/// Swift's own regular expressions, not NSRegularExpression: ICU's set-up and compile cost a few
/// milliseconds on every `check` of a set with `numbering:` (a twentieth of checking the example).
enum DocumentNumberPattern {
    /// The compiled pattern; nil when it is not a regular expression.
    static func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
        try? Regex(pattern)
    }

    /// Whether the pattern matches the whole number.
    static func matches(_ regex: Regex<AnyRegexOutput>, _ number: String) -> Bool {
        (try? regex.wholeMatch(in: number)) != nil
    }
}
