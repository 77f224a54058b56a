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
    ///
    /// The inlines of a document are gathered into an array first and `visit` is called from this
    /// loop: passed down into `Block.forEachInline`, the checks' closures were specialised into its
    /// recursive walk and copied the captured set and document for every inline of the set.
    func forEachInline(_ visit: (Document, Inline) -> Void) {
        for document in set.documents {
            for inline in CheckContext.inlines(of: document) { visit(document, inline) }
        }
    }

    /// Every (document, block) pair, nested blocks included.
    func forEachBlock(_ visit: (Document, Block) -> Void) {
        for document in set.documents {
            for block in CheckContext.blocks(of: document) { visit(document, block) }
        }
    }

    /// The inlines of a document's body files, depth first, as `Block.forEachInline` visits them.
    static func inlines(of document: Document) -> [Inline] {
        var result: [Inline] = []
        for body in document.bodyFiles {
            for block in body.blocks { block.forEachInline { result.append($0) } }
        }
        return result
    }

    /// The blocks of a document's body files, nested ones included, as `Block.forEachBlock` visits them.
    static func blocks(of document: Document) -> [Block] {
        var result: [Block] = []
        for body in document.bodyFiles {
            for block in body.blocks { block.forEachBlock { result.append($0) } }
        }
        return result
    }
}
