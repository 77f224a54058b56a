import DocCtlCore
import DocCtlTestSupport
import Testing

/// A place in a fixture; `DocCtlCore.SourceLocation` and `Testing.SourceLocation` share a name.
typealias Place = DocCtlCore.SourceLocation

/// Expects a finding of `rule` at `place` (path and line, and the column unless `column` is false)
/// with `severity` (the rule's default when nil), and returns it for further expectations.
@discardableResult
func expectFinding(
    _ outcome: CheckOutcome, _ rule: Rule, _ severity: Severity? = nil, at place: Place, column: Bool = true,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Diagnostic? {
    let wanted = severity ?? rule.defaultSeverity
    let found = outcome.diagnostics.first { diagnostic in
        guard diagnostic.rule == rule.id, let location = diagnostic.location else { return false }
        return location.path == place.path && location.line == place.line && (!column || location.column == place.column)
    }
    guard let found else {
        Issue.record("expected \(wanted.rawValue)[\(rule.id)] at \(column ? place.description : "\(place.path):\(place.line)"); got:\n\(outcome.summary)",
                     sourceLocation: sourceLocation)
        return nil
    }
    #expect(found.severity == wanted, "severity of \(rule.id) at \(place)", sourceLocation: sourceLocation)
    return found
}

/// Expects a finding of `rule` that names only a file (no line): unreadable files, missing files.
@discardableResult
func expectFinding(
    _ outcome: CheckOutcome, _ rule: Rule, _ severity: Severity? = nil, inFile path: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Diagnostic? {
    let wanted = severity ?? rule.defaultSeverity
    guard let found = outcome.diagnostics.first(where: { $0.rule == rule.id && $0.location?.path == path }) else {
        Issue.record("expected \(wanted.rawValue)[\(rule.id)] in \(path); got:\n\(outcome.summary)", sourceLocation: sourceLocation)
        return nil
    }
    #expect(found.severity == wanted, "severity of \(rule.id) in \(path)", sourceLocation: sourceLocation)
    return found
}

/// Expects that `rule` did not fire.
func expectNoFinding(_ outcome: CheckOutcome, _ rule: Rule, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let found = outcome.diagnostics(rule)
    #expect(found.isEmpty, "unexpected \(rule.id):\n\(outcome.summary)", sourceLocation: sourceLocation)
}

/// Expects no diagnostics at all.
func expectClean(_ outcome: CheckOutcome, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(outcome.diagnostics.isEmpty, "expected a clean set; got:\n\(outcome.summary)", sourceLocation: sourceLocation)
    #expect(outcome.exitStatus == 0, sourceLocation: sourceLocation)
}

/// Expects that `rule` is the only rule that fired.
func expectOnly(_ outcome: CheckOutcome, _ rules: Rule..., sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let unexpected = outcome.rules.subtracting(rules.map(\.id))
    #expect(unexpected.isEmpty, "only \(rules.map(\.id)) expected; got:\n\(outcome.summary)", sourceLocation: sourceLocation)
}
