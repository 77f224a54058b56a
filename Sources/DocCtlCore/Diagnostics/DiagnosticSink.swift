/// Collects diagnostics from loaders and checks; checks only ever append.
public struct DiagnosticSink: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    /// Reports a finding of `rule` at its default severity.
    public mutating func report(
        _ rule: Rule, at location: SourceLocation?, _ message: String,
        notes: [Diagnostic.Note] = [], fix: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(rule.defaultSeverity, rule: rule.id, at: location, message, notes: notes, fix: fix))
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }
}
