import Foundation

/// Document-number patterns of `numbering:`: regular expressions that must match the whole number.
enum DocumentNumberPattern {
    /// The compiled pattern, anchored at both ends; nil when it is not a regular expression.
    static func regex(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: "^(?:\(pattern))$")
    }

    static func matches(_ regex: NSRegularExpression, _ number: String) -> Bool {
        regex.firstMatch(in: number, range: NSRange(number.startIndex..., in: number)) != nil
    }
}
