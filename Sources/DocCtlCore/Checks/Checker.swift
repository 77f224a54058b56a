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
