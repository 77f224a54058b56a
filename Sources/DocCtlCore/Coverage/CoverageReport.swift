/// Which sections and documents cover each clause of the set's standard (SPEC §4).
public struct CoverageReport: Sendable {
    public enum Status: String, Sendable {
        case covered
        /// Covered because all its children are.
        case coveredByChildren = "covered-by-children"
        case notApplicable = "not-applicable"
        case uncovered
    }

    /// A section that maps a clause.
    public struct SectionRef: Sendable, Hashable {
        public var document: String
        public var number: String?
        public var title: String
        public var anchor: String
        public var location: SourceLocation
    }

    public struct Entry: Sendable {
        public var clause: Clause
        public var status: Status
        public var sections: [SectionRef]
        public var procedures: [String]
        public var lead: String?
        public var justification: String?
        /// Whether the clause is required (auditable, within coverage-depth, titled).
        public var required: Bool
        /// Whether the clause is uncovered only because the sections mapping it are TODO stubs
        /// (reported by `unfinished-section`, not again by `uncovered-clause`).
        public var unwritten: Bool = false
        /// The clause's entry in applicability.yaml, if any.
        public var applicability: Applicability.Entry? = nil
    }

    /// The key of the standard (`isms`), or its id in a set with one standard.
    public var key: String = ""

    public var standard: ClauseTree
    public var depth: Int
    public var entries: [Entry]

    public var required: [Entry] { entries.filter(\.required) }
    public var coveredCount: Int { required.filter { $0.status != .uncovered }.count }
    public var percent: Double { required.isEmpty ? 100 : Double(coveredCount) * 100 / Double(required.count) }

    /// Percentages per top-level clause (chapter), in order.
    public var chapters: [(clause: Clause, covered: Int, total: Int)] {
        standard.order.compactMap { standard.clauses[$0] }.filter { $0.parentID == nil }.compactMap { chapter in
            let inside = required.filter { $0.clause.id == chapter.id || $0.clause.id.hasPrefix(chapter.id + ".") }
            guard !inside.isEmpty else { return nil }
            return (chapter, inside.filter { $0.status != .uncovered }.count, inside.count)
        }
    }

    /// Computes coverage for a loaded set (nil when its standard is unknown).
    public static func compute(_ set: DocumentSet) -> CoverageReport? {
        guard let tree = set.standard else { return nil }
        let depth = set.config.coverageDepth
        var sectionsByClause: [String: [SectionRef]] = [:]
        var proceduresByClause: [String: [String]] = [:]
        // By position, each document read in place: `for document in set.documents` copied every
        // document (every field retained and released) twice per check.
        let documents = set.documents
        for index in documents.indices where !documents[index].withdrawn {
            let number = documents[index].number
            // Visited in place: `allSections` copied every section of every document, on every build and serve save.
            documents[index].forEachSection { section in
                for clause in section.clauses {
                    sectionsByClause[clause, default: []].append(SectionRef(
                        document: number, number: section.number, title: section.title, anchor: section.anchor,
                        location: section.location))
                }
            }
            if documents[index].type != .manual {
                for clause in documents[index].clauses { proceduresByClause[clause.value, default: []].append(number) }
            }
        }
        // An applicable control of the Statement of Applicability is covered by the documents that
        // implement it; an excluded one is not applicable when justified.
        var implemented = Set<String>()
        var excluded: [String: String] = [:]
        for entry in set.applicability?.entries ?? [] {
            let id = tree.canonical(entry.clause)
            if entry.applicable {
                let known = entry.implementedBy.map(\.value).filter { set.document(number: $0).map { !$0.withdrawn } ?? false }
                if !known.isEmpty { implemented.insert(id) }
                for number in known where !(proceduresByClause[id]?.contains(number) ?? false) {
                    proceduresByClause[id, default: []].append(number)
                }
            } else if let justification = entry.justification {
                excluded[id] = justification
            }
        }
        var counting = Set<String>()
        var stubbed = Set<String>()
        for index in documents.indices where !documents[index].withdrawn && set.config.coverageFrom.contains(documents[index].type) {
            // A TODO stub maps its clause but covers nothing until it is written.
            documents[index].forEachSection { section in
                if section.isUnwritten { stubbed.formUnion(section.clauses) } else { counting.formUnion(section.clauses) }
            }
            if documents[index].type != .manual { for clause in documents[index].clauses { counting.insert(clause.value) } }
        }
        var leads: [String: String] = [:]
        for row in set.matrix?.rows ?? [] {
            if let lead = row.cells.first(where: { $0.value == .lead })?.key { leads[row.clause] = set.department(lead)?.id ?? lead }
        }
        func isRequired(_ clause: Clause) -> Bool { clause.auditable && !clause.untitled && clause.depth <= depth }
        func justification(_ id: String) -> String? { set.config.notApplicable[id]?.value ?? excluded[id] }
        var memo: [String: Status] = [:]
        func status(_ id: String) -> Status {
            if let known = memo[id] { return known }
            guard let clause = tree.clauses[id] else { return .uncovered }
            var result: Status
            if counting.contains(id) || implemented.contains(id) {
                result = .covered
            } else if clause.excludable, !(justification(id).map({ Whitespace.trimming($0) })?.isEmpty ?? true) {
                result = .notApplicable
            } else {
                let children = clause.childIDs.compactMap { tree.clauses[$0] }.filter(isRequired)
                result = !children.isEmpty && children.allSatisfy({ status($0.id) != .uncovered }) ? .coveredByChildren : .uncovered
            }
            memo[id] = result
            return result
        }
        let entries = tree.order.compactMap { id -> Entry? in
            guard let clause = tree.clauses[id] else { return nil }
            return Entry(clause: clause, status: status(id), sections: sectionsByClause[id] ?? [],
                         procedures: proceduresByClause[id] ?? [], lead: leads[id],
                         justification: justification(id), required: isRequired(clause),
                         unwritten: status(id) == .uncovered && stubbed.contains(id),
                         applicability: set.applicability?.entry(id))
        }
        var report = CoverageReport(standard: tree, depth: depth, entries: entries)
        report.key = tree.parts.first?.key ?? tree.id
        return report
    }

    /// One report per standard of the set, primary first (one report for a set with one standard).
    public var parts: [CoverageReport] {
        guard standard.isCombined else { return [self] }
        return standard.parts.map { part in
            var report = CoverageReport(standard: part.tree, depth: depth,
                                        entries: entries.filter { part.tree.clauses[$0.clause.id] != nil })
            report.key = part.key
            return report
        }
    }

    /// The report of one standard, by key (or by tree id).
    public func part(_ key: String) -> CoverageReport? {
        parts.first { $0.key == key || $0.standard.id == key }
    }
}
