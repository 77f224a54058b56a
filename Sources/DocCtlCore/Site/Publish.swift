import Foundation

/// `docctl publish`: adds every released revision that the site does not have yet to a static
/// intranet site, and regenerates what belongs to the site as a whole.
///
/// - Revision folders (`<number>/<L-N>/`) are written once, with their own `SHA256SUMS`, and never
///   rewritten: later publishes copy them byte for byte.
/// - Site files — master list, coverage, search index, assets, `<number>/index.html` pointers — are
///   regenerated through ``SiteRenderer``. `assets/docctl.js` also carries the current revision of
///   every document, so that an old revision page (which never changes) shows the 作废 / superseded
///   banner with a link to the current revision.
/// - Documents above `publish-up-to` never reach the site. Only released content is published: a
///   document that is not released (never sealed, changed since, or its approvals not its own)
///   keeps its last published revision as current, or stays off the site when none was published;
///   with ``requireAllReleased`` it stops the publish instead.
/// - The site is verified against its manifests first; a site edited by hand is not touched. The
///   new site is assembled in a staging folder beside it, verified, and swapped in with one rename
///   (RENAME_EXCHANGE on Linux); a lock keeps two publishes apart. A killed publish leaves the
///   previous site whole, and the next publish clears what it left behind.
/// - Memory stays bounded by the documents being rendered, not by the site: kept revision folders
///   are copied into the staging folder file by file, new ones are written as each document is
///   rendered, and only the SHA-256 of each file is held for the manifests.
public struct Publish {
    /// What a publish did.
    public struct Outcome: Sendable, Equatable {
        /// Revisions added (`QP-04 B/2`).
        public var added: [String]
        /// Revision folders that were already on the site and were kept as they were.
        public var kept: [String]
        /// Revision folders on the site that are no longer current (marked superseded).
        public var superseded: [String]
        /// Documents withheld from the site by `publish-up-to`.
        public var withheld: [String]
        /// Documents with an unreleased revision, each with what the site shows of it instead
        /// (`QP-04: B/2 is not released yet; B/1 stays current`).
        public var notReleased: [String]
        /// Files in the published site.
        public var files: Int
        /// Copies of superseded revisions still out, per revision (`QP-04 B/1 copies 01 (运维服务部), …`).
        public var recall: [String] = []
        /// Documents withdrawn from the site (`--withdraw`): `XQ-PL-01 A/0 A/1`.
        public var withdrawn: [String] = []
        /// Documents that may no longer be published but still have revisions on the site.
        public var exposed: [String] = []
    }

    public var set: DocumentSet
    public var diagnostics: [Diagnostic]
    public var templates: TemplateSet
    public var buildDate: Day
    public var today: Day?
    /// Refuse to publish anything while a publishable document has an unreleased revision.
    public var requireAllReleased = false
    /// Documents to withdraw from the site (numbers or folders), see ``SiteWithdrawal``.
    public var withdraw: [String] = []
    /// The name the set had when the site was last published (`--renamed-from`): its site is
    /// accepted once and its marker rewritten with the organisation's new name.
    public var renamedFrom: String? = nil

    public init(set: DocumentSet, diagnostics: [Diagnostic], templates: TemplateSet, buildDate: Day, today: Day? = nil) {
        self.set = set
        self.diagnostics = diagnostics
        self.templates = templates
        self.buildDate = buildDate
        self.today = today
    }

    /// Publishes into `site`, in named stages: decide what is released, read the site as it is,
    /// hold back what is not released, stage the new site beside the old one, verify it and swap
    /// it in. Each stage refuses before anything is written.
    public func run(to site: URL) throws(WorkflowError) -> Outcome {
        let site = site.standardizedFileURL
        let sources = try releasedState(for: site)
        let lock = try SiteLock(site: site)
        defer { withExtendedLifetime(lock) {} }
        StagedOutput.clearLeftovers(of: site)
        var existing = try Publish.readSite(site, marker: SiteMarker(config: set.config), renamedFrom: renamedFrom)
        let hold = try holdUnreleased(sources.unreleased, on: site, existing: existing)
        let renderer: SiteRenderer
        do {
            renderer = try SiteRenderer(set: set, templates: templates, buildDate: buildDate, today: today,
                                        held: hold.held, offSite: hold.offSite)
        } catch {
            throw .environment(error.description)
        }
        let withdrawal = try SiteWithdrawal(requested: withdraw, set: set, revisions: existing.revisions)
        existing.revisions.subtract(withdrawal.folders)
        existing.files = existing.files.filter { !withdrawal.removes($0.key) }
        try Publish.checkKeptRevisions(existing.revisions, of: renderer, in: site)
        let current = Publish.currentRevisions(of: renderer)
        let stage = StagedOutput.stagingFolder(for: site)
        let hashes = try stageSite(in: stage, from: site, existing: existing, renderer: renderer, current: current, withdrawal: withdrawal)
        try Publish.verifyAndSwap(stage, into: site)
        return outcome(hashes: hashes, existing: existing.revisions, current: current, withheld: sources.withheld,
                       notReleased: hold.notes, withdrawal: withdrawal)
    }

