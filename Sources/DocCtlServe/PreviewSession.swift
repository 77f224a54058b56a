import DocCtlCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `docctl serve`'s builds: the set loaded and checked, then rendered as a draft (`build --draft`)
/// into the build folder, incrementally — only the documents whose sources, or whose referenced
/// documents, changed are rendered again (see ``BuildCache``).
public final class PreviewSession: @unchecked Sendable {
    public struct Summary: Sendable, CustomStringConvertible {
        public var documents: Int
        public var rendered: Int
        public var reused: Int
        public var errors: Int
        public var warnings: Int
        public var seconds: Double

        public var description: String {
            "\(rendered) of \(documents) document\(documents == 1 ? "" : "s") rendered (\(reused) unchanged) in "
                + String(format: "%.0f ms", seconds * 1000) + "; \(errors) error\(errors == 1 ? "" : "s"), "
                + "\(warnings) warning\(warnings == 1 ? "" : "s") shown on the pages"
        }
    }

    public let setRoot: URL
    public let output: URL
    let templates: TemplateSet
    let today: Day
    let environment: [String: String]
    /// The parsed documents of the last load: only changed folders are read again.
    public let documents: DocumentLoadCache
    /// The per-document part of the last check: only changed documents are walked and checked again.
    public let checks = DocumentCheckCache()
    /// The findings of the last rebuild, as `check` reports them (shown on the draft pages).
    public private(set) var diagnostics: [Diagnostic] = []
    /// What the last rebuild rendered (render keys, file hashes, search entries), and the SHA-256
    /// of every file now in ``output``, by path: a rebuild writes only the files that changed.
    var rendered: BuildCache?
    var present: [String: String] = [:]
    /// Times of the stages of the last rebuild (milliseconds), then its processor time ("cpu"), for `DOCCTL_SERVE_TIMING=1`.
    public private(set) var stages: [(String, Double)] = []

    public init(set: URL, output: URL, templates: TemplateSet, today: Day, environment: [String: String] = ProcessInfo.processInfo.environment,
                documents: DocumentLoadCache = DocumentLoadCache()) {
        self.documents = documents
        setRoot = set
        self.output = output
        self.templates = templates
        self.today = today
        self.environment = environment
    }

    /// Loads, checks and renders the set into ``output``; only what changed since the last build is
    /// read, rendered and written. The folder is updated in place, file by file (each one replaced
    /// atomically), in two steps: first the files of the documents (pages, archives, images, pointer
    /// pages) with the stylesheets and scripts their pages load, then the site-wide pages (master
    /// list, coverage, registers) and the search index, and the removal of what the build no longer
    /// has. `documentsReady` is called between the two with the number of documents rendered again
    /// and the paths that are final already (`serve` sends the reload then, and holds requests for
    /// any other path until the rebuild returns: see ``SiteGate``). A rebuild that fails before its
    /// first step leaves the folder as it was.
    public func rebuild(documentsReady: ((_ rendered: Int, _ final: Set<String>) -> Void)? = nil) throws(DocCtlError) -> Summary {
        let start = Date()
        let cpuBefore = Self.processorSeconds()
        var clock = start
        stages = []
        func lap(_ name: String) {
            let now = Date()
            stages.append((name, now.timeIntervalSince(clock) * 1000))
            clock = now
        }
        let (set, loadDiagnostics) = try DocumentSetLoader().load(setRoot, cache: documents)
        lap("load")
        let checked = CheckedSet.checking(set, loadDiagnostics: loadDiagnostics, today: today, strict: false, checks: checks)
        let diagnostics = checked.diagnostics
        lap("check")
        // As `build --today`: SOURCE_DATE_EPOCH when set, else the day checked against.
        let settings = RenderSettings(templates: templates, buildDate: try RenderSettings.buildDate(for: set, today: today, environment: environment),
                                      today: today)
        let renderer = try settings.renderer(for: set, draft: DraftBuild(diagnostics: diagnostics), coverage: checked.coverage)
        let previous = rendered.map { PreviousBuild(folder: output, cache: $0, filesInPlace: true) }
        let changes = ChangedFiles(present: present)
        do {
            let cache = try renderer.render(previous: previous, documentsDone: { cache throws(DocCtlError) in
                lap("render")
                let final = try changes.flush(to: self.output, keeping: cache)
                lap("write")
                documentsReady?(cache.documents.count - cache.reused.count, final)
            }) { path, data in changes.add(path, data) }
            lap("site")
            present = try changes.apply(to: output, keeping: cache)
            rendered = cache
            self.diagnostics = diagnostics
            lap("sitewrite")
            // Processor time of the whole process (every core), steadier than wall time on a busy machine.
            stages.append(("cpu", (Self.processorSeconds() - cpuBefore) * 1000))
            return Summary(documents: set.documents.count, rendered: cache.documents.count - cache.reused.count, reused: cache.reused.count,
                           errors: diagnostics.filter { $0.severity == .error }.count,
                           warnings: diagnostics.filter { $0.severity == .warning }.count,
                           seconds: Date().timeIntervalSince(start))
        } catch {
            if changes.written {
                // Some files may be new and some old: the next rebuild renders and writes everything.
                present = changes.unsure
                rendered = nil
            }
            throw error
        }
    }

