/// One problem libxml2 reported about a document: a parse error or a schema violation.
public struct XMLIssue: Sendable, Hashable, CustomStringConvertible {
    /// How serious the problem is; only warnings leave a document usable.
    public enum Severity: Sendable, Hashable {
        case warning
        case error
    }

    public var severity: Severity
    /// 1-based line; 0 when unknown.
    public var line: Int
    /// 1-based column in Unicode scalars, as libxml2 counts; 0 when unknown (schema
    /// violations carry a line only).
    public var column: Int
    /// libxml2's message, or docctl's own for the checks it adds (entities, size).
    public var message: String

    /// An issue; use 0 for an unknown line or column.
    public init(severity: Severity, line: Int, column: Int = 0, message: String) {
        self.severity = severity
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message`, leaving out unknown parts.
    public var description: String {
        switch (line, column) {
        case (0, _): message
        case (_, 0): "\(line): \(message)"
        default: "\(line):\(column): \(message)"
        }
    }
}
