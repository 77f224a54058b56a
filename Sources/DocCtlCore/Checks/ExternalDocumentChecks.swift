/// External documents (外来文件): each registered one is checked for a newer version within its
/// `check-every` period (relative to --today), and its owner is a department.
enum ExternalDocumentChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let set = context.set
        for external in set.config.externalDocuments {
            if let owner = external.owner, !set.departments.isEmpty, set.department(owner.value) == nil {
                sink.report(Rules.unknownOwner, at: owner.location, "owner '\(owner.value)' of external document 《\(external.title)》 is not a department of organization.yaml",
                            fix: Spelling.closest(to: owner.value, in: set.departments.map(\.id)).map { "did you mean '\($0)'?" })
            }
            guard let every = external.checkEveryMonths else { continue }
            guard let last = external.lastChecked else {
                sink.report(Rules.externalDocumentStale, at: every.location,
                            "external document 《\(external.title)》 is to be checked every \(every.value) months but has no last-checked date",
                            fix: "check it for a newer version and record last-checked: \(context.today)")
                continue
            }
            if let due = external.nextCheck, due < context.today {
                sink.report(Rules.externalDocumentStale, at: last.location,
                            "external document 《\(external.title)》\(external.version.map { " (\($0))" } ?? "") was due for a currency check on \(due) (last checked \(last.value), every \(every.value) months)",
                            fix: "check whether a newer version is in force and record last-checked: \(context.today)")
            }
        }
    }
}
