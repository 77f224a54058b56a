/// Runs every rule over a loaded document set. Checks only append diagnostics.
public struct Checker {
    public var today: Day

    public init(today: Day) { self.today = today }

    /// The themes in the order their diagnostics are reported.
    static let themes: [@Sendable (CheckContext, inout DiagnosticSink) -> Void] = [
        SourceChecks.run, ClauseChecks.run, CoverageChecks.run, ApplicabilityChecks.run, RevisionChecks.run,
        ControlChecks.run, DistributionChecks.run, HouseRuleChecks.run, ApprovalChecks.run, ExternalDocumentChecks.run, BriefingChecks.run,
        ReferenceChecks.run, MatrixChecks.run, RecordChecks.run, OrganizationChecks.run,
    ]

    /// Runs the themes on both cores, each into its own sink; the diagnostics are joined in the
    /// themes' order, so the result is the same as running them one after the other.
    public func run(_ set: DocumentSet) -> [Diagnostic] {
        let context = CheckContext(set: set, today: today, coverage: CoverageReport.compute(set))
        let found = Parallel.map(Checker.themes.count) { index in
            var sink = DiagnosticSink()
            Checker.themes[index](context, &sink)
            return sink.diagnostics
        }
        var diagnostics = found.flatMap { $0 }
        if set.documents.contains(where: \.bodyDropped) { diagnostics += runOnBodies(context) }
        return diagnostics
    }

    /// The rules on bodies, for a set loaded without them (``DocumentSetLoader/dropsBodies``): the
    /// themes above saw no body; here each document's body is parsed again from the text the set
    /// keeps and checked, then freed, one document at a time on each core. Diagnostics are sorted
    /// when finalized, so they come out as from a set with its bodies.
    func runOnBodies(_ context: CheckContext) -> [Diagnostic] {
        let references = ReferenceChecks.Prepared(context.set)
        let documents = context.set.documents
        let found = Parallel.map(documents.count) { index in
            var sink = DiagnosticSink()
            // The text is the text loaded: the same section tree always comes back.
            guard let document = BodyReloader.parsing(documents[index], sources: context.set.sources) else { return [Diagnostic]() }
            SourceChecks.body(of: document, context, &sink)
            ReferenceChecks.body(of: document, references, &sink)
            return sink.diagnostics
        }
        return found.flatMap { $0 }
    }
}

/// What every check reads.
public struct CheckContext: Sendable {
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
