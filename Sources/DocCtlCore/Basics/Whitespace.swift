import Foundation

/// Trimming of blanks (`CharacterSet.whitespaces`), shared by the YAML reader, the Markdown
/// reference split and the archive's plain text.
public enum Whitespace {
    /// `CharacterSet.whitespaces`, built once: each use of the static property builds it anew.
    private static let whitespaces = CharacterSet.whitespaces

    /// `text.trimmingCharacters(in: .whitespaces)`, without the trip through Foundation when neither
    /// end is whitespace (nearly always: YAML has trimmed plain scalars already).
    public static func trimming(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if whitespaces.contains(first) || whitespaces.contains(last) {
            return text.trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    private static let whitespacesAndNewlines = CharacterSet.whitespacesAndNewlines

    /// Whether `text` holds nothing but spaces and line ends (`""`, `" "`, `"\u{3000}\n"`): a
    /// required value written so is missing.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { whitespacesAndNewlines.contains($0) }
    }
}
