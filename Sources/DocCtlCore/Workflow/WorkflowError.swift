/// Why a document-control command did not do what it was asked.
public enum WorkflowError: Error, CustomStringConvertible, Sendable {
    /// The request is refused because of the user's content or the document's state (exit 1).
    /// Nothing was written. `diagnostics` are the check findings that caused the refusal.
    case refused(String, notes: [String] = [], diagnostics: [Diagnostic] = [])
    /// The environment failed: unreadable or unwritable files (exit 2).
    case environment(String)
    /// The command line names something that does not exist, e.g. an unknown document number (exit 2,
    /// like every usage error).
    case usage(String, notes: [String] = [])

    public var description: String {
        switch self {
        case .refused(let message, _, _), .environment(let message), .usage(let message, _): message
        }
    }

    /// Indented explanation lines for the refusal.
    public var notes: [String] {
        switch self {
        case .refused(_, let notes, _), .usage(_, let notes): notes
        case .environment: []
        }
    }

    /// The check findings behind a refusal.
    public var diagnostics: [Diagnostic] {
        if case .refused(_, _, let diagnostics) = self { return diagnostics }
        return []
    }

    /// The exit status of the command that met this error.
    public var exitStatus: Int32 {
        if case .refused = self { return 1 }
        return 2
    }
}
