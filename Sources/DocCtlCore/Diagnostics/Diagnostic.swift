/// How serious a diagnostic is. `off` exists only as a configured level and is never emitted.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case error, warning, note, off

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        case .off: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about the user's sources: data, never a printed string.
public struct Diagnostic: Sendable, Hashable {
    /// A secondary place that explains the finding ("first defined here").
    public struct Note: Sendable, Hashable {
        public var location: SourceLocation?
        public var message: String
        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var rule: String
    public var location: SourceLocation?
    public var message: String
    public var notes: [Note]
    /// A suggested fix in the user's terms ("did you mean 8.6.1?").
    public var fix: String?

    public init(
        _ severity: Severity, rule: String, at location: SourceLocation?, _ message: String,
        notes: [Note] = [], fix: String? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.location = location
        self.message = message
        self.notes = notes
        self.fix = fix
    }

    /// Stable order for printing: by file, line, column, then rule and message.
    public static func ordered(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        let l = lhs.location ?? SourceLocation(path: "")
        let r = rhs.location ?? SourceLocation(path: "")
        if l != r { return l < r }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        return lhs.message < rhs.message
    }
}
