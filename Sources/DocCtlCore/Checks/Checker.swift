/// Runs every rule over a loaded document set. Checks only append diagnostics.
public struct Checker {
    public var today: Day

    public init(today: Day) { self.today = today }

    /// The themes' set-level parts in the order their diagnostics are reported (their
    /// per-document parts run first, see ``DocumentChecks``).
    static let themes: [@Sendable (CheckContext, inout DiagnosticSink) -> Void] = [
        SourceChecks.run, ClauseChecks.run, CoverageChecks.run, ApplicabilityChecks.run, RevisionChecks.run,
        ControlChecks.run, DistributionChecks.run, HouseRuleChecks.run, ApprovalChecks.run, ExternalDocumentChecks.run, BriefingChecks.run,
        ReferenceChecks.run, MatrixChecks.run, RecordChecks.run, OrganizationChecks.run,
    ]

    /// The positions in ``themes`` in the order they are started: the longest first (references,
    /// revisions with the sealed digests, sources with every link, records), so that on two cores
    /// the last theme to start is a short one and neither core waits for the other at the end. The
    /// diagnostics are still joined in ``themes``' order.
    static let startOrder: [Int] = {
        let first = [11, 4, 0, 13]
        return first + themes.indices.filter { !first.contains($0) }
    }()

    /// What one check found: the diagnostics (per-document findings first, then the set-level
    /// themes', each in order), and every document's record by folder.
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var records: [String: DocumentCheckRecord]
        /// The set's coverage report, as the rules saw it (nil: the set's standard is unknown).
        public var coverage: CoverageReport?
    }

    /// Runs the rules: each document's part on every core (taken from `cache` when its key is
    /// unchanged), then the set-level themes on both cores, each into its own sink; the diagnostics
    /// are joined in order, so the result does not depend on which thread finished first.
    public func check(_ set: DocumentSet, cache: DocumentCheckCache? = nil) -> Result {
        let records = DocumentChecks.records(set, cache: cache)
        let coverage = CoverageReport.compute(set)
        let context = CheckContext(set: set, today: today, coverage: coverage, summaries: records.map(\.summary))
        let started = Parallel.map(Checker.startOrder.count) { position in
            var sink = DiagnosticSink()
            Checker.themes[Checker.startOrder[position]](context, &sink)
            return sink.diagnostics
        }
        var found = [[Diagnostic]](repeating: [], count: Checker.themes.count)
        for (position, index) in Checker.startOrder.enumerated() { found[index] = started[position] }
        return Result(diagnostics: records.flatMap(\.findings) + found.flatMap { $0 },
                      records: Dictionary(zip(set.documents.map(\.folder), records), uniquingKeysWith: { first, _ in first }),
                      coverage: coverage)
    }

    /// The diagnostics of ``check(_:cache:)``.
    public func run(_ set: DocumentSet, cache: DocumentCheckCache? = nil) -> [Diagnostic] {
        check(set, cache: cache).diagnostics
    }
}

/// What every check reads.
public struct CheckContext: Sendable {
    public let set: DocumentSet
    public let today: Day
    public let coverage: CoverageReport?
    /// The summary of each document, in the order of `set.documents`.
    public let summaries: [DocumentSummary]
    public var tree: ClauseTree? { self.set.standard }

    public init(set: DocumentSet, today: Day, coverage: CoverageReport?, summaries: [DocumentSummary]) {
        self.set = set
        self.today = today
        self.coverage = coverage
        self.summaries = summaries
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
