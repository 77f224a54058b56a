import Foundation

/// Renders a checked document set into the site of SPEC §5, in memory, then writes it atomically.
///
///     output/index.html                          master list (受控文件清单)
///     output/coverage.html                       clause coverage
///     output/<number>/index.html                 points to the current revision
///     output/<number>/<L-N>/index.html           the document at revision L/N
///     output/<number>/<L-N>/<number>_<L-N>.xml   its archive, valid against document.xsd
///     output/<number>/<L-N>/media/<sha256>.<ext>  its images, named by the first 16 hex digits of their SHA-256
///     output/assets/                             CSS, JS and the search index
///
/// Documents classified above `publish-up-to` are left out (and never linked). The same set,
/// templates and dates always give the same bytes.
public struct SiteRenderer: Sendable {
    /// Parses a document's body again when the set's bodies were dropped (see ``droppingBodies(_:)``).
    public typealias BodyLoader = @Sendable (Document) throws(DocCtlError) -> Document

    public private(set) var set: DocumentSet
    public let templates: TemplateSet
    public private(set) var site: SiteMap
    public let coverage: CoverageReport?
    public private(set) var builder: PageBuilder
    public let buildDate: Day
    /// Set for `build --draft`: the output is marked as a draft and can never be published.
    public let draft: DraftBuild?
    let schema: XMLSchema
    /// Whether `document.xsd` is the built-in schema (not one of `--templates`): archives are then
    /// valid by construction (``ArchiveConformance``) and need no libxml2 tree.
    let schemaIsBuiltIn: Bool
    /// Set by ``droppingBodies(_:)``: what parses each document's body again before it is rendered,
    /// and the render keys, computed while the bodies were there.
    private var bodies: BodyLoader?
    private var keys: RenderKeys.Keys?

    /// Prepares rendering; throws when the templates' resources (stylesheet, schema) are unusable.
    /// With `draft` (`build --draft`), every page is marked 草稿 / DRAFT and lists its problems.
    /// `held` and `offSite` are as for ``SiteMap/init(set:draft:held:offSite:)`` (a publish of what is released).
    /// With `inAuditPack`, the site is the `site/` folder of an audit pack (its pages link back to the pack's index).
    /// `coverage` is the coverage report of this very `set` when the check computed it already
    /// (``CheckedSet/coverage``; `serve` saves computing it twice on every save).
    public init(set: DocumentSet, templates: TemplateSet, buildDate: Day, today: Day? = nil, draft: DraftBuild? = nil,
                held: [String: ArchivedRevision] = [:], offSite: Set<String> = [], inAuditPack: Bool = false,
                coverage: CoverageReport?? = nil) throws(DocCtlError) {
        self.set = set
        self.templates = templates
        self.site = SiteMap(set: set, draft: draft != nil, held: held, offSite: offSite)
        self.coverage = coverage ?? CoverageReport.compute(set)
        self.buildDate = buildDate
        var builder = PageBuilder(site: site, coverage: self.coverage, buildDate: buildDate, today: today ?? buildDate)
        builder.draft = draft
        builder.inAuditPack = inAuditPack
        self.builder = builder
        self.draft = draft
        let xsd = try templates.resource("document.xsd")
        self.schemaIsBuiltIn = xsd == BuiltInResources.data("templates/document.xsd")
        do {
            self.schema = try XMLSchema(data: xsd, path: "document.xsd")
        } catch {
            throw .io("internal error: document.xsd is not a usable schema: \(error.description)")
        }
    }

    /// This renderer with the parsed bodies of its set dropped by `drop` (which returns what parses a
    /// body again): everything the site needs of the whole set — the site map, coverage, control
    /// statuses and render keys — is computed first, then `render` parses, renders and frees one
    /// document at a time on each core. The set's parsed bodies are about four times its Markdown;
    /// a build of 1000 large documents held them all from the check to the last page.
    public consuming func droppingBodies(_ drop: (inout DocumentSet) -> BodyLoader) -> SiteRenderer {
        let keys = self.keys ?? RenderKeys.compute(self)
        var stripped = set
        let loader = drop(&stripped)
        var renderer = self
        renderer.set = stripped
        renderer.site.set = stripped
        var builder = renderer.builder
        builder.site = renderer.site
        renderer.builder = builder
        renderer.bodies = loader
        renderer.keys = keys
        return renderer
    }

    // MARK: Pages

    /// The site page of a document's current state (`<number>/<L-N>/index.html`).
    public func documentPage(_ document: Document) -> String {
        templates.render("document", builder.documentPage(document, placement: .site(depth: 2)))
    }

