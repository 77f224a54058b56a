/// Document-control rules: approvals, copies, classification, owner, periodic review.
enum ControlChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let config = context.set.config
        if let level = config.publishUpTo, !config.classification.contains(level.value) {
            sink.report(Rules.unknownClassification, at: level.location,
                        "publish-up-to '\(level.value)' is not one of the classification levels \(config.classification.joined(separator: ", "))",
                        fix: Spelling.closest(to: level.value, in: config.classification).map { "did you mean '\($0)'?" })
        }
        for document in context.set.documents {
            if document.controlled { checkApprovals(document, &sink) }
            if !document.controlled, let copy = document.distribution.first {
                sink.report(Rules.uncontrolledWithCopies, at: copy.location,
                            "\(document.number) is uncontrolled but registers controlled copies",
                            fix: "remove the distribution list, or make the document controlled")
            }
            var copies: [String: CopyRegistration] = [:]
            for copy in document.distribution {
                if let first = copies[copy.copy] {
                    sink.report(Rules.duplicateCopyNumber, at: copy.location,
                                "copy number \(copy.copy) of \(document.number) is registered twice",
                                notes: [Diagnostic.Note("first registered here for \(first.holder)", at: first.location)])
                } else {
                    copies[copy.copy] = copy
                }
            }
            if let level = document.classification, !config.classification.contains(level.value) {
                sink.report(Rules.unknownClassification, at: level.location,
                            "classification '\(level.value)' is not a level of docset.yaml (\(config.classification.joined(separator: ", ")))",
                            fix: Spelling.closest(to: level.value, in: config.classification).map { "did you mean '\($0)'?" })
            }
            if let owner = document.owner, context.set.department(owner.value) == nil, !context.set.departments.isEmpty {
                sink.report(Rules.unknownOwner, at: owner.location, "owner '\(owner.value)' is not a department of organization.yaml",
                            fix: Spelling.closest(to: owner.value, in: context.set.departments.map(\.id)).map { "did you mean '\($0)'?" })
            }
            checkReview(document, today: context.today, &sink)
        }
    }

    /// Reports ``ApprovalReview``'s findings; stale approvals only on a sealed entry (an entry just
    /// drafted by `revise` waits for its approvals, and `release` refuses it until they are there).
    static func checkApprovals(_ document: Document, _ sink: inout DiagnosticSink) {
        let sealed = document.current?.digest != nil
        for finding in ApprovalReview.review(document) where finding.rule.id != Rules.approvalStale.id || sealed {
            sink.append(contentsOf: [finding.diagnostic])
        }
    }

    static func checkReview(_ document: Document, today: Day, _ sink: inout DiagnosticSink) {
        guard let months = document.reviewEveryMonths, !document.withdrawn else { return }
        let candidates = [document.lastReview?.value, document.effective?.value, document.history.last?.date].compactMap { $0 }
        guard let last = candidates.max() else { return }
        let due = last.adding(months: months.value)
        if due < today {
            sink.report(Rules.reviewOverdue, at: document.lastReview?.location ?? months.location,
                        "periodic review of \(document.number) was due on \(due) (last reviewed \(last), every \(months.value) months)",
                        fix: "review the document and record the date as last-review: \(today)")
        }
    }
}
