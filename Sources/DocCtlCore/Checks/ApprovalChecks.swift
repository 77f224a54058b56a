/// Countersigning and approval authority (会签, 审批权限): every countersignature falls between
/// preparation and approval and names a department of the organisation, and the approver holds
/// the authority docset.yaml's `approval-authority` gives for the document's type.
enum ApprovalChecks {
    /// The authority entry that stands for the head of the document's owner department.
    static let ownerHead = "owner-head"

    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let set = context.set
        for (type, entries) in set.config.approvalAuthority.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !set.departments.isEmpty {
            for entry in entries where entry.value != ownerHead && set.department(entry.value) == nil {
                sink.report(Rules.invalidValue, at: entry.location,
                            "approval-authority.\(type.rawValue) names '\(entry.value)', which is neither a department of organization.yaml nor owner-head",
                            fix: Spelling.closest(to: entry.value, in: set.departments.map(\.id) + [ownerHead]).map { "did you mean '\($0)'?" })
            }
        }
        for document in set.documents where document.controlled {
            checkCountersignatures(document, set, &sink)
            checkAuthority(document, set, &sink)
        }
    }

    static func checkCountersignatures(_ document: Document, _ set: DocumentSet, _ sink: inout DiagnosticSink) {
        for reviewer in document.countersigned {
            let who = "\(reviewer.name ?? "?")\(reviewer.department.map { " (\($0))" } ?? "")"
            if let date = reviewer.date, let prepared = document.prepared?.date, date < prepared {
                sink.report(Rules.approvalOrder, at: reviewer.location,
                            "\(who) countersigned \(document.number) on \(date), before it was prepared (\(prepared))")
            }
            if let date = reviewer.date, let approved = document.approved?.date, date > approved {
                sink.report(Rules.approvalOrder, at: reviewer.location,
                            "\(who) countersigned \(document.number) on \(date), after it was approved (\(approved))",
                            fix: "every countersignature (会签) comes before approval")
            }
            if let department = reviewer.department, !set.departments.isEmpty, set.department(department) == nil {
                sink.report(Rules.invalidValue, at: reviewer.location,
                            "countersigning department '\(department)' is not a department of organization.yaml",
                            fix: Spelling.closest(to: department, in: set.departments.map(\.name) + set.departments.map(\.id)).map { "did you mean '\($0)'?" })
            }
        }
    }

    /// The names of the people who may approve `document`, with what gives each the authority.
    static func authorised(_ document: Document, _ set: DocumentSet) -> [(name: String, role: String)]? {
        guard let entries = set.config.approvalAuthority[document.type] else { return nil }
        return entries.compactMap { entry in
            let key = entry.value == ownerHead ? document.owner?.value : entry.value
            guard let key, let department = set.department(key), let head = department.head else { return nil }
            return (head, entry.value == ownerHead ? "head of the owner department \(department.name)" : "head of \(department.name)")
        }
    }

    static func checkAuthority(_ document: Document, _ set: DocumentSet, _ sink: inout DiagnosticSink) {
        guard let approved = document.approved, let name = approved.name, let allowed = authorised(document, set),
              !allowed.contains(where: { $0.name == name }) else { return }
        let who = allowed.map { "\($0.name) (\($0.role))" }
        sink.report(Rules.approverNotAuthorised, at: approved.location,
                    "\(name) may not approve \(document.type.rawValue) \(document.number)",
                    notes: [Diagnostic.Note(who.isEmpty ? "approval-authority names no one with a head in organization.yaml"
                                                        : "approval-authority allows: \(who.joined(separator: ", "))")],
                    fix: allowed.first.map { "have \($0.name) approve it, or extend approval-authority.\(document.type.rawValue) in docset.yaml" })
    }
}
