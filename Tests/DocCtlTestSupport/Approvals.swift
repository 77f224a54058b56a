import Foundation

/// What a team does between `docctl revise` and `docctl release`: records the approval of the new
/// revision in document.yaml (approved, issued and effective on the revision's date).
public enum Approvals {
    /// Rewrites the dates of `approved:`, `issued:` and `effective:` in the document.yaml at `url`.
    public static func approve(documentYAML url: URL, on date: String) throws {
        var text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        for pattern in [#"(approved: \{ name: [^,]+, date: )\d{4}-\d\d-\d\d"#, #"(?m)^(issued: )\S+"#, #"(?m)^(effective: )\S+"#] {
            text = text.replacingOccurrences(of: pattern, with: "$1\(date)", options: .regularExpression)
        }
        try Data(text.utf8).write(to: url)
    }
}
