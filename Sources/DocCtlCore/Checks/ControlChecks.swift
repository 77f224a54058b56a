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
            checkWithdrawal(document, today: context.today, &sink)
        }
    }

    /// `withdrawal-record`: a withdrawn document's 作废记录 (date and reason), dated between its last
    /// release and today; a record on a document that is not withdrawn.
    static func checkWithdrawal(_ document: Document, today: Day, _ sink: inout DiagnosticSink) {
        guard document.withdrawn else {
            if let withdrawal = document.withdrawal {
                sink.report(Rules.withdrawalRecord, at: withdrawal.location,
                            "\(document.number) records a withdrawal but its status is not withdrawn",
                            fix: "write 'status: withdrawn', or remove 'withdrawn:'")
            }
            return
        }
        let example = "withdrawn: { date: \(today), reason: … }"
        guard let withdrawal = document.withdrawal else {
            sink.report(Rules.withdrawalRecord, at: document.statusLocation ?? document.location,
                        "withdrawn document \(document.number) does not say when and why it was withdrawn",
                        fix: "add '\(example)' to its document.yaml")
            return
        }
        let missing = [withdrawal.date == nil ? "date" : nil, withdrawal.reason == nil ? "reason" : nil].compactMap { $0 }
        if !missing.isEmpty {
            sink.report(Rules.withdrawalRecord, at: withdrawal.location,
                        "the withdrawal of \(document.number) has no \(missing.joined(separator: " and "))",
                        fix: "write '\(example)'")
        }
        guard let date = withdrawal.date else { return }
        if date.value > today {
            sink.report(Rules.withdrawalRecord, at: date.location,
                        "\(document.number) is withdrawn on \(date.value), after today (\(today))",
                        fix: "write the date the withdrawal was approved")
        } else if let released = document.history.last(where: { $0.digest != nil }), let on = released.date, date.value < on {
            sink.report(Rules.withdrawalRecord, at: date.location,
                        "\(document.number) is withdrawn on \(date.value), before its last release (\(released.revisionText) on \(on))",
                        notes: [Diagnostic.Note("released here", at: released.dateLocation)],
                        fix: "write the date the withdrawal was approved")
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