    // MARK: Stages

    /// Stage 1: refuses a draft build folder and sources with errors, and sorts the documents into
    /// those withheld by `publish-up-to` and those whose last revision is not released (with why).
    func releasedState(for site: URL) throws(WorkflowError) -> (withheld: [String], unreleased: [(document: Document, message: String)]) {
        // A draft build is never taken for a site, whatever state the sources are in.
        if FileManager.default.fileExists(atPath: site.appendingPathComponent(DraftBuild.marker).path) { throw DraftBuild.refusal(site) }
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw .refused("nothing was published: `check` reports \(errors.count) error\(errors.count == 1 ? "" : "s")",
                           notes: ["fix them first; the site was not touched"], diagnostics: errors)
        }
        var withheld: [String] = []
        var drafts: [(document: Document, message: String)] = []
        for document in set.documents {
            guard SiteMap.isPublishable(document, config: set.config) else {
                withheld.append(SiteMap.withheldLabel(document))
                continue
            }
            if let message = Publish.unreleasedMessage(document, status: ControlStatus.of(document, in: set)) {
                drafts.append((document, message))
            }
        }
        if requireAllReleased && !drafts.isEmpty {
            throw .refused("nothing was published: only released revisions reach the site, and \(drafts.count) document\(drafts.count == 1 ? " is" : "s are") not released",
                           notes: drafts.map(\.message) + ["record and release the changes (`docctl revise`, `docctl release`), or publish from a commit where every document is released"])
        }
        return (withheld, drafts)
    }

    /// Why a document's sources are not a released revision (`QP-04: changed since B/1 was released`),
    /// or nil when they are: only released content is published, and only it goes into an audit pack.
    public static func unreleasedMessage(_ document: Document, status: ControlStatus) -> String? {
        guard status.isDraft || status.state == .draft else { return nil }
        if let follows = status.follows {
            return "\(document.number): changed since \(follows) was released"
        } else if status.reasons.contains(.notSealed) || status.reasons.contains(.noHistory) {
            return "\(document.number): \(status.revisionText.isEmpty ? "no history" : status.revisionText) is not released yet"
        }
        return "\(document.number): \(status.revisionText) is released but not approved as its own (approvals)"
    }

    /// What a site holds before a publish: its revision folders (`<number>/<L-N>`) with their files,
    /// which are copied as they are, and its withdrawal log.
    struct ExistingSite {
        var files: [String: Bool] = [:]
        var revisions = Set<String>()
        var log: Data? = nil
    }

    /// Stage 2: reads the site, refusing a folder docctl did not publish or a site that does not
    /// match its manifests (called with the lock held).
    static func readSite(_ site: URL, marker: SiteMarker, renamedFrom: String? = nil) throws(WorkflowError) -> ExistingSite {
        var existing = ExistingSite()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site.path, isDirectory: &isDirectory) else { return existing }
        guard isDirectory.boolValue else { throw .environment("\(site.path) exists and is not a folder; nothing was touched") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: site.path)) ?? []
        if entries.isEmpty { return existing }
        guard entries.contains(SiteManifest.fileName) else {
            throw .environment("\(site.path) is not empty and has no \(SiteManifest.fileName): it is not a site published by docctl; nothing was touched")
        }
        let verification = try SiteVerification.verify(site)
        if !verification.isIntact {
            throw .refused("\(site.path) does not match its manifests (edited by hand?); nothing was published",
                           notes: verification.problems.map(\.description)
                               + ["restore the site from a backup, or publish to a new folder; `docctl verify \(site.path)` lists the differences"])
        }
        let listing = try SiteFiles.list(site)
        try marker.checkReplaceable(site, listing: listing, renamedFrom: renamedFrom)
        for (path, isRegular) in listing {
            guard let folder = SiteFiles.revisionFolder(of: path) else { continue }
            existing.files[path] = isRegular
            existing.revisions.insert(folder)
        }
        if let isRegular = listing[SiteWithdrawal.logName] {
            existing.log = try SiteFiles.contents(of: SiteWithdrawal.logName, in: site, isRegular: isRegular)
        }
        return existing
    }

    /// Stage 3: a document with an unreleased revision keeps its last published revision as
    /// current (read back from its archive on the site), or stays off the site if none was ever
    /// published.
    func holdUnreleased(_ unreleased: [(document: Document, message: String)], on site: URL,
                        existing: ExistingSite) throws(WorkflowError) -> (held: [String: ArchivedRevision], notes: [String], offSite: Set<String>) {
        var held: [String: ArchivedRevision] = [:]
        var notes: [String] = []
        var offSite: Set<String> = []
        for (document, message) in unreleased {
            let folder = SiteMap.safeComponent(document.number)
            let published = document.history.reversed().compactMap { entry -> (HistoryEntry, RevisionMark)? in
                guard entry.digest != nil, let mark = entry.revision, existing.revisions.contains("\(folder)/\(mark.pathComponent)") else { return nil }
                return (entry, mark)
            }.first
            guard let (entry, mark) = published else {
                offSite.insert(document.number)
                notes.append("\(message); never published, not on the site")
                continue
            }
            let path = "\(folder)/\(mark.pathComponent)/\(folder)_\(mark.pathComponent).xml"
            do {
                let data = try SiteFiles.contents(of: path, in: site, isRegular: true)
                held[document.number] = try ArchivedRevision.read(data, path: path)
            } catch {
                throw .environment("cannot read the published archive \(path) of \(document.number): \(error)")
            }
            notes.append("\(message); \(entry.revisionText) stays current")
        }
        return (held, notes, offSite)
    }

    /// The current revision folder of every published document (`QP-04` → `B-1`), for the
    /// superseded banner and the status stylesheets.
    static func currentRevisions(of renderer: SiteRenderer) -> [String: String] {
        var current: [String: String] = [:]
        for document in renderer.set.documents where renderer.site.published.contains(document.number) {
            if let folder = renderer.site.documentFolders[document.number], let revision = renderer.site.revisionFolders[document.number] {
                current[folder] = revision
            }
        }
        return current
    }

    /// Stage 4: fills the staging folder `stage` — kept revision folders copied byte for byte, new
    /// ones rendered, the site-wide files, the status stylesheets, the marker, the withdrawal log
    /// and the manifests — and returns the hash of every file. The staging folder is removed when
    /// anything fails.
    func stageSite(in stage: URL, from site: URL, existing: ExistingSite, renderer: SiteRenderer,
                   current: [String: String], withdrawal: SiteWithdrawal) throws(WorkflowError) -> [String: String] {
        let logic: Data
        do { logic = try templates.resource(SupersededScript.resource) } catch { throw .environment(error.description) }
        let script = Data(SupersededScript.source(current: current, language: set.config.language, logic: logic).utf8)
        let staged = StagedSite(folder: stage)
        do throws(WorkflowError) {
            try staged.create()
            // Published revisions are immutable and were just verified: copied file by file.
            for path in existing.files.keys.sorted() {
                try staged.write(try SiteFiles.contents(of: path, in: site, isRegular: existing.files[path]!), to: path)
            }
            // New revision folders and site files, written as each document is rendered.
            do throws(DocCtlError) {
                try renderer.render(keeping: existing.revisions) { path, data throws(DocCtlError) in
                    do throws(WorkflowError) {
                        try staged.write(path == "assets/docctl.js" ? data + script : data, to: path)
                    } catch {
                        throw .io(error.description)
                    }
                }
            } catch {
                throw staged.writeError ?? .environment(error.description)
            }
            if staged.hash(of: "assets/docctl.js") == nil { try staged.write(script, to: "assets/docctl.js") }
            // Revisions on the site that are no longer current: their status stylesheet says 作废.
            for (path, data) in Publish.statusStyles(of: existing.revisions, current: current, set: set) {
                try staged.write(data, to: path)
            }
            try staged.write(Data(SiteMarker(config: set.config).text.utf8), to: SiteMarker.fileName)
            if let log = withdrawal.log(previous: existing.log, date: buildDate) { try staged.write(log, to: SiteWithdrawal.logName) }
            // The manifest of each new revision folder, then of the whole site.
            var newFolders: [String: [String: String]] = [:]
            for (path, hash) in staged.hashes {
                guard let folder = SiteFiles.revisionFolder(of: path), !existing.revisions.contains(folder) else { continue }
                newFolders[folder, default: [:]][String(path.dropFirst(folder.count + 1))] = hash
            }
            for (folder, inside) in newFolders {
                var inside = inside
                inside.removeValue(forKey: SiteManifest.fileName)
                try staged.write(Data(SiteManifest(entries: inside).text.utf8), to: "\(folder)/\(SiteManifest.fileName)")
            }
            var siteEntries = staged.hashes
            siteEntries.removeValue(forKey: SiteManifest.fileName)
            try staged.write(Data(SiteManifest(entries: siteEntries).text.utf8), to: SiteManifest.fileName)
            return staged.hashes
        } catch {
            try? FileManager.default.removeItem(at: stage)
            throw error
        }
    }

    /// Stage 6: what the publish did, for the command to print.
    func outcome(hashes: [String: String], existing: Set<String>, current: [String: String], withheld: [String],
                 notReleased: [String], withdrawal: SiteWithdrawal) -> Outcome {
        var newRevisions = Set<String>()
        for path in hashes.keys {
            if let folder = SiteFiles.revisionFolder(of: path), !existing.contains(folder) { newRevisions.insert(folder) }
        }
        let superseded = existing.union(newRevisions).filter { folder in
            let parts = folder.split(separator: "/")
            return current[String(parts[0])] != String(parts[1])
        }
        func label(_ folder: String) -> String {
            let parts = folder.split(separator: "/")
            return "\(parts[0]) \(parts[1].replacingOccurrences(of: "-", with: "/"))"
        }
        return Outcome(added: newRevisions.sorted().map(label), kept: existing.sorted().map(label),
                       superseded: superseded.sorted().map(label), withheld: withheld, notReleased: notReleased, files: hashes.count,
                       recall: set.documents.flatMap(\.recallLines), withdrawn: withdrawal.entries,
                       exposed: SiteWithdrawal.exposed(set, revisions: existing))
    }

    /// A released mark is immutable: when the current revision of a document is on the site
    /// already, its archive there must hold the content the sources hold now (a mark resealed with
    /// other content would otherwise keep the old page and index the new text for search).
    static func checkKeptRevisions(_ kept: Set<String>, of renderer: SiteRenderer, in site: URL) throws(WorkflowError) {
        let documents = renderer.set.documents.filter { renderer.site.published.contains($0.number) }
        // Each archive is parsed (libxml2) on both cores; only its digest is kept.
        let results = Parallel.map(documents.count) { index -> Result<String?, WorkflowError> in
            let document = documents[index]
            guard let folder = renderer.site.documentFolders[document.number], let revision = renderer.site.revisionFolders[document.number],
                  kept.contains("\(folder)/\(revision)"), let status = renderer.site.status(document.number) else { return .success(nil) }
            let path = "\(folder)/\(revision)/\(folder)_\(revision).xml"
            let data: Data
            do throws(WorkflowError) { data = try SiteFiles.contents(of: path, in: site, isRegular: true) } catch { return .failure(error) }
            let archived: String
            do throws(XMLError) { archived = try ArchivedRevision.read(data, path: path).digest } catch {
                return .failure(.environment("\(site.path)/\(path) is not a readable archive (\(error.description)); nothing was published"))
            }
            guard archived != status.digest else { return .success(nil) }
            return .success("\(document.number) \(status.revisionText): published as \(archived.prefix(19))…, the sources now give \(status.digest.prefix(19))…")
        }
        var mismatches: [String] = []
        for result in results {
            switch result {
            case .success(let mismatch): if let mismatch { mismatches.append(mismatch) }
            case .failure(let error): throw error
            }
        }
        guard mismatches.isEmpty else {
            throw .refused("nothing was published: \(mismatches.count) released revision\(mismatches.count == 1 ? " differs" : "s differ") from what the site published under the same mark",
                           notes: mismatches + ["a released mark is immutable: record the change as a new revision (`docctl revise`, `docctl release`), or restore the sources from version control"])
        }
    }

    /// The status stylesheets (``RevisionStatusStyle``) of the revision folders (`QP-04/B-1`) that
    /// are not their document's current revision: superseded, or withdrawn when the document is
    /// withdrawn or no longer in the set.
    static func statusStyles(of revisions: Set<String>, current: [String: String], set: DocumentSet) -> [(String, Data)] {
        let labels = Labels.for(set.config.language)
        var numbers: [String: Document] = [:]
        for document in set.documents { numbers[SiteMap.safeComponent(document.number)] = document }
        return revisions.sorted().compactMap { revisionFolder -> (String, Data)? in
            let parts = revisionFolder.split(separator: "/").map(String.init)
            guard parts.count == 2, current[parts[0]] != parts[1] else { return nil }
            let document = numbers[parts[0]]
            let state: RevisionStatusStyle.State
            if let document, !document.withdrawn, let now = current[parts[0]] {
                state = .superseded(by: now.replacingOccurrences(of: "-", with: "/"))
            } else {
                state = document.map { .withdrawn($0) } ?? .withdrawn(on: nil, reason: nil)
            }
            let css = RevisionStatusStyle.css(number: document?.number ?? parts[0], revision: parts[1].replacingOccurrences(of: "-", with: "/"),
                                              state: state, labels: labels)
            return (RevisionStatusStyle.path(folder: parts[0], revision: parts[1]), Data(css.utf8))
        }
    }

    /// Stage 5: verifies the staged site in `stage` against its manifests and swaps it in; removes
    /// the staging folder (holding the previous site after the swap) either way.
    static func verifyAndSwap(_ stage: URL, into site: URL) throws(WorkflowError) {
        let manager = FileManager.default
        do throws(WorkflowError) {
            let check = try SiteVerification.verify(stage)
            guard check.isIntact else {
                throw .environment("internal error: the staged site does not match its own manifest (\(check.problems.first!)); the site was not touched")
            }
            // Files were written without a sync each (thousands of fsyncs); one syncfs puts the
            // whole staged site on disk before it becomes the site.
            StagedOutput.syncFolder(stage)
            try StagedOutput.swap(stage, into: site, failure: WorkflowError.environment)
        } catch {
            try? manager.removeItem(at: stage)
            throw error
        }
        try? manager.removeItem(at: stage)
    }
}