    /// One self-contained page (stylesheet inlined, no links to other pages) for printing or
    /// mailing: an uncontrolled reference copy, or a registered copy when `copy` is given.
    public func standalonePage(_ document: Document, copy: CopyRegistration? = nil) throws(DocCtlError) -> String {
        let css = String(decoding: try templates.resource("assets/docctl.css"), as: UTF8.self)
        return templates.render("document", builder.documentPage(document, placement: .standalone(css: css), copy: copy))
    }

    /// Reads and validates an archive written by ``archive(_:)``.
    public func readArchive(_ data: Data, path: String) throws(XMLError) -> ArchivedRevision {
        try ArchivedRevision.read(data, path: path, schema: schema)
    }

    /// The master list (`index.html`).
    public func indexPage() -> String { templates.render("index", builder.indexPage()) }

    /// The coverage page, for the site or self-contained (`coverage --format html`); nil when the standard is unknown.
    public func coveragePage(standalone: Bool = false) throws(DocCtlError) -> String? {
        let placement: PageBuilder.Placement
        if standalone {
            placement = .standalone(css: String(decoding: try templates.resource("assets/docctl.css"), as: UTF8.self))
        } else {
            placement = .site(depth: 0)
        }
        return builder.coveragePage(placement: placement).map { templates.render("coverage", $0) }
    }

    /// The archive XML of a document, validated against document.xsd; `rendered` holds its blocks
    /// when they were rendered already for its site page.
    public func archive(_ document: Document) throws(DocCtlError) -> Data {
        try archive(document, rendered: nil)
    }

    func archive(_ document: Document, rendered: RenderedBlocks?) throws(DocCtlError) -> Data {
        let context = builder.context(.site(depth: 2), document: document)
        let (data, issues) = DocumentArchive.data(document, context: context, buildDate: buildDate, schema: schema,
                                                   schemaIsBuiltIn: schemaIsBuiltIn, rendered: rendered)
        if let first = issues.first(where: { $0.severity == .error }) {
            throw .io("internal error: the XML archive of \(document.number) does not conform to document.xsd "
                + "(\(first.message)); please report this")
        }
        return data
    }

    // MARK: Site

    /// The files of the site as a whole: master list, coverage, stylesheet and script (the search
    /// index is written by ``render(into:)`` once every document is rendered).
    public func siteFiles() throws(DocCtlError) -> [(path: String, data: Data)] {
        try sitePages() + siteAssets()
    }

    /// The pages of the site as a whole: master list, coverage and registers (what every document shows up in).
    func sitePages() throws(DocCtlError) -> [(path: String, data: Data)] {
        var files: [(path: String, data: Data)] = [("index.html", Data(indexPage().utf8))]
        if let coverage = try coveragePage() { files.append(("coverage.html", Data(coverage.utf8))) }
        for page in builder.registerPages {
            if let view = builder.registerPage(page.path) { files.append((page.path, Data(templates.render("register", view).utf8))) }
        }
        return files
    }

    /// The stylesheets and scripts a document page loads: the assets and each current revision's status stylesheet.
    func siteAssets() throws(DocCtlError) -> [(path: String, data: Data)] {
        var files: [(path: String, data: Data)] = []
        for name in SiteRenderer.assets { files.append(("assets/" + name, try templates.resource("assets/" + name))) }
        // The status stylesheet of each current revision (a publish adds those of older ones).
        let labels = Labels.for(set.config.language)
        for document in set.documents.sorted(by: { $0.number < $1.number }) where site.published.contains(document.number) {
            guard let folder = site.documentFolders[document.number], let revision = site.revisionFolders[document.number] else { continue }
            let status = site.status(document.number)?.revisionText ?? revision
            let state: RevisionStatusStyle.State = document.withdrawn ? .withdrawn(document) : .current
            files.append((RevisionStatusStyle.path(folder: folder, revision: revision),
                          Data(RevisionStatusStyle.css(number: document.number, revision: status, state: state, labels: labels).utf8)))
        }
        return files
    }

    /// The stylesheet and scripts copied into `assets/` (the search index is generated beside them).
    public static let assets = ["docctl.css", "docctl.js", "docctl-search.js"]

    /// The search index files (`assets/search-index.json` and `.js`).
    static func searchIndexFiles(_ index: SearchIndex) -> [(path: String, data: Data)] {
        let files = index.files
        return [("assets/search-index.json", files.json), ("assets/search-index.js", files.script)]
    }

