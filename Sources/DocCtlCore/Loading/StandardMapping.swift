/// Resolves the clause ids of a loaded set against its (combined) tree: ids qualified with the
/// primary's key lose it (`itsm:8.7.3` is `8.7.3`), and with `harmonized: true` a numbered heading
/// also maps to the same-numbered clause of every other standard whose title matches.
enum StandardMapping {
    /// The chapters of the harmonized structure (ISO/IEC Directives, Annex SL): 4 Context … 10 Improvement.
    static let harmonizedChapters = 4...10

    /// Whether a clause number lies in the harmonized structure's chapters.
    static func isHarmonized(_ number: String) -> Bool {
        Int(number.prefix { $0 != "." }).map(harmonizedChapters.contains) ?? false
    }

    static func apply(_ tree: ClauseTree, harmonized: Bool, to set: inout DocumentSet) {
        let qualifiedPrimary = tree.parts.first.map { $0.key + ":" }
        let needsCanonical = qualifiedPrimary.map { prefix in
            set.documents.contains { document in
                document.clauses.contains { $0.value.hasPrefix(prefix) }
                    || document.containsSection { $0.clauses.contains { $0.hasPrefix(prefix) } }
            }
        } ?? false
        let others = harmonized ? Array(tree.parts.dropFirst()) : []
        if needsCanonical || !others.isEmpty {
            for index in set.documents.indices {
                var document = set.documents[index]
                document.clauses = document.clauses.map { Located(tree.canonical($0.value), at: $0.location) }
                document.sections = document.sections.map { map($0, tree: tree, others: document.numbering == .standard ? others : []) }
                set.documents[index] = document
            }
        }
        if var matrix = set.matrix {
            for index in matrix.rows.indices { matrix.rows[index].clause = tree.canonical(matrix.rows[index].clause) }
            set.matrix = matrix
        }
        var notApplicable: [String: Located<String>] = [:]
        for (id, justification) in set.config.notApplicable { notApplicable[tree.canonical(id)] = justification }
        set.config.notApplicable = notApplicable
    }

    private static func map(_ section: Section, tree: ClauseTree, others: [ClauseTree.Part]) -> Section {
        var section = section
        section.clauses = section.clauses.map(tree.canonical)
        if section.explicitClauses == nil, let number = section.number, section.clauses == [number],
           isHarmonized(number) {
            for part in others {
                let id = part.prefix + number
                if tree.clause(id) != nil, tree.titleMatches(section.title, clause: id, acrossDisciplines: true) { section.clauses.append(id) }
            }
        }
        section.children = section.children.map { map($0, tree: tree, others: others) }
        return section
    }
}
