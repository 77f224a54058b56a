import Foundation

/// A document set as every action starts from it: loaded, checked, and its diagnostics finalized
/// (per-rule severities from docset.yaml, `--strict`, sorted, de-duplicated).
///
/// This is `docctl check` whole, and the first stage of build, publish, copy, pdf, diff, release,
/// revise, coverage, import and every rebuild of `serve`: they all judge the sources the same way.
public struct CheckedSet: Sendable {
    public let set: DocumentSet
    /// Finalized: what `check` prints, in its order.
    public let diagnostics: [Diagnostic]
    /// The per-document part of the check, by document folder (``DocumentCheckRecord``): `build -o`
    /// keeps them in the build cache for the next build. Empty when the rules did not run.
    public let documentChecks: [String: DocumentCheckRecord]
    /// The coverage report of ``set`` the rules computed (`.some(nil)`: its standard is unknown), for
    /// a renderer of the same set (``SiteRenderer/init(set:templates:buildDate:today:draft:held:offSite:inAuditPack:coverage:)``);
    /// nil when the rules did not run.
    public let coverage: CoverageReport??

    public init(set: DocumentSet, diagnostics: [Diagnostic], documentChecks: [String: DocumentCheckRecord] = [:],
                coverage: CoverageReport?? = nil) {
        self.set = set
        self.diagnostics = diagnostics
        self.documentChecks = documentChecks
        self.coverage = coverage
    }

    /// Loads the set at `root` and, unless `runChecks` is false, runs the rules as of `today`.
    /// Throws only when the folder is not a readable document set (exit status 2); every problem
    /// in its content is a diagnostic.
    /// `cache` (`docctl serve`) keeps the documents of folders that did not change since the last load;
    /// `checks` (serve, `build -o`) the per-document part of the last check. With `dropsBodies`
    /// (`check`, `build`), the parsed bodies are not kept (see ``DocumentSetLoader/dropsBodies``),
    /// unless the set's Markdown is under `keepsBodiesUnder` bytes.
    public static func load(_ root: URL, today: Day, strict: Bool, runChecks: Bool = true,
                            cache: DocumentLoadCache? = nil, checks: DocumentCheckCache? = nil,
                            dropsBodies: Bool = false, keepsBodiesUnder: Int = 0) throws(DocCtlError) -> CheckedSet {
        // Without records to take over, every body is checked: its part of the check is made while
        // it is parsed at the load, and a dropped body is not parsed again for the check.
        var loader = DocumentSetLoader(dropsBodies: dropsBodies, keepsBodiesUnder: keepsBodiesUnder,
                                       checksBody: runChecks && checks?.isEmpty != false ? DocumentChecks.bodyCheck : nil)
        // The bodies a build kept are taken for unchanged text; the set keeps its own for the next build.
        loader.keptBodies = checks?.bodies ?? [:]
        loader.keptMetadata = checks?.metadata ?? [:]
        let (set, loadDiagnostics) = try loader.load(root, cache: cache)
        return checking(set, loadDiagnostics: loadDiagnostics, today: today, strict: strict, runChecks: runChecks, checks: checks)
    }

    /// The second half of ``load(_:today:strict:runChecks:cache:)`` for a set already loaded (serve
    /// times the two halves apart): the rules run and the diagnostics finalized.
    public static func checking(_ set: DocumentSet, loadDiagnostics: [Diagnostic], today: Day, strict: Bool,
                                runChecks: Bool = true, checks: DocumentCheckCache? = nil) -> CheckedSet {
        var raw = loadDiagnostics
        var records: [String: DocumentCheckRecord] = [:]
        var coverage: CoverageReport?? = nil
        if runChecks {
            let result = Checker(today: today).check(set, cache: checks)
            raw += result.diagnostics
            records = result.records
            coverage = .some(result.coverage)
        }
        let engine = DiagnosticEngine(overrides: set.config.ruleSeverities, strict: strict)
        return CheckedSet(set: set, diagnostics: engine.finalize(raw), documentChecks: records, coverage: coverage)
    }

    /// 0 clean or warnings only, 1 rule errors, 2 environment errors.
    public var exitStatus: Int32 { DiagnosticEngine.exitStatus(for: diagnostics) }

    /// The errors, which stop every action that writes (but `build --draft`).
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}