    /// Writes `assets/search-index.json` and `.js` piece by piece: the same bytes as
    /// ``searchIndexFiles(_:)``, never whole in memory.
    static func writeSearchIndex(_ index: SearchIndex, write: (_ path: String, _ data: Data) throws(DocCtlError) -> Void,
                                 append: (_ path: String, _ data: Data) throws(DocCtlError) -> Void) throws(DocCtlError) {
        let json = "assets/search-index.json", script = "assets/search-index.js"
        try write(json, Data())
        try write(script, Data(SearchIndex.scriptPrefix.utf8))
        var failure: DocCtlError?
        withoutActuallyEscaping({ (piece: [UInt8]) in
            guard failure == nil else { return }
            do throws(DocCtlError) {
                let data = Data(piece)
                try append(json, data)
                try append(script, data)
            } catch {
                failure = error
            }
        }) { emit in index.writeJSON(pieces: emit) }
        if let failure { throw failure }
        try append(script, Data(SearchIndex.scriptSuffix.utf8))
    }

    /// A document's files on the site — the pointer page `<number>/index.html`, then the revision
    /// page and its archive in `<number>/<L-N>/` — and its search index entries; nothing when the
    /// document is not published. With `revisionFolderKept`, the revision folder is already on the
    /// site and never rewritten: only the pointer page and the entries are made.
    func renderDocument(_ document: Document, revisionFolderKept: Bool = false) throws(DocCtlError)
        -> (files: [(path: String, data: Data)], entries: [SearchIndex.Entry]) {
        guard site.published.contains(document.number), let folder = site.documentFolders[document.number],
              let revision = site.revisionFolders[document.number], let page = site.pagePath(document.number) else { return ([], []) }
        let pointer = ("\(folder)/index.html", Data(templates.render("redirect", builder.redirectPage(document)).utf8))
        if let archive = site.held[document.number] {
            // Its published revision stays current: only the pointer and the search entries, from the archive.
            return ([pointer], SearchIndex.entries(archive, page: page))
        }
        // The page, the archive and the search entries are made in the same context: render the blocks once.
        let placement = PageBuilder.Placement.site(depth: 2)
        let rendered = RenderedBlocks(document, renderer: MarkdownRenderer(context: builder.context(placement, document: document)))
        if rendered.expansionExceeded {
            throw .io("\(document.number): its references and generated blocks expand to more than "
                + "\(ExpansionBudget.maximumBytes >> 20) MiB of page text; nothing was written. "
                + "Refer to documents and clauses less often, or shorten the titles they show")
        }
        let entries = SearchIndex.entries(document, page: page, rendered: rendered)
        if revisionFolderKept { return ([pointer], entries) }
        let html = templates.render("document", builder.documentPage(document, placement: placement, copy: nil, rendered: rendered))
        try SiteRenderer.checkSize(html.utf8.count, of: "page", document)
        let archive = try archive(document, rendered: rendered)
        try SiteRenderer.checkSize(archive.count, of: "XML archive", document)
        let files: [(path: String, data: Data)] = [
            pointer,
            ("\(folder)/\(revision)/index.html", Data(html.utf8)),
            ("\(folder)/\(revision)/\(folder)_\(revision).xml", archive),
        ]
        // The images, named by their content: a later revision with a changed image gets a new file
        // in its own folder, and this one never changes.
        // Two source files with the same bytes share one copy.
        var named = Set<String>()
        let media = document.images.filter { named.insert($0.archivedPath).inserted }
            .map { ("\(folder)/\(revision)/\($0.archivedPath)", $0.data) }
        return (files + media, entries)
    }

    /// The largest page or XML archive docctl writes for one document (a browser or archive tool
    /// that must open it is the limit; the sources are at most 200 files of 4 MiB).
    public static let maximumFileBytes = 256 << 20

    static func checkSize(_ bytes: Int, of what: String, _ document: Document) throws(DocCtlError) {
        guard bytes > maximumFileBytes else { return }
        throw .io("\(document.number): its \(what) would be \(bytes >> 20) MiB, over the \(maximumFileBytes >> 20) MiB limit; "
            + "nothing was written. Split the document")
    }

