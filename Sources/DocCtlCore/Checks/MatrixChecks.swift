/// Rules on the responsibility matrix (职责分配表).
enum MatrixChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        guard let matrix = context.set.matrix else { return }
        let set = context.set
        let headerLocation = SourceLocation(path: matrix.path, line: 1, column: 1)
        var used: Set<String> = []
        for column in matrix.departments where set.department(column) == nil {
            sink.report(Rules.matrixUnknownDepartment, at: headerLocation, "matrix column '\(column)' is not a department of organization.yaml",
                        fix: Spelling.closest(to: column, in: set.departments.map(\.id)).map { "did you mean '\($0)'?" })
        }
        var rows: [String: MatrixRow] = [:]
        for row in matrix.rows {
            if let tree = set.standard, tree.clause(row.clause) == nil {
                let standard = row.clause.contains(":") && tree.part(of: row.clause) == nil
                    ? "any standard of the set (\(tree.parts.map(\.key).joined(separator: ", ")))" : tree.designation(of: row.clause)
                sink.report(Rules.matrixUnknownClause, at: row.location, "matrix row '\(row.clause)' is not a clause of \(standard)",
                            fix: tree.suggestion(for: row.clause).map { "did you mean \($0)?" })
            }
            if let first = rows[row.clause] {
                sink.report(Rules.matrixUnknownClause, at: row.location, "clause \(row.clause) has two rows in the matrix",
                            notes: [Diagnostic.Note("first row here", at: first.location)])
            }
            rows[row.clause] = row
            let leads = row.cells.filter { $0.value == .lead }.map(\.key).sorted()
            if leads.count != 1 {
                sink.report(Rules.matrixLeadCount, at: row.location,
                            leads.isEmpty ? "clause \(row.clause) has no lead department (●)"
                                          : "clause \(row.clause) has \(leads.count) lead departments (\(leads.joined(separator: ", "))); one leads, the others support (○)",
                            fix: "mark exactly one department ● for the clause")
            }
            for key in row.cells.keys { used.insert(set.department(key)?.id ?? key) }
        }
        for department in set.departments where !used.contains(department.id) {
            sink.report(Rules.departmentIdle, at: department.location,
                        "department \(department.id) (\(department.name)) has no responsibility in the matrix",
                        fix: "mark its lead (●) or support (○) clauses in \(matrix.path)")
        }
    }
}
