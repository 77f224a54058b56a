/// Document-control rules: approvals, copies, classification, owner, periodic review.
enum ControlChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let config = context.set.config
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

    static func checkApprovals(_ document: Document, _ sink: inout DiagnosticSink) {
        let steps: [(String, String, Approval?)] = [("prepared", "编制", document.prepared), ("reviewed", "审核", document.reviewed),
                                                    ("approved", "批准", document.approved)]
        for (key, label, approval) in steps where approval?.name == nil || approval?.date == nil {
            sink.report(Rules.approvalMissing, at: approval?.location ?? document.location,
                        "controlled document \(document.number) has no \(key) (\(label)) \(approval == nil ? "entry" : approval?.name == nil ? "name" : "date")",
                        fix: "add approvals.\(key): { name: …, date: YYYY-MM-DD }")
        }
        if document.issued == nil {
            sink.report(Rules.approvalMissing, at: document.location, "controlled document \(document.number) has no issued date (发布日期)")
        }
        if document.effective == nil {
            sink.report(Rules.approvalMissing, at: document.location, "controlled document \(document.number) has no effective date (实施日期)")
        }
        var chain: [(String, Day, SourceLocation)] = []
        for (key, _, approval) in steps where key != "reviewed" || document.countersigned.isEmpty {
            if let approval, let date = approval.date { chain.append((key, date, approval.location)) }
        }
        if let issued = document.issued { chain.append(("issued", issued.value, issued.location)) }
        if let effective = document.effective { chain.append(("effective", effective.value, effective.location)) }
        for index in chain.indices.dropFirst() where chain[index].1 < chain[index - 1].1 {
            sink.report(Rules.approvalOrder, at: chain[index].2,
                        "\(chain[index].0) (\(chain[index].1)) is earlier than \(chain[index - 1].0) (\(chain[index - 1].1))",
                        fix: "dates go prepared ≤ reviewed ≤ approved ≤ issued ≤ effective")
        }
        if let preparer = document.prepared?.name, let approver = document.approved, approver.name == preparer {
            sink.report(Rules.approverIsPreparer, at: approver.location,
                        "\(preparer) both prepared and approved \(document.number)",
                        fix: "have someone other than the author approve it")
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
