/// Why an XML document or schema could not be used, with where it went wrong.
///
/// `line`, `column` and `message` describe the first error; `issues` holds everything libxml2
/// reported, in order, for callers that turn them into diagnostics.
public struct XMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: Sendable, Hashable {
        /// The input is over the size limit; it was not parsed.
        case tooLarge
        /// The input is not well-formed XML (or not namespace-well-formed).
        case malformed
        /// The input declares entities (`<!ENTITY …>`), which docctl refuses outright.
        case entityDeclaration
        /// The schema text is well-formed XML but not a usable XSD (or needs another file).
        case invalidSchema
        /// The document is well-formed but does not satisfy the schema.
        case invalidDocument
    }

    public var kind: Kind
    /// The document (or schema) as the caller named it.
    public var path: String
    /// 1-based line of the first error; 0 when unknown.
    public var line: Int
    /// 1-based column of the first error; 0 when unknown.
    public var column: Int
    /// The first error's message.
    public var message: String
    /// Every problem reported, warnings included.
    public var issues: [XMLIssue]

    /// An error whose position and message are those of the first error-level issue.
    public init(kind: Kind, path: String, issues: [XMLIssue]) {
        let first = issues.first { $0.severity == .error } ?? issues.first
        self.kind = kind
        self.path = path
        self.line = first?.line ?? 0
        self.column = first?.column ?? 0
        self.message = first?.message ?? "unknown XML error"
        self.issues = issues
    }

    /// `path:line:column: message`, leaving out unknown parts, as editors expect.
    public var description: String {
        switch (line, column) {
        case (0, _): "\(path): \(message)"
        case (_, 0): "\(path):\(line): \(message)"
        default: "\(path):\(line):\(column): \(message)"
        }
    }
}
