/// Rules on the Statement of Applicability (applicability.yaml): a decision for every control, each
/// exclusion allowed and justified, each applicable control implemented by documents of the set.
enum ApplicabilityChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        guard let tree = context.tree else { return }
        let set = context.set
        let applicability = set.applicability
        let path = applicability?.path ?? ApplicabilityLoader.fileName
        for entry in applicability?.entries ?? [] {
            guard let clause = tree.clause(entry.clause) else {
                ClauseChecks.unknown(entry.clause, at: entry.location, in: path, tree, &sink)
                continue
            }
            if !entry.applicable {
                ClauseChecks.checkExclusion(clause, justification: entry.justification, at: entry.location, in: path, tree, &sink)
                continue
            }
            var implemented = false
            for number in entry.implementedBy {
                if let document = set.document(number: number.value) {
                    if !document.withdrawn { implemented = true }
                } else if !set.mayBeUnloadable(number.value) {
                    sink.report(Rules.soaUnknownDocument, at: number.location,
                                "implemented-by of \(tree.display(clause.id)) names \(number.value), which is not a document of the set",
                                fix: Spelling.closest(to: number.value, in: set.documents.map(\.number)).map { "did you mean \($0)?" })
                }
            }
            let covered = context.coverage?.entries.first { $0.clause.id == clause.id }.map { !$0.sections.isEmpty } ?? false
            if !implemented && !covered {
                sink.report(Rules.soaUnimplemented, at: entry.location,
                            "control \(tree.display(clause.id)) \(clause.title(set.config.language)) is applicable, but no document implements it and no section covers it",
                            fix: "name the implementing documents: implemented-by: [ISMS-P-01], or map a section to it")
            }
        }
        for part in tree.parts where part.tree.needsStatementOfApplicability {
            let missing = part.tree.order.compactMap { part.tree.clauses[$0] }.filter { clause in
                clause.excludable && clause.auditable && !clause.untitled && clause.childIDs.isEmpty
                    && applicability?.entry(clause.id) == nil && set.config.notApplicable[clause.id] == nil
            }
            guard !missing.isEmpty else { continue }
            let choice = set.config.standards.first { $0.key == part.key }
            let location = applicability == nil ? (choice?.keyLocation ?? set.config.standard.location)
                                                : SourceLocation(path: path, line: 1, column: 1)
            let names = missing.prefix(8).map { tree.display($0.id) }.joined(separator: ", ") + (missing.count > 8 ? ", …" : "")
            sink.report(Rules.soaMissing, at: location,
                        applicability == nil
                            ? "\(part.tree.designation) needs a Statement of Applicability: \(ApplicabilityLoader.fileName) is missing (\(missing.count) controls: \(names))"
                            : "\(missing.count) controls of \(part.tree.designation) have no decision in \(path): \(names)",
                        fix: "add an entry per control: \(tree.display(missing[0].id)): { applicable: true, implemented-by: [DOC-NO] } or { applicable: false, justification: … }")
        }
    }
}
