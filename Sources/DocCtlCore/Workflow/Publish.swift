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
///   document that is not released (never sealed, or changed since) stops the publish.
/// - The site is verified against its manifests first; a site edited by hand is not touched. The
///   new site is assembled in a staging folder beside it, verified, and swapped in with one rename
///   (RENAME_EXCHANGE on Linux); a lock keeps two publishes apart. A killed publish leaves the
///   previous site whole, and the next publish clears what it left behind.
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
        /// Files in the published site.
        public var files: Int
    }

    public var set: DocumentSet
    public var diagnostics: [Diagnostic]
    public var templates: TemplateSet
    public var buildDate: Day
    public var today: Day?

    public init(set: DocumentSet, diagnostics: [Diagnostic], templates: TemplateSet, buildDate: Day, today: Day? = nil) {
        self.set = set
        self.diagnostics = diagnostics
        self.templates = templates
        self.buildDate = buildDate
        self.today = today
    }

    /// Publishes into `site`.
    public func run(to site: URL) throws(WorkflowError) -> Outcome {
        let site = site.standardizedFileURL
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw .refused("nothing was published: `check` reports \(errors.count) error\(errors.count == 1 ? "" : "s")",
                           notes: ["fix them first; the site was not touched"], diagnostics: errors)
        }
        var withheld: [String] = []
        var drafts: [String] = []
        for document in set.documents {
            guard SiteMap.isPublishable(document, config: set.config) else {
                withheld.append("\(document.number) (\(document.classification?.value ?? "?"))")
                continue
            }
            let status = ControlStatus.of(document, in: set)
            guard status.isDraft else { continue }
            if let follows = status.follows {
                drafts.append("\(document.number): changed since \(follows) was released")
            } else {
                drafts.append("\(document.number): \(status.revisionText.isEmpty ? "no history" : status.revisionText) is not released yet")
            }
        }
        if !drafts.isEmpty {
            throw .refused("nothing was published: only released revisions reach the site, and \(drafts.count) document\(drafts.count == 1 ? " is" : "s are") not released",
                           notes: drafts + ["record and release the changes (`docctl revise`, `docctl release`), or publish from a commit where every document is released"])
        }

        let lock = try SiteLock(site: site)
        defer { withExtendedLifetime(lock) {} }
        Publish.clearLeftovers(of: site)

        var existing: [String: Data] = [:]
        if FileManager.default.fileExists(atPath: site.path) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: site.path)) ?? []
            if !entries.isEmpty {
                guard entries.contains(SiteManifest.fileName) else {
                    throw .refused("\(site.path) is not empty and has no \(SiteManifest.fileName): it is not a site published by docctl; nothing was touched",
                                   notes: ["publish into a new or empty folder"])
                }
                let verification = try SiteVerification.verify(site)
                if !verification.isIntact {
                    throw .refused("\(site.path) does not match its manifests (edited by hand?); nothing was published",
                                   notes: verification.problems.map(\.description)
                                       + ["restore the site from a backup, or publish to a new folder; `docctl verify \(site.path)` lists the differences"])
                }
                existing = try SiteFiles.read(site)
            }
        }

        let renderer: SiteRenderer
        let rendered: [String: Data]
        do {
            renderer = try SiteRenderer(set: set, templates: templates, buildDate: buildDate, today: today)
            rendered = try renderer.render()
        } catch {
            throw .environment(error.description)
        }

        var files: [String: Data] = [:]
        var existingRevisions = Set<String>()
        for (path, data) in existing {
            guard let folder = SiteFiles.revisionFolder(of: path) else { continue }
            files[path] = data
            existingRevisions.insert(folder)
        }
        var newRevisions = Set<String>()
        for (path, data) in rendered {
            if let folder = SiteFiles.revisionFolder(of: path) {
                if existingRevisions.contains(folder) { continue }
                newRevisions.insert(folder)
            }
            files[path] = data
        }
        for folder in newRevisions {
            let inside = files.filter { $0.key.hasPrefix(folder + "/") }
            let manifest = SiteManifest(files: Dictionary(uniqueKeysWithValues: inside.map { (String($0.key.dropFirst(folder.count + 1)), $0.value) }))
            files["\(folder)/\(SiteManifest.fileName)"] = Data(manifest.text.utf8)
        }

        // The current revision folder of every published document, for the superseded banner.
        var current: [String: String] = [:]
        for document in set.documents where renderer.site.published.contains(document.number) {
            if let folder = renderer.site.documentFolders[document.number], let revision = renderer.site.revisionFolders[document.number] {
                current[folder] = revision
            }
        }
        let script = files["assets/docctl.js"] ?? Data()
        files["assets/docctl.js"] = script + Data(SupersededScript.source(current: current, language: set.config.language).utf8)
        files.removeValue(forKey: SiteManifest.fileName)
        files[SiteManifest.fileName] = Data(SiteManifest(files: files).text.utf8)

        try Publish.stageAndSwap(files, into: site)

        let allRevisions = existingRevisions.union(newRevisions)
        let superseded = allRevisions.filter { folder in
            let parts = folder.split(separator: "/")
            return current[String(parts[0])] != String(parts[1])
        }
        func label(_ folder: String) -> String {
            let parts = folder.split(separator: "/")
            return "\(parts[0]) \(parts[1].replacingOccurrences(of: "-", with: "/"))"
        }
        return Outcome(added: newRevisions.sorted().map(label), kept: existingRevisions.sorted().map(label),
                       superseded: superseded.sorted().map(label), withheld: withheld, files: files.count)
    }

    /// The staging folder of this process beside `site`.
    static func stagingFolder(for site: URL) -> URL {
        site.deletingLastPathComponent().appendingPathComponent(".\(site.lastPathComponent).docctl-stage-\(getpid())")
    }

    /// Removes staging folders of publishes that were killed half-way, and puts back a site that
    /// was moved aside when the system has no atomic exchange (called with the lock held).
    static func clearLeftovers(of site: URL) {
        let manager = FileManager.default
        let parent = site.deletingLastPathComponent()
        let prefix = ".\(site.lastPathComponent).docctl-stage-"
        let leftovers = ((try? manager.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
        if !manager.fileExists(atPath: site.path), let previous = leftovers.first(where: { $0.hasSuffix("-previous") }) {
            _ = rename(parent.appendingPathComponent(previous).path, site.path)
        }
        for name in leftovers where manager.fileExists(atPath: parent.appendingPathComponent(name).path) {
            try? manager.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// Writes `files` into a staging folder, verifies it against its manifests and swaps it in.
    static func stageAndSwap(_ files: [String: Data], into site: URL) throws(WorkflowError) {
        let manager = FileManager.default
        let stage = stagingFolder(for: site)
        try? manager.removeItem(at: stage)
        do {
            try manager.createDirectory(at: stage, withIntermediateDirectories: true)
            for path in files.keys.sorted() {
                precondition(SiteManifest.isSafe(path), "site path \(path) escapes the site")
                let url = stage.appendingPathComponent(path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try files[path]!.write(to: url)
            }
        } catch {
            try? manager.removeItem(at: stage)
            throw .environment("cannot write the new site into \(stage.path): \(error.localizedDescription); the site was not touched")
        }
        do throws(WorkflowError) {
            let check = try SiteVerification.verify(stage)
            guard check.isIntact else {
                throw .environment("internal error: the staged site does not match its own manifest (\(check.problems.first!)); the site was not touched")
            }
            try FolderSwap.swap(stage, into: site)
        } catch {
            try? manager.removeItem(at: stage)
            throw error
        }
        try? manager.removeItem(at: stage)
    }
}
