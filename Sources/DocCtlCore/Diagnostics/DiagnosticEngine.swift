/// Applies configured severities and `--strict` to collected diagnostics, in one place.
public struct DiagnosticEngine: Sendable {
    public var overrides: [String: Severity]
    public var strict: Bool

    public init(overrides: [String: Severity] = [:], strict: Bool = false) {
        self.overrides = overrides
        self.strict = strict
    }

    /// The diagnostics as the user should see them: re-levelled, `off` removed, sorted, de-duplicated.
    public func finalize(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        var result: [Diagnostic] = []
        for var diagnostic in diagnostics {
            if let level = overrides[diagnostic.rule], !RuleCatalog.isEnvironmental(diagnostic.rule) {
                diagnostic.severity = level
            }
            if diagnostic.severity == .off { continue }
            if strict && diagnostic.severity == .warning { diagnostic.severity = .error }
            if seen.insert(diagnostic).inserted { result.append(diagnostic) }
        }
        return result.sorted(by: Diagnostic.ordered)
    }

    /// Exit status for finalized diagnostics: 0 clean, 1 content errors, 2 environment errors.
    public static func exitStatus(for diagnostics: [Diagnostic]) -> Int32 {
        let errors = diagnostics.filter { $0.severity == .error }
        if errors.contains(where: { RuleCatalog.isEnvironmental($0.rule) }) { return 2 }
        return errors.isEmpty ? 0 : 1
    }
}