/// The staging folder of a publish being filled: files are written straight to disk (from
/// several threads at once) and only their SHA-256 hashes are kept, for the manifests.
final class StagedSite: @unchecked Sendable {
    let folder: URL
    private let lock = NSLock()
    private var written: [String: String] = [:]
    private var firstWriteError: WorkflowError?

    init(folder: URL) { self.folder = folder }

    /// Creates the staging folder empty (clearing one of an earlier run of this process).
    func create() throws(WorkflowError) {
        let manager = FileManager.default
        try? manager.removeItem(at: folder)
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw failure(error)
        }
    }

    /// Writes `data` at `path` (relative to the site, with `/`) and records its hash.
    func write(_ data: Data, to path: String) throws(WorkflowError) {
        precondition(SiteManifest.isSafe(path), "site path \(path) escapes the site")
        do throws(DocCtlError) {
            // Plain writes: the staged site is synced to disk once, before the swap (see verifyAndSwap).
            try OutputWriter.write(data, to: path, in: folder)
        } catch {
            throw failure(error)
        }
        let hash = SiteManifest.hash(data)
        lock.lock()
        defer { lock.unlock() }
        written[path] = hash
    }

    /// Path → SHA-256 of every file written so far.
    var hashes: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return written
    }

    func hash(of path: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return written[path]
    }

    /// The first write that failed, if any.
    var writeError: WorkflowError? {
        lock.lock()
        defer { lock.unlock() }
        return firstWriteError
    }

    private func failure(_ error: Error) -> WorkflowError {
        let reason = (error as? DocCtlError)?.description ?? error.localizedDescription
        let failure = WorkflowError.environment("cannot write the new site into \(folder.path): \(reason); the site was not touched")
        lock.lock()
        defer { lock.unlock() }
        if firstWriteError == nil { firstWriteError = failure }
        return failure
    }
}
