/// Rules on `[[…]]` references, `《…》` titles and `{{…}}` placeholders.
enum ReferenceChecks {
    public static let placeholders = ["procedure-list", "record-list", "responsibility-matrix", "org-chart",
                                      "revision-history", "coverage-matrix", "document-list", "statement-of-applicability"]

    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let prepared = Prepared(context.set)
        for document in context.set.documents { body(of: document, prepared, &sink) }
    }

    /// What the rules on a body read of the whole set, gathered once.
    struct Prepared: Sendable {
        let set: DocumentSet
        let titles: Set<String>
        let coveredClauses: Set<String>
        let allTargets: [String]
        /// Sorted: the order of a Set changes from run to run, and with it the suggestion among equals.
        let sortedTitles: [String]

        init(_ set: DocumentSet) {
            self.set = set
            var titles = Set(set.documents.map(\.title) + set.records.map(\.title) + set.config.externalDocuments.map(\.title))
            if let tree = set.standard { titles.formUnion([tree.titleZH, tree.titleEN, tree.designation]) }
            self.titles = titles
            self.coveredClauses = Set(set.documents.flatMap { $0.allSections.flatMap(\.clauses) })
            self.allTargets = set.documents.map(\.number) + set.records.map(\.id)
            self.sortedTitles = titles.sorted()
        }
    }

    /// The rules on one document's body (its references, titles and placeholders).
    static func body(of document: Document, _ prepared: Prepared, _ sink: inout DiagnosticSink) {
        let set = prepared.set
        let (titles, coveredClauses, allTargets, sortedTitles) = (prepared.titles, prepared.coveredClauses, prepared.allTargets, prepared.sortedTitles)
        for inline in CheckContext.inlines(of: document) {
            switch inline {
            case .reference(let written, let location):
                let target = set.standard?.canonical(written) ?? written
                if let tree = set.standard, let clause = tree.clause(target) {
                    // SPEC §4: clauses below coverage-depth (and untitled paragraphs) are covered by
                    // their ancestor, so `[[8.5.1.1]]` resolves to the section of 8.5.1.
                    let coveredByAncestor = (clause.depth > set.config.coverageDepth || clause.untitled)
                        && tree.ancestors(of: target).contains(where: coveredClauses.contains)
                    // A control of the Statement of Applicability resolves to the documents implementing it.
                    let implemented = set.applicability?.entry(target)?.implementedBy.contains { set.document(number: $0.value) != nil } ?? false
                    if !coveredClauses.contains(target) && !coveredByAncestor && !implemented {
                        sink.report(Rules.unresolvedReference, at: location,
                                    "[[\(written)]] refers to clause \(tree.display(target)), which no section covers",
                                    fix: "map a section to clause \(tree.display(target)), or refer to its parent clause")
                    }
                } else if let pinned = PinnedReference(target), let referenced = set.document(number: pinned.number) {
                    if pinned.entry(in: referenced) == nil {
                        let revisions = referenced.history.map(\.revisionText)
                        sink.report(Rules.unresolvedReference, at: location,
                                    "[[\(target)]] pins revision \(pinned.revision) of \(pinned.number), which is not in its history (\(revisions.joined(separator: ", ")))",
                                    fix: Spelling.closest(to: pinned.revision, in: revisions).map { "did you mean [[\(pinned.number)@\($0)]]?" }
                                        ?? "pin a revision of its history, or write [[\(pinned.number)]] for the current one")
                    } else if referenced.withdrawn {
                        sink.report(Rules.withdrawnReference, at: location, "[[\(target)]] refers to withdrawn document \(pinned.number) 《\(referenced.title)》",
                                    fix: "refer to the document that replaced it")
                    }
                } else if let index = set.documentIndex(number: target) {
                    // By position: a copy of the whole document per reference was a tenth of `check`.
                    if set.documents[index].withdrawn {
                        sink.report(Rules.withdrawnReference, at: location, "[[\(target)]] refers to withdrawn document \(target) 《\(set.documents[index].title)》",
                                    fix: "refer to the document that replaced it")
                    }
                } else if set.record(id: target) == nil && !set.mayBeUnloadable(target) {
                    sink.report(Rules.unresolvedReference, at: location,
                                "[[\(target)]] is not a clause, a document number or a record id",
                                fix: Spelling.closest(to: target, in: allTargets + (set.standard?.order ?? [])).map { "did you mean [[\($0)]]?" })
                }
            case .citedTitle(let title, let location):
                if !titles.contains(title) {
                    sink.report(Rules.unknownTitle, at: location, "《\(title)》 is not the title of a document, a record or an external document",
                                fix: Spelling.closest(to: title, in: sortedTitles).map { "did you mean 《\($0)》?" }
                                    ?? "add it to external-documents in docset.yaml, or write the exact title")
                }
            default: break
            }
        }
        for block in CheckContext.blocks(of: document) {
            if case .placeholder(let name, let location) = block, let first = document.repeatedPlaceholders[location] {
                sink.report(Rules.duplicateGeneratedBlock, at: location, "{{\(name)}} is already generated in this document",
                            notes: [Diagnostic.Note("first placed here", at: first)],
                            fix: "keep one {{\(name)}} and link to its section from elsewhere")
            }
            if case .placeholder(let name, let location) = block, !placeholders.contains(name) {
                sink.report(Rules.unknownPlaceholder, at: location, "{{\(name)}} is not a generated block",
                            notes: [Diagnostic.Note("known blocks: " + placeholders.map { "{{\($0)}}" }.joined(separator: ", "))],
                            fix: Spelling.closest(to: name, in: placeholders).map { "did you mean {{\($0)}}?" })
            }
        }
    }
}
