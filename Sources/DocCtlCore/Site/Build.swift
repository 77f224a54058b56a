import Foundation

/// `docctl build`: the current state of every document rendered into an output folder, in named
/// stages, each of which can be run and tested alone:
///
/// 1. ``gate()`` — a set with errors stops here (but a draft), before anything is read or written;
/// 2. ``plan()`` — templates and dates resolved (``RenderSettings``), the renderer made: which
///    documents are built and which are withheld by `publish-up-to` (``SiteMap``);
/// 3. ``previousBuild(in:draft:)`` — an earlier build in the output folder whose unchanged documents
///    are taken over (``PreviousBuild``, ``BuildCache``);
/// 4. ``renderAndSwap(_:into:previous:)`` — every file rendered into a staging folder beside the
///    output, which then replaces it in one rename (``OutputWriter``, ``StagedOutput``).
///
/// The set was loaded and checked before (``CheckedSet``): the command prints its diagnostics first.
public struct Build: Sendable {
    /// What a build did.
    public struct Outcome: Sendable, Equatable {
        /// The numbers of the documents built, in the set's order.
        public var published: [String]
        /// The documents left out by `publish-up-to` (`XQ-PL-01 (秘密)`), in the set's order.
        public var withheld: [String]
        /// Documents rendered, and documents taken unchanged from the previous build.
        public var rendered: Int
        public var reused: Int
    }

    /// Why a build wrote nothing.
    public enum Failure: Error, Sendable {
        /// `check` reports errors (and the build is not a draft): the exit status is check's (1, or 2
        /// for environment errors). The output was not touched.
        case stopped(exitStatus: Int32)
        /// Templates, `SOURCE_DATE_EPOCH` or the output folder could not be used (exit status 2).
        case environment(String)
    }

    public var checked: CheckedSet
    /// `--templates`: a folder to use instead of the built-in templates.
    public var templatesFolder: String?
    /// `--today`, when given.
    public var today: Day?
    /// `--draft`: render whatever loaded, every page marked 草稿 / DRAFT with its problems.
    public var draft: Bool
    /// Take unchanged documents from an earlier build in the output folder (`--clean` turns it off).
    public var incremental: Bool
    /// The process environment (`SOURCE_DATE_EPOCH`).
    public var environment: [String: String]
    /// Keep the parsed bodies the check left while the set's Markdown is under this many bytes
    /// (0: always drop them and parse each again when it is rendered); see
    /// ``DocumentSetLoader/keptBodiesBudget``.
    public var keepsBodiesUnder: Int
    /// The output's cache as read before the load (``cache(in:)``), so that the render does not
    /// read it again (its check records and kept bodies may be left out: only its documents and
    /// site pages are used); nil reads it from the output.
    public var previousCache: BuildCache?

    public init(checked: CheckedSet, templatesFolder: String? = nil, today: Day? = nil, draft: Bool = false,
                incremental: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment,
                keepsBodiesUnder: Int = 0, previousCache: BuildCache? = nil) {
        self.previousCache = previousCache
        self.checked = checked
        self.templatesFolder = templatesFolder
        self.today = today
        self.draft = draft
        self.incremental = incremental
        self.environment = environment
        self.keepsBodiesUnder = keepsBodiesUnder
    }

