import Foundation

/// What a team does between `docctl revise` and `docctl release`: records the approval of the new
/// revision in document.yaml (approved, issued and effective on the revision's date).
public enum Approvals {
    /// `text` of a document.yaml with the dates of `approved:`, `issued:` and `effective:` set to `date`.
    public static func approving(_ text: String, on date: String) -> String {
        var text = text
        for pattern in [#"(approved: \{ name: [^,]+, date: )\d{4}-\d\d-\d\d"#, #"(?m)^(issued: )\S+"#, #"(?m)^(effective: )\S+"#] {
            text = text.replacingOccurrences(of: pattern, with: "$1\(date)", options: .regularExpression)
        }
        return text
    }

    /// Rewrites the document.yaml at `url` with ``approving(_:on:)``.
    public static func approve(documentYAML url: URL, on date: String) throws {
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        try Data(approving(text, on: date).utf8).write(to: url)
    }
}
