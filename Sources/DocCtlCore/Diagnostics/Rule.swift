/// A check docctl performs, identified by a stable id that users can configure in docset.yaml.
public struct Rule: Sendable, Hashable {
    public enum Category: String, Sendable, CaseIterable {
        case sources = "Sources"
        case clauses = "Clauses"
        case revisions = "Revisions"
        case control = "Control"
        case references = "References"
        case matrix = "Matrix and records"
    }

    public let id: String
    public let category: Category
    public let defaultSeverity: Severity
    /// One sentence stating the rule, shown by `docctl rules` and in the README.
    public let summary: String
    /// Problems of the environment (unreadable files) rather than of the content: exit status 2.
    public let isEnvironmental: Bool

    public init(
        _ id: String, _ category: Category, _ defaultSeverity: Severity, _ summary: String,
        environmental: Bool = false
    ) {
        self.id = id
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.isEnvironmental = environmental
    }
}
