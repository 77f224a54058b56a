/// Rules on `[[…]]` references, `《…》` titles and `{{…}}` placeholders.
enum ReferenceChecks {
    public static let placeholders = ["procedure-list", "record-list", "responsibility-matrix", "org-chart",
                                      "revision-history", "coverage-matrix", "document-list", "statement-of-applicability"]

    /// The set-level part: every document's references and cited titles (from its summary)
    /// resolved against the whole set.
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let set = context.set
        var titles = Set(set.documents.map(\.title) + set.records.map(\.title) + set.config.externalDocuments.map(\.title))
        if let tree = set.standard { titles.formUnion([tree.titleZH, tree.titleEN, tree.designation]) }
        var coveredClauses = Set<String>()
        let documents = set.documents
        for index in documents.indices { documents[index].forEachSection { coveredClauses.formUnion($0.clauses) } }
        let allTargets = set.documents.map(\.number) + set.records.map(\.id)
        // Sorted: the order of a Set changes from run to run, and with it the suggestion among equals.
        lazy var sortedTitles = titles.sorted()
        for summary in context.summaries {
            for reference in summary.references {
                let (written, location) = (reference.value, reference.location)
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
            }
            for cited in summary.citedTitles {
                let (title, location) = (cited.value, cited.location)
                if !titles.contains(title) {
                    sink.report(Rules.unknownTitle, at: location, "《\(title)》 is not the title of a document, a record or an external document",
                                fix: Spelling.closest(to: title, in: sortedTitles).map { "did you mean 《\($0)》?" }
                                    ?? "add it to external-documents in docset.yaml, or write the exact title")
                }
            }
        }
    }

    /// The per-document part (see ``DocumentChecks``): generated blocks known and not repeated; the
    /// references and cited titles go into `summary`.
    static func checkDocument(_ document: Document, blocks: [Block], inlines: [Inline], _ summary: inout DocumentSummary,
                              _ sink: inout DiagnosticSink) {
        for inline in inlines {
            switch inline {
            case .reference(let written, let location): summary.references.append(Located(written, at: location))
            case .citedTitle(let title, let location): summary.citedTitles.append(Located(title, at: location))
            default: break
            }
        }
        for block in blocks {
            guard case .placeholder(let name, let location) = block else { continue }
            summary.generatesBlocks = true
            if let first = document.repeatedPlaceholders[location] {
                sink.report(Rules.duplicateGeneratedBlock, at: location, "{{\(name)}} is already generated in this document",
                            notes: [Diagnostic.Note("first placed here", at: first)],
                            fix: "keep one {{\(name)}} and link to its section from elsewhere")
            }
            if !placeholders.contains(name) {
                sink.report(Rules.unknownPlaceholder, at: location, "{{\(name)}} is not a generated block",
                            notes: [Diagnostic.Note("known blocks: " + placeholders.map { "{{\($0)}}" }.joined(separator: ", "))],
                            fix: Spelling.closest(to: name, in: placeholders).map { "did you mean {{\($0)}}?" })
            }
        }
    }
}
