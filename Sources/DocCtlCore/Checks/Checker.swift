/// Runs every rule over a loaded document set. Checks only append diagnostics.
public struct Checker {
    public var today: Day

    public init(today: Day) { self.today = today }

    public func run(_ set: DocumentSet) -> [Diagnostic] {
        var sink = DiagnosticSink()
        let context = CheckContext(set: set, today: today, coverage: CoverageReport.compute(set))
        SourceChecks.run(context, &sink)
        ClauseChecks.run(context, &sink)
        CoverageChecks.run(context, &sink)
        RevisionChecks.run(context, &sink)
        ControlChecks.run(context, &sink)
        ReferenceChecks.run(context, &sink)
        MatrixChecks.run(context, &sink)
        RecordChecks.run(context, &sink)
        return sink.diagnostics
    }
}

/// What every check reads.
public struct CheckContext {
    public let set: DocumentSet
    public let today: Day
    public let coverage: CoverageReport?
    public var tree: ClauseTree? { self.set.standard }

    /// Every (document, inline) pair of the bodies, for reference checks.
    func forEachInline(_ visit: (Document, Inline) -> Void) {
        for document in set.documents {
            for body in document.bodyFiles {
                for block in body.blocks { block.forEachInline { visit(document, $0) } }
            }
        }
    }

    /// Every (document, block) pair, nested blocks included.
    func forEachBlock(_ visit: (Document, Block) -> Void) {
        for document in set.documents {
            for body in document.bodyFiles {
                for block in body.blocks { block.forEachBlock { visit(document, $0) } }
            }
        }
    }
}