    /// Renders every file of the site and hands it to `write`, document by document on all cores,
    /// so that only the documents being rendered are held in memory. `write` is called from
    /// several threads at once, never twice for one path. The first error (in document order) is thrown.
    ///
    /// Revision folders in `kept` (`QP-01/A-0`, as on a published site) are not rendered again:
    /// their files are never handed to `write`, but the documents still reach the search index.
    /// With `previous` (an earlier build in the output folder), a document whose render key is
    /// unchanged and whose files there still have their recorded hashes is not rendered: its
    /// files are taken from there (see ``BuildCache``). Returns the cache of this build.
    @discardableResult
    ///
    /// With `append` (which adds bytes at the end of a file `write` made), the search index is
    /// written in pieces as it is made instead of being handed over whole.
    ///
    /// With `link` (a build into a folder), a reused file that may be shared (see ``ReusedFile``)
    /// is handed to it instead of `write`: the path, the file in the previous build and the inode
    /// that was read and hashed there. It returns false when it did not link the file, which is then
    /// written from the bytes that were checked.
    ///
    /// With `documentsDone` (`docctl serve`), the site-wide pages (master list, coverage, registers)
    /// and the search index are made only after every document's files, the assets and the status
    /// stylesheets were handed to `write` and `documentsDone` returned (it gets the cache so far):
    /// the files a document page needs come first.
    ///
    /// With `alongside` (a build: it writes the cache), it is given the cache once every document
    /// is done and runs on another core while the search index is put together and written.
    public func render(keeping kept: Set<String> = [], previous: PreviousBuild? = nil,
                       appending append: (@Sendable (_ path: String, _ data: Data) throws(DocCtlError) -> Void)? = nil,
                       linking link: (@Sendable (_ path: String, _ origin: String, _ identity: FileIdentity) throws(DocCtlError) -> Bool)? = nil,
                       documentsDone: ((_ cache: BuildCache) throws(DocCtlError) -> Void)? = nil,
                       alongsideSearchIndex alongside: (@Sendable (_ cache: BuildCache) throws(DocCtlError) -> Void)? = nil,
                       into write: @Sendable (_ path: String, _ data: Data) throws(DocCtlError) -> Void) throws(DocCtlError) -> BuildCache {
        let documents = set.documents
        let computed = self.keys ?? RenderKeys.compute(self)
        let keys = computed.documents
        // Task 0 writes the assets and the site pages (master list, coverage, registers: taken over when
        // their key is unchanged), alongside the documents.
        let pagesLater = documentsDone != nil
        let results = Parallel.map(documents.count + 1) { index -> Result<RenderOutcome, DocCtlError> in
            do throws(DocCtlError) {
                if index == 0 {
                    for file in try siteAssets() { try write(file.path, file.data) }
                    if pagesLater { return .success(.site(nil)) }
                    // Not for a publish (revision folders kept, revisions held): its cache is never read.
                    let key = kept.isEmpty && site.held.isEmpty ? RenderKeys.sitePages(self, context: computed.context) : nil
                    return .success(.site(try writeSitePages(key: key, previous: previous, linking: link, into: write)))
                }
                let document = documents[index - 1]
                let key = keys[document.number] ?? ""
                if site.published.contains(document.number), site.held[document.number] == nil,
                   let reused = previous?.reuse(document.number, key: key), let folder = site.documentFolders[document.number] {
                    // The pointer page is made from what the key covers: it is one of the files
                    // taken over (in place, with serve).
                    let pointer = "\(folder)/index.html"
                    if previous?.filesInPlace != true, reused.entry.files[pointer] == nil {
                        try write(pointer, Data(templates.render("redirect", builder.redirectPage(document)).utf8))
                    }
                    for file in reused.files { try SiteRenderer.handOver(file, linking: link, into: write) }
                    return .success(.document(document.number, reused.entry, reused.entry.search, reused: true))
                }
                let revisionFolder = site.documentFolders[document.number].flatMap { folder in
                    site.revisionFolders[document.number].map { "\(folder)/\($0)" }
                }
                // With the bodies dropped, this document's is parsed again here and freed with it.
                var body = document
                if let bodies, site.published.contains(document.number), site.held[document.number] == nil {
                    body = try bodies(document)
                }
                let rendered = try renderDocument(body, revisionFolderKept: revisionFolder.map(kept.contains) ?? false)
                var hashes: [String: String] = [:]
                let pointer = site.documentFolders[document.number].map { "\($0)/index.html" }
                for file in rendered.files {
                    try write(file.path, file.data)
                    if let revisionFolder, file.path.hasPrefix(revisionFolder + "/") || file.path == pointer {
                        hashes[file.path] = SHA256Hex.of(file.data)
                    }
                }
                // Its share of the search index, made here on this core (and kept in the cache).
                let search = SearchIndex.Part(rendered.entries)
                let entry = rendered.files.isEmpty || site.held[document.number] != nil ? nil
                    : BuildCache.Entry(key: key, files: hashes, search: search)
                return .success(.document(document.number, entry, search, reused: false))
            } catch {
                return .failure(error)
            }
        }
        var parts: [SearchIndex.Part] = []
        var cache = BuildCache()
        for result in results {
            switch result {
            case .success(.site(let pages)): cache.pages = pages
            case .success(.document(let number, let entry, let part, let reused)):
                parts.append(part)
                if let entry { cache.documents[number] = entry }
                if reused { cache.reused.insert(number) }
            case .failure(let error): throw error
            }
        }
        // A set whose bodies were dropped is large: what the render threads freed goes back to the
        // system before the search index's postings are made.
        if bodies != nil { FreedMemory.giveBack() }
        if let documentsDone {
            try documentsDone(cache)
            // The site pages and the search index, side by side.
            let all = parts
            parts = []
            let done = Parallel.map(2) { task -> DocCtlError? in
                do throws(DocCtlError) {
                    if task == 0 {
                        for file in try sitePages() { try write(file.path, file.data) }
                    } else {
                        for file in SiteRenderer.searchIndexFiles(SearchIndex(parts: all)) { try write(file.path, file.data) }
                    }
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = done.compactMap({ $0 }).first { throw failure }
            return cache
        }
        let all = parts
        parts = []
        guard let alongside else {
            try SiteRenderer.writeSearchIndex(of: all, append: append, write: write)
            return cache
        }
        // The search index on one core, what the caller does with the cache (a build writes it) on the other.
        let made = cache
        let done = Parallel.map(2) { task -> DocCtlError? in
            do throws(DocCtlError) {
                if task == 0 { try SiteRenderer.writeSearchIndex(of: all, append: append, write: write) } else { try alongside(made) }
                return nil
            } catch {
                return error
            }
        }
        if let failure = done.compactMap({ $0 }).first { throw failure }
        return cache
    }

    /// The search index of `parts` written in pieces with `append` when given, whole with `write` otherwise.
    private static func writeSearchIndex(of parts: [SearchIndex.Part],
                                         append: (@Sendable (_ path: String, _ data: Data) throws(DocCtlError) -> Void)?,
                                         write: @Sendable (_ path: String, _ data: Data) throws(DocCtlError) -> Void) throws(DocCtlError) {
        let index = SearchIndex(parts: parts)
        if let append {
            try writeSearchIndex(index, write: write, append: append)
        } else {
            for file in searchIndexFiles(index) { try write(file.path, file.data) }
        }
    }

    /// What one task of ``render(keeping:previous:appending:linking:documentsDone:into:)`` made: the
    /// site pages (task 0), or a document's cache entry and search part.
    private enum RenderOutcome {
        case site(BuildCache.PageSet?)
        case document(String, BuildCache.Entry?, SearchIndex.Part, reused: Bool)
    }

    /// Writes the site pages (master list, coverage, registers): taken from `previous` when `key`
    /// is the key they were made with there and each is still there with its recorded hash,
    /// rendered otherwise. Returns what the cache keeps of them (nothing without a key).
    private func writeSitePages(key: String?, previous: PreviousBuild?,
                                linking link: (@Sendable (_ path: String, _ origin: String, _ identity: FileIdentity) throws(DocCtlError) -> Bool)?,
                                into write: @Sendable (_ path: String, _ data: Data) throws(DocCtlError) -> Void) throws(DocCtlError) -> BuildCache.PageSet? {
        if let key, let reused = previous?.reusePages(key: key) {
            for file in reused.files { try SiteRenderer.handOver(file, linking: link, into: write) }
            return reused.pages
        }
        var hashes: [String: String] = [:]
        for file in try sitePages() {
            try write(file.path, file.data)
            hashes[file.path] = SHA256Hex.of(file.data)
        }
        return key.map { BuildCache.PageSet(key: $0, files: hashes) }
    }

    /// A file taken over from the previous build: linked when it may be shared and `link` does it, written otherwise.
    private static func handOver(_ file: ReusedFile,
                                 linking link: (@Sendable (_ path: String, _ origin: String, _ identity: FileIdentity) throws(DocCtlError) -> Bool)?,
                                 into write: @Sendable (_ path: String, _ data: Data) throws(DocCtlError) -> Void) throws(DocCtlError) {
        if let link, let identity = file.identity, try link(file.path, file.origin, identity) { return }
        try write(file.path, file.data)
    }

    /// Every file of the site in memory, by path relative to the output folder (tests, small sets).
    public func render() throws(DocCtlError) -> [String: Data] {
        let files = FileCollector()
        try render { path, data in files.add(path, data) }
        return files.files
    }
}

/// Gathers files written from several threads.
final class FileCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String: Data] = [:]

    func add(_ path: String, _ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        collected[path] = data
    }

    var files: [String: Data] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