    /// Builds into `output`, stage by stage; nothing is written unless every stage before the swap succeeded.
    ///
    /// Once the renderer is planned, the parsed bodies of the set are dropped (here and in the
    /// renderer) and each document's body is parsed again from its files when it is rendered, its
    /// text checked against the text that was checked (``BodyReloader``): the build then holds the
    /// bodies of the documents being rendered, not the whole set's. The memory is freed only when
    /// nothing else holds the set: pass a `Build` no one else holds (`(consume build).run(to:)`).
    ///
    /// `keeping` gets the renderer (and the set it holds) once the output is in place, for a caller
    /// that would rather not free it (a command about to exit, see the command line's `ProcessLifetime`).
    public consuming func run(to output: URL, keeping keep: (consuming Any) -> Void = { _ in }) throws(Failure) -> Outcome {
        try gate()
        let renderer = keepsBodies ? try plan() : Build.droppingBodies(try plan())
        let dropped = !keepsBodies
        checked = CheckedSet(set: renderer.set, diagnostics: checked.diagnostics, documentChecks: checked.documentChecks)
        // The bodies' text is no longer held by anything: hand its memory back before the render.
        if dropped { FreedMemory.giveBack() }
        let previous = incremental ? Build.previousBuild(in: output, draft: draft, cache: previousCache) : nil
        previousCache = nil
        let counts: (rendered: Int, reused: Int)
        do {
            counts = try Build.renderAndSwap(renderer, into: output, previous: previous, checks: checked.documentChecks)
        } catch {
            throw .environment(error.description)
        }
        let documents = checked.set.documents
        let outcome = Outcome(published: documents.filter { renderer.site.published.contains($0.number) }.map(\.number),
                              withheld: documents.filter { !renderer.site.published.contains($0.number) }.map(SiteMap.withheldLabel),
                              rendered: counts.rendered, reused: counts.reused)
        keep(renderer)
        return outcome
    }

    /// `renderer` with the parsed bodies of its set dropped, each parsed again from its files when it
    /// is rendered, its text checked against the text that was loaded (``BodyReloader``). A set
    /// some of whose bodies the load took from a build's cache (``DocumentSet/bodiesTakenOver``)
    /// must be rendered so.
    public static func droppingBodies(_ renderer: consuming SiteRenderer) -> SiteRenderer {
        renderer.droppingBodies { set in
            let reloader = BodyReloader.dropBodies(of: &set)
            return { document throws(DocCtlError) in try reloader.reload(document) }
        }
    }

    /// Whether the set's parsed bodies stay for rendering: all of them are there (none dropped at
    /// the load) and its Markdown is under ``keepsBodiesUnder``.
    var keepsBodies: Bool {
        let set = checked.set
        guard keepsBodiesUnder > 0, !set.documents.contains(where: \.bodyDropped) else { return false }
        var bytes = 0
        for document in set.documents {
            for body in document.bodyFiles { bytes += set.sources[body.path]?.text.utf8.count ?? 0 }
        }
        return bytes < keepsBodiesUnder
    }

    // MARK: Stages

    /// Stage 1: errors stop a build, unless it is a draft.
    public func gate() throws(Failure) {
        let status = checked.exitStatus
        if status != 0 && !draft { throw .stopped(exitStatus: status) }
    }

    /// Stage 2: the templates and dates of the run, and the renderer that decides what is built.
    public func plan() throws(Failure) -> SiteRenderer {
        do {
            let settings = try RenderSettings.resolve(for: checked.set, templatesFolder: templatesFolder, today: today,
                                                      environment: environment)
            return try settings.renderer(for: checked.set, draft: draft ? DraftBuild(diagnostics: checked.diagnostics) : nil,
                                         coverage: checked.coverage)
        } catch {
            throw .environment(error.description)
        }
    }

    /// Stage 3: the earlier build in `output` whose unchanged documents are reused, if docctl wrote
    /// one there with its cache (a draft build is never reused for a real one, nor the reverse).
    public static func previousBuild(in output: URL, draft: Bool, cache: BuildCache? = nil) -> PreviousBuild? {
        PreviousBuild.at(output.standardizedFileURL, draft: draft, cache: cache)
    }