    /// User and system time of this process so far, in seconds.
    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Serves the build folder on `server` and rebuilds on every change `watcher` sees, telling the
    /// open pages to reload, until `shouldStop` returns true. `log` receives one line per rebuild.
    ///
    /// The reload is sent as soon as the documents' files are written; until the site-wide pages and
    /// the search index are written too, the server holds every request for a file that is not
    /// final yet (``SiteGate``): a page asked for after the reload is never the old one.
    public func watch(_ watcher: SourceWatcher, server: PreviewServer, shouldStop: @escaping @Sendable () -> Bool,
                      log: @escaping @Sendable (String) -> Void) {
        while !shouldStop() {
            guard watcher.waitForChange(timeout: 0.5, stop: shouldStop) else { continue }
            var sent = false
            do {
                defer { server.gate.open() }
                let summary = try rebuild { rendered, final in
                    server.gate.hold(except: final)
                    server.broadcaster.send("reload", data: "\(rendered)")
                    sent = true
                }
                log("rebuilt: \(summary)")
                if environment["DOCCTL_SERVE_TIMING"] == "1" {
                    log("timing: " + stages.map { "\($0.0) " + String(format: "%.1f ms", $0.1) }.joined(separator: ", "))
                }
            } catch {
                log("error: \(error.description) (\(sent ? "some pages may be out of date until the next save" : "the pages stay as they were"))")
            }
        }
    }
}

/// The files one rebuild hands over, kept only where they differ from what the build folder holds;
/// written to it once rendering succeeded.
final class ChangedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private let before: [String: String]
    private var hashes: [String: String] = [:]
    private var changed: [String: Data] = [:]

    init(present: [String: String]) { before = present }

    /// Called from several threads, once per path.
    func add(_ path: String, _ data: Data) {
        let hash = SHA256Hex.of(data)
        lock.lock()
        defer { lock.unlock() }
        hashes[path] = hash
        if before[path] != hash { changed[path] = data }
    }

    /// Whether ``flush(to:keeping:)`` wrote into the folder.
    private(set) var written = false

    /// Every path that was there or was to be written, with no hash (after a failed write).
    var unsure: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return Dictionary(uniqueKeysWithValues: Set(before.keys).union(hashes.keys).map { ($0, "") })
    }

    /// The files of the documents `cache` took over unchanged (their revision folders and pointer
    /// pages), with their hashes: they stay as they are.
    private func kept(_ cache: BuildCache) -> [String: String] {
        var files: [String: String] = [:]
        for number in cache.reused {
            let owned = cache.documents[number]?.files ?? [:]
            files.merge(owned) { first, _ in first }
            if let folder = owned.keys.first?.split(separator: "/").first, let pointer = before["\(folder)/index.html"] {
                files["\(folder)/index.html"] = pointer
            }
        }
        return files
    }

    /// Writes the changed files handed over so far into `folder` (see ``apply(to:keeping:)``) and
    /// returns every path that is final now: those handed over and those of the documents taken
    /// over unchanged. Later files are written by ``apply(to:keeping:)``.
    func flush(to folder: URL, keeping cache: BuildCache) throws(DocCtlError) -> Set<String> {
        lock.lock()
        let pending = changed
        changed = [:]
        let handed = Set(hashes.keys)
        written = true
        lock.unlock()
        try Self.write(pending, to: folder)
        return handed.union(kept(cache).keys)
    }

    /// Writes the changed files into `folder` (each to a hidden name beside it, then renamed over
    /// the old one: a page being served is never seen half-written) and removes the files the
    /// build no longer has, with the folders left empty. Returns the hash of every file now there.
    func apply(to folder: URL, keeping cache: BuildCache) throws(DocCtlError) -> [String: String] {
        // The files of reused documents stay as they are, their pointer pages (`QP-04/index.html`) too.
        let now = hashes.merging(kept(cache)) { first, _ in first }
        written = true
        try Self.write(changed, to: folder)
        let base = folder.standardizedFileURL.path + "/"
        for path in before.keys.sorted() where now[path] == nil {
            unlink(base + path)
            var parent = Substring(path)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                if rmdir(base + parent) != 0 { break }
            }
        }
        return now
    }

    private static func write(_ files: [String: Data], to folder: URL) throws(DocCtlError) {
        let base = folder.standardizedFileURL.path + "/"
        try StagedOutput.makeFolders(String(base.dropLast()), below: "/")
        for path in files.keys.sorted() {
            let full = base + path
            let slash = full.lastIndex(of: "/")!
            try StagedOutput.makeFolders(String(full[..<slash]), below: base)
            let temporary = String(full[...slash]) + ".docctl-new-" + full[full.index(after: slash)...]
            try StagedOutput.writeStaged(files[path]!, at: temporary)
            guard rename(temporary, full) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw .io("cannot write \(full): \(reason)")
            }
        }
    }
}
