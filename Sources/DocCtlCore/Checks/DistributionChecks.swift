/// Distribution and recall (发放回收): the register of issued copies agrees with the history, copies
/// of superseded revisions come back, and a lost copy's number is never issued again.
enum DistributionChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        for document in context.set.documents where !document.copyIssues.isEmpty {
            check(document, &sink)
        }
    }

    static func check(_ document: Document, _ sink: inout DiagnosticSink) {
        let revisions = Set(document.history.map(\.revisionText))
        var lost: [String: CopyIssue] = [:]
        for issue in document.copyIssues {
            if !revisions.isEmpty, !revisions.contains(issue.revisionText) {
                sink.report(Rules.invalidValue, at: issue.revisionLocation,
                            "copy \(issue.copy) of \(document.number) is issued at revision \(issue.revisionText), which history.yaml does not have",
                            fix: "write one of \(document.history.map(\.revisionText).joined(separator: ", "))")
            }
            if let void = lost[issue.copy] {
                sink.report(Rules.copyNumberVoid, at: issue.location,
                            "copy number \(issue.copy) of \(document.number) is void: it was lost\(void.closed.map { " on \($0)" } ?? "")",
                            notes: [Diagnostic.Note("recorded lost here", at: void.location)],
                            fix: "issue the copy under a new number (register it in document.yaml's distribution)")
            }
            if issue.closing == .lost, lost[issue.copy] == nil { lost[issue.copy] = issue }
        }
        for issue in document.copiesToRecall {
            sink.report(Rules.copyNotRecalled, at: issue.location,
                        "copy \(issue.copy) (\(issue.holder)) of \(document.number) \(issue.revisionText) has not been recalled; \(document.lastReleased?.revisionText ?? "a newer revision") supersedes it",
                        fix: "record its return in \(document.folder)/distribution.yaml: returned: YYYY-MM-DD (or lost, replaced, retained)")
        }
    }
}