    /// The whole cache of the build in `output` (nil when there is none or it is not intact), read
    /// once for a run: its check records and kept bodies for the load and check
    /// (``checkCache(from:)``), the rest for the render (pass it as ``previousCache``).
    public static func cache(in output: URL) -> BuildCache? {
        let folder = output.standardizedFileURL
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(OutputWriter.marker).path) else { return nil }
        return BuildCache.read(from: folder)
    }

    /// ``checkCache(for:)`` from a cache read with ``cache(in:)``.
    public static func checkCache(from cache: BuildCache?) -> DocumentCheckCache {
        cache.map { DocumentCheckCache(records: $0.checks, bodies: $0.bodies) } ?? DocumentCheckCache()
    }

    /// The per-document part of the check kept by the build in `output` (see ``BuildCache/checks``),
    /// to pass to ``CheckedSet/load(_:today:strict:runChecks:cache:checks:)`` before an incremental
    /// build: documents whose key is unchanged are not walked nor checked again, and bodies whose
    /// text is unchanged are not parsed (``BuildCache/bodies``). Empty when there is
    /// no build there or its cache is not intact (a draft's is used too: the records do not depend on it).
    public static func checkCache(for output: URL) -> DocumentCheckCache {
        let folder = output.standardizedFileURL
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(OutputWriter.marker).path),
              let cache = BuildCache.read(from: folder, readingDocuments: false) else { return DocumentCheckCache() }
        return DocumentCheckCache(records: cache.checks, bodies: cache.bodies)
    }

    /// Stage 4: renders the site into a new folder beside `output` and moves it into place
    /// atomically (see ``OutputWriter``); documents whose render key is unchanged in `previous` are
    /// taken from it; `checks` (``CheckedSet/documentChecks``) go into the new cache. Returns how many
    /// documents were rendered and how many were reused.
    public static func renderAndSwap(_ renderer: SiteRenderer, into output: URL, previous: PreviousBuild?,
                                     checks: [String: DocumentCheckRecord] = [:]) throws(DocCtlError) -> (rendered: Int, reused: Int) {
        var counts = (rendered: 0, reused: 0)
        // What is written is recorded for the output's marker (the new folder is not listed again).
        let written = OutputWriter.Written()
        try OutputWriter.replace(output, written: written) { folder throws(DocCtlError) in
            if renderer.draft != nil {
                try OutputWriter.write(Data("docctl build --draft: a preview of unchecked sources; never publish it\n".utf8),
                                       to: DraftBuild.marker, in: folder, written: written)
            }
            let folders = StagedOutput.FolderMaker()
            let bodies = renderer.set.keptBodies
            // The cache is written on one core while the search index is made on the other.
            let cache = try renderer.render(previous: previous, appending: { path, data throws(DocCtlError) in
                try OutputWriter.write(data, to: path, in: folder, appending: true, folders: folders, written: written)
            }, linking: { path, origin, identity throws(DocCtlError) in
                try OutputWriter.link(origin, identity: identity, to: path, in: folder, folders: folders, written: written)
            }, alongsideSearchIndex: { made throws(DocCtlError) in
                var cache = made
                cache.checks = checks
                cache.bodies = bodies
                try write(cache, in: folder, written: written)
            }) { path, data throws(DocCtlError) in
                try OutputWriter.write(data, to: path, in: folder, folders: folders, written: written)
            }
            counts.reused = cache.reused.count
            counts.rendered = cache.documents.count - counts.reused
        }
        return counts
    }
}

extension Build {
    /// Writes `cache` into `folder` a piece at a time as it is made (it is about as large as the search index's text).
    static func write(_ cache: BuildCache, in folder: URL, written: OutputWriter.Written) throws(DocCtlError) {
        try OutputWriter.write(Data(), to: BuildCache.file, in: folder, written: written)
        var failure: DocCtlError?
        cache.write { piece in
            guard failure == nil else { return }
            do throws(DocCtlError) {
                try OutputWriter.write(piece, to: BuildCache.file, in: folder, appending: true)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }
}

extension SiteRenderer {
    /// Stages 3 and 4 of ``Build`` for a caller that holds a renderer already (`docctl serve`, tests):
    /// renders the site into `output` atomically, reusing an earlier build there unless `incremental` is false
    /// (with the cache `previousCache` read from there before, when given; see ``Build/cache(in:)``).
    @discardableResult
    public func write(to output: URL, incremental: Bool = true, checks: [String: DocumentCheckRecord] = [:],
                      previousCache: BuildCache? = nil) throws(DocCtlError) -> (rendered: Int, reused: Int) {
        let previous = incremental ? Build.previousBuild(in: output, draft: draft != nil, cache: previousCache) : nil
        return try Build.renderAndSwap(self, into: output, previous: previous, checks: checks)
    }
}
