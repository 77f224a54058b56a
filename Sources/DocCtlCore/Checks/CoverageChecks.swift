/// The coverage rule: every required clause is covered, justified, or reported once.
enum CoverageChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        guard let coverage = context.coverage else { return }
        let tree = coverage.standard
        let uncovered = Set(coverage.required.filter { $0.status == .uncovered }.map(\.clause.id))
        let manual = context.set.documents.first { $0.type == .manual }
        // The manual's folder is already reported as unloadable: one YAML slip in its
        // document.yaml would otherwise add an error for every clause of the standard.
        if manual == nil && !context.set.unloadableFolders.isEmpty { return }
        for entry in coverage.required where entry.status == .uncovered && !entry.unwritten {
            // A refused exclusion is reported once, as exclusion-not-allowed; a declined control
            // without a justification as not-applicable-unjustified.
            if context.set.config.notApplicable[entry.clause.id] != nil && !entry.clause.excludable { continue }
            if let decision = entry.applicability, !decision.applicable { continue }
            // Controls of a Statement of Applicability are reported by soa-missing and soa-unimplemented.
            if entry.clause.excludable, tree.part(of: entry.clause.id)?.tree.needsStatementOfApplicability == true { continue }
            // Report the deepest uncovered clauses only: a parent is uncovered because of them.
            if entry.clause.childIDs.contains(where: { uncovered.contains($0) }) { continue }
            let title = entry.clause.title(context.set.config.language)
            var parentSection: CoverageReport.SectionRef? = nil
            for ancestor in tree.ancestors(of: entry.clause.id) {
                if let found = coverage.entries.first(where: { $0.clause.id == ancestor })?.sections.first {
                    parentSection = found
                    break
                }
            }
            let location = parentSection?.location ?? manual?.location ?? context.set.config.standard.location
            sink.report(Rules.uncoveredClause, at: location,
                        "clause \(tree.display(entry.clause.id)) \(title) is not covered by any section",
                        notes: parentSection == nil ? [] : [Diagnostic.Note("its parent clause is covered here; add the subsection nearby")],
                        fix: "add a section '\(entry.clause.localID) \(title)' or a {clause=\(entry.clause.id)} mapping")
        }
    }
}
