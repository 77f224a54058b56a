/// Rules on how sections map to clauses: known ids, hierarchy, order, titles, duplicates.
enum ClauseChecks {
    /// The set-level part: a clause mapped by sections of two documents (or two sections), and the
    /// clauses declared not applicable.
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        guard let tree = context.tree else { return }
        var primary: [String: (Document, Section)] = [:]
        for document in context.set.documents where document.type == .manual || context.set.config.coverageFrom.contains(document.type) {
            for section in document.allSections {
                for clause in section.clauses where tree.clause(clause) != nil {
                    if let (firstDocument, first) = primary[clause] {
                        sink.report(Rules.duplicatePrimaryClause, at: section.location,
                                    "clause \(tree.display(clause)) is mapped by section '\(section.number.map { $0 + " " } ?? "")\(section.title)' and also by '\(first.number.map { $0 + " " } ?? "")\(first.title)' in \(firstDocument.number)",
                                    notes: [Diagnostic.Note("first mapped here", at: first.location)],
                                    fix: "map the clause in one section and reference it with [[\(clause)]] elsewhere")
                    } else {
                        primary[clause] = (document, section)
                    }
                }
            }
        }
        for (clause, justification) in context.set.config.notApplicable {
            guard let known = tree.clause(clause) else {
                unknown(clause, at: justification.location, in: "not-applicable", tree, &sink)
                continue
            }
            checkExclusion(known, justification: justification.value, at: justification.location, in: "not-applicable", tree, &sink)
        }
    }

    /// The per-document part (see ``DocumentChecks``): the document's clauses and headings against
    /// the set's clause tree (known ids, hierarchy, order, titles) and unfinished sections.
    static func checkDocument(_ document: Document, set: DocumentSet, _ sink: inout DiagnosticSink) {
        guard let tree = set.standard else { return }
        // An integrated manual's headings in clauses 4–10 may name the system without its discipline.
        let integrated = tree.isCombined && set.config.harmonized?.value == true
        for clause in document.clauses where tree.clause(clause.value) == nil {
            unknown(clause.value, at: clause.location, in: "clauses of \(document.number)", tree, &sink)
        }
        checkTree(document.sections, parentNumber: nil, document: document, tree: tree, sink: &sink)
        for section in document.allSections {
            if let explicit = section.explicitClauses {
                for clause in explicit where tree.clause(clause.value) == nil {
                    unknown(clause.value, at: section.location, in: "the attribute block of section '\(section.title)'", tree, &sink)
                }
            } else if document.numbering == .standard, let number = section.number, let clause = section.clauses.first {
                if tree.clause(clause) == nil {
                    unknown(number, at: section.location, in: "the heading '\(number) \(section.title)'", tree, &sink)
                } else if !tree.titleMatches(section.title, clause: clause, acrossDisciplines: integrated && StandardMapping.isHarmonized(number)),
                          let expected = tree.clause(clause) {
                    sink.report(Rules.clauseTitleMismatch, at: section.location,
                                "section \(number) is titled '\(section.title)', but clause \(tree.display(clause)) of \(tree.designation(of: clause)) is '\(expected.title(set.config.language))'",
                                notes: [Diagnostic.Note("known titles: " + ([expected.titleZH, expected.titleEN].compactMap { $0 } + expected.aliases).joined(separator: " / "))],
                                fix: "use the clause title, or map the section explicitly with {clause=\(clause)}")
                }
            }
            if section.isStub {
                sink.report(Rules.unfinishedSection, at: section.location,
                            "section '\(section.number.map { $0 + " " } ?? "")\(section.title)' has no content yet",
                            fix: "write what the organisation does for this clause")
            }
        }
    }

    /// exclusion-not-allowed and not-applicable-unjustified for a clause declared not applicable.
    static func checkExclusion(_ clause: Clause, justification: String?, at location: SourceLocation, in place: String,
                               _ tree: ClauseTree, _ sink: inout DiagnosticSink) {
        let id = tree.display(clause.id)
        if clause.auditable && !clause.excludable {
            let allowed = tree.part(of: clause.id)?.tree.exclusionsAllowed ?? tree.exclusionsAllowed
            sink.report(Rules.exclusionNotAllowed, at: location,
                        "\(tree.designation(of: clause.id)) does not allow clause \(id) to be declared not applicable",
                        notes: [Diagnostic.Note(allowed ? "only its excludable clauses may be (docctl standards \(tree.part(of: clause.id)?.tree.id ?? tree.id) marks them)"
                                                        : "it allows no exclusion")],
                        fix: "remove it from \(place) and describe how the organisation meets it")
        } else if Whitespace.trimming(justification ?? "").isEmpty {
            sink.report(Rules.notApplicableUnjustified, at: location,
                        "clause \(id) is declared not applicable without a justification",
                        fix: "write why it does not apply: 本公司不从事……")
        }
    }

    static func unknown(_ id: String, at location: SourceLocation, in place: String, _ tree: ClauseTree,
                        _ sink: inout DiagnosticSink) {
        if let colon = id.firstIndex(of: ":"), tree.part(of: id) == nil {
            let keys = tree.parts.map(\.key)
            sink.report(Rules.unknownClause, at: location,
                        "clause \(id) in \(place) names the standard '\(id[..<colon])', which is not one of the set's standards (\(keys.joined(separator: ", ")))",
                        fix: Spelling.closest(to: String(id[..<colon]), in: keys).map { "did you mean \($0):\(id[id.index(after: colon)...])?" })
            return
        }
        sink.report(Rules.unknownClause, at: location, "clause \(id) in \(place) does not exist in \(tree.designation(of: id))",
                    fix: tree.suggestion(for: id).map { "did you mean \($0)?" })
    }

    /// Numbered sections extend their nearest numbered ancestor by one component and ascend.
    static func checkTree(_ sections: [Section], parentNumber: String?, document: Document, tree: ClauseTree,
                          sink: inout DiagnosticSink) {
        var previous: (number: [Int], section: Section)? = nil
        for section in sections {
            var nextParent = parentNumber
            if let number = section.number {
                let components = number.split(separator: ".").compactMap { Int($0) }
                if let parent = parentNumber {
                    if !number.hasPrefix(parent + ".") || components.count != parent.split(separator: ".").count + 1 {
                        let expectedParent = components.dropLast().map(String.init).joined(separator: ".")
                        sink.report(Rules.sectionHierarchy, at: section.location,
                                    "section \(number) stands under section \(parent)",
                                    fix: expectedParent.isEmpty ? "make it a top-level section" : "move it under section \(expectedParent) or renumber it")
                    }
                } else if components.count > 1 && !section.isAppendix {
                    let expectedParent = components.dropLast().map(String.init).joined(separator: ".")
                    sink.report(Rules.sectionHierarchy, at: section.location,
                                "section \(number) has no parent section \(expectedParent)",
                                fix: "add a heading for \(expectedParent) above it, one level higher")
                }
                if let prior = previous, !(prior.number.lexicographicallyPrecedes(components)) {
                    sink.report(Rules.sectionOrder, at: section.location,
                                "section \(number) comes after section \(prior.section.number ?? "")",
                                notes: [Diagnostic.Note("previous section here", at: prior.section.location)],
                                fix: "order sections by number")
                }
                previous = (components, section)
                nextParent = number
            }
            checkTree(section.children, parentNumber: nextParent, document: document, tree: tree, sink: &sink)
        }
    }
}
