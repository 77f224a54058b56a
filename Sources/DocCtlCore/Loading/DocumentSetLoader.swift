import Foundation

/// Loads a whole document set: discovery, every file, and the clause tree it names.
///
/// Loading never stops at the first problem: each unusable value becomes a diagnostic and loading
/// goes on, so one run reports everything.
public struct DocumentSetLoader {
    public var standards: StandardsLibrary
    /// Drop each document's parsed body as soon as it is loaded (``Document/droppingBody()``), keeping
    /// its text in the set's sources: `check` and `build` then never hold the parsed bodies of the
    /// whole set (about four times its Markdown); the checks parse each body again, one document at
    /// a time on each core, in the per-document part of the check. Not with a `cache`.
    public var dropsBodies: Bool
    /// With ``dropsBodies``: keep the parsed bodies after all while the set's Markdown is smaller
    /// than this many bytes (0: always drop). Parsing every body again costs a third to a half more
    /// processor time; below ``keptBodiesBudget`` the memory it saves is not worth it.
    public var keepsBodiesUnder: Int
    /// With ``dropsBodies``: the body's part of the per-document check, made from each body while it
    /// is parsed, before it is dropped (``Document/droppingBody(checked:)``), so that the check does
    /// not parse it again (``CheckedSet/load(_:today:strict:runChecks:cache:checks:dropsBodies:keepsBodiesUnder:)``
    /// passes it when it has no records to take over).
    public var checksBody: (@Sendable (Document) -> DocumentBodyCheck)?
    /// The bodies an earlier build kept, by document folder (``BuildCache/bodies``): a document
    /// whose body files hold the text one was made from takes its body from there, dropped, instead
    /// of parsing it (the set's ``DocumentSet/bodiesTakenOver``). Unless it is nil, the set's
    /// ``DocumentSet/keptBodies`` are made for the next build. Not with a `cache`.
    public var keptBodies: [String: KeptBody]?
    /// What an earlier build kept of each document's YAML files, by document folder
    /// (``BuildCache/metadata``): a document whose YAML files hold the text an entry was made from
    /// takes its fields and their diagnostics from there instead of parsing them (the set's
    /// ``DocumentSet/metadataTakenOver``). Unless it is nil, the set's ``DocumentSet/keptMetadata``
    /// are made for the next build. Not with a `cache`.
    public var keptMetadata: [String: KeptMetadata]?

    /// The Markdown under which `check` and `build` keep the parsed bodies: 24 MiB, about 100 MB
    /// parsed; a set twice that size peaks where a set of any size that drops them does.
    public static let keptBodiesBudget = 24 << 20

    public init(standards: StandardsLibrary = .builtIn, dropsBodies: Bool = false, keepsBodiesUnder: Int = 0,
                checksBody: (@Sendable (Document) -> DocumentBodyCheck)? = nil) {
        self.standards = standards
        self.dropsBodies = dropsBodies
        self.keepsBodiesUnder = keepsBodiesUnder
        self.checksBody = checksBody
    }

    /// The bytes of the Markdown body files (`*.md`) in the document folders `found`, from the file system.
    static func markdownBytes(in found: [Discovery.Found]) -> Int {
        Parallel.map(found.count) { index -> Int in
            let folder = found[index].path
            var bytes = 0
            var status = stat()
            for name in found[index].entries.names where name.hasSuffix(".md") && !name.hasPrefix(".") {
                if stat(folder + "/" + name, &status) == 0 { bytes += Int(status.st_size) }
            }
            return bytes
        }.reduce(0, +)
    }

    /// Loads the set at `root`. Throws only when `root` is not a document set at all. With `cache`
    /// (`docctl serve`), document folders whose files did not change since the last load with the
    /// same cache are not read again (see ``DocumentLoadCache``).
    public func load(_ root: URL, cache: DocumentLoadCache? = nil) throws(DocCtlError) -> (DocumentSet, [Diagnostic]) {
        let root = root.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notADocumentSet("\(root.path): no such folder; pass the folder that holds docset.yaml")
        }
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("docset.yaml", isDirectory: false).path) else {
            throw .notADocumentSet("\(root.path): not a document set (no docset.yaml); run `docctl init` to create one")
        }
        var context = LoadContext(root: root)
        context.parsed = cache
        var set = DocumentSet(root: root)
        set.config = ConfigLoader.load(&context)
        let config = set.config
        let library = standards
        let (dropsBodies, keepsBodiesUnder, checksBody) = (self.dropsBodies && cache == nil, self.keepsBodiesUnder, self.checksBody)
        let keptBodies = cache == nil ? self.keptBodies : nil
        let keptMetadata = cache == nil ? self.keptMetadata : nil
        // The set's own files (clause trees, organisation, matrix, records) are read on one thread
        // while the documents are found and read on the others: each part reports into a context of
        // its own, merged below in the order a one-by-one load had, so nothing depends on timing.
        var setContext = LoadContext(root: root)
        setContext.parsed = cache
        nonisolated(unsafe) var setFiles = SetFiles(context: setContext)
        nonisolated(unsafe) var found = (folders: [URL](), context: LoadContext(root: root), loaded: [LoadedDocument]())
        cache?.begin(config: context.sources["docset.yaml"]?.text)
        // The set's files on a thread of their own, not as one part of a `concurrentPerform` beside the
        // documents: libdispatch runs an apply nested in another one serially, and the documents' own
        // `Parallel.map` then used one core of two.
        let setFilesLoaded = DispatchGroup()
        DispatchQueue.global().async(group: setFilesLoaded) {
            setFiles.load(config: config, library: library, root: root)
        }
        do {
            // Documents are independent: they are read and parsed on every core, each into a context of its
            // own, then merged in folder order, so sources and diagnostics come out as if read one by one.
            let discovered = Discovery.find(in: root, context: &found.context)
            found.folders = discovered.map(\.folder)
            let folders = found.folders
            let resolvedFolders = found.context.resolvedFolders
            let dropsBodies = dropsBodies && (keepsBodiesUnder == 0 || Self.markdownBytes(in: discovered) >= keepsBodiesUnder)
            found.loaded = Parallel.map(folders.count) { index in
                let relative = LoadContext(root: root).relative(folders[index])
                let stamp = cache?.stamp(of: folders[index].path)
                if let stamp, let kept = cache?.lookup(relative, stamp: stamp) { return kept }
                var local = LoadContext(root: root)
                let folder = LoadContext.standardizedPath(folders[index])
                local.resolvedFolders[folder] = resolvedFolders[folder]
                var body: DocumentLoader.LoadedBody?
                var metadata: DocumentLoader.LoadedMetadata?
                var document = DocumentLoader.load(folder: folders[index], entries: discovered[index].entries, config: config,
                                                   context: &local, kept: keptBodies, keptMetadata: keptMetadata, body: &body,
                                                   metadata: &metadata)
                var kept: KeptBody?
                if let loaded = document, let body {
                    kept = body.taken ?? KeptBody(key: body.key, document: loaded, images: body.images)
                }
                if dropsBodies, let loaded = document { document = loaded.droppingBody(checked: checksBody?(loaded)) }
                let fresh = LoadedDocument(document: document, context: local, kept: kept, taken: body?.taken != nil,
                                           metadata: metadata?.kept, metadataTaken: metadata?.taken == true)
                cache?.store(relative, stamp: DocumentLoadCache.cacheable(fresh, folder: relative) ? stamp : nil, fresh)
                return fresh
            }
        }
        setFilesLoaded.wait()
        set.standard = setFiles.standard
        set.departments = setFiles.departments
        set.matrix = setFiles.matrix
        set.records = setFiles.records
        set.recordBatches = setFiles.recordBatches
        for part in [setFiles.context, found.context] {
            context.reader.sink.append(contentsOf: part.reader.sink.diagnostics)
            context.sources.merge(part.sources) { first, _ in first }
        }
        let (folders, loaded) = (found.folders, found.loaded)
        cache?.keep(only: Set(folders.map { context.relative($0) }))
        for (folder, result) in zip(folders, loaded) {
            context.reader.sink.append(contentsOf: result.context.reader.sink.diagnostics)
            context.sources.merge(result.context.sources) { first, _ in first }
            if let document = result.document {
                set.documents.append(document)
                if let kept = result.kept { set.keptBodies[document.folder] = kept }
                if result.taken { set.bodiesTakenOver.insert(document.folder) }
                if let metadata = result.metadata { set.keptMetadata[document.folder] = metadata }
                if result.metadataTaken { set.metadataTakenOver.insert(document.folder) }
            } else {
                set.unloadableFolders.append(context.relative(folder))
                // A document that does not load is never left out in silence: every way of failing
                // reports an error, and this guards the rule for any new way.
                if !result.context.reader.sink.diagnostics.contains(where: { $0.severity == .error }) {
                    context.reader.sink.report(Rules.missingKey, at: SourceLocation(path: "\(context.relative(folder))/document.yaml", line: 1, column: 1),
                                               "the document in \(context.relative(folder)) could not be loaded and is left out",
                                               fix: "correct its document.yaml")
                }
            }
        }
        set.documents.sort { ($0.type == .manual ? 0 : 1, $0.number) < ($1.type == .manual ? 0 : 1, $1.number) }
        if let tree = set.standard {
            StandardMapping.apply(tree, harmonized: set.config.harmonized?.value == true, to: &set)
        }
        set.applicability = ApplicabilityLoader.load(&context, tree: set.standard)
        set.sources = context.sources
        return (set, context.reader.sink.diagnostics)
    }
}

extension DocumentSetLoader {
    /// The trees the set names, combined (primary first); unknown ones are reported and left out,
    /// and a withdrawn edition gets one `obsolete-standard` warning naming its replacement.
    static func resolveStandards(_ config: DocSetConfig, library: StandardsLibrary, _ sink: inout DiagnosticSink) -> ClauseTree? {
        var found: [(key: String, tree: ClauseTree)] = []
        for (index, choice) in config.standards.enumerated() {
            guard let tree = library.tree(choice.id.value) else {
                sink.report(Rules.unknownStandard, at: choice.id.location, "unknown standard '\(choice.id.value)'",
                            notes: [Diagnostic.Note("known standards: \(library.ids.joined(separator: ", "))")],
                            fix: Spelling.closest(to: choice.id.value, in: library.ids).map { "did you mean '\($0)'?" })
                // Without its primary the set's unqualified ids mean nothing.
                if index == 0 { return nil }
                continue
            }
            if let replacement = tree.replacedBy {
                let newer = library.tree(replacement)?.designation ?? replacement
                sink.report(Rules.obsoleteStandard, at: choice.id.location,
                            "\(tree.designation) is withdrawn; it was replaced by \(newer)",
                            fix: "move the set to \(replacement) (its clause numbers differ: map each section again)")
            }
            if found.contains(where: { $0.tree.id == tree.id }) {
                sink.report(Rules.invalidValue, at: choice.id.location, "standard '\(tree.id)' is named twice in standards")
                continue
            }
            found.append((choice.key, tree))
        }
        return ClauseTree.combining(found)
    }
}

/// The files of a set besides its documents and docset.yaml, loaded into a context of their own.
struct SetFiles {
    var context: LoadContext
    var standard: ClauseTree?
    var departments: [Department] = []
    var matrix: ResponsibilityMatrix?
    var records: [RecordEntry] = []
    var recordBatches: [RecordBatch] = []

    mutating func load(config: DocSetConfig, library: StandardsLibrary, root: URL) {
        var library = library
        library.addTrees(in: root.appendingPathComponent("standards", isDirectory: true), context: &context)
        standard = DocumentSetLoader.resolveStandards(config, library: library, &context.reader.sink)
        departments = OrganizationLoader.load(&context)
        matrix = MatrixLoader.load(&context)
        records = RecordsLoader.load(&context)
        recordBatches = RecordsLogLoader.load(&context)
    }
}

/// One document folder loaded on its own.
struct LoadedDocument: @unchecked Sendable {
    var document: Document?
    var context: LoadContext
    /// Its body as the next build keeps it, and whether it was taken from a kept body (``DocumentSetLoader/keptBodies``).
    var kept: KeptBody? = nil
    var taken = false
    /// Its YAML files' fields as the next build keeps them, and whether they were taken from
    /// those an earlier build kept (``DocumentSetLoader/keptMetadata``).
    var metadata: KeptMetadata? = nil
    var metadataTaken = false
}

/// State shared by the loaders of one set: the root, the sources read so far and the diagnostics.
public struct LoadContext {
    public let root: URL
    public var reader = NodeReader()
    public var sources: [String: SourceFile] = [:]
    /// Folders already resolved (symbolic links followed), by path: every file of a document
    /// folder would otherwise resolve its whole path again, one `stat` per component.
    var resolvedFolders: [String: String] = [:]
    /// The parses of the set's own YAML files (records.yaml…) kept by `docctl serve` between loads.
    var parsed: DocumentLoadCache?

    /// `root.path`, computed once (each `URL.path` decodes the URL again).
    let rootPath: String

    public init(root: URL) {
        self.root = root
        rootPath = root.path
    }

    /// `url.standardizedFileURL.path`: `.` and `..` components of an absolute file URL resolved by
    /// their text (no file system access). Done on the string: Foundation builds several URLs for
    /// it, which was a tenth of loading the example set.
    static func standardizedPath(_ url: URL) -> String { standardizedPath(url.path) }

    /// ``standardizedPath(_:)`` of the path of a file URL.
    static func standardizedPath(_ path: String) -> String {
        guard path.hasPrefix("/"), path.containsLiteral("/.") || path.containsLiteral("//") else { return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `url.resolvingSymlinksInPath().path`, reusing the resolved folder when the file itself is
    /// not a symbolic link (checked with `lstat`).
    mutating func resolvedPath(_ url: URL) -> String { resolvedPath(url, standardized: Self.standardizedPath(url)) }

    private mutating func resolvedPath(_ url: URL, standardized path: String) -> String {
        var status = stat()
        return resolvedPath(url, standardized: path, status: &status)
    }

    /// ``resolvedPath(_:)`` of `url` whose ``standardizedPath(_:)`` is `path`, and what `lstat`
    /// said of the file when it is not a symbolic link (`status.st_mode` is 0 otherwise).
    private mutating func resolvedPath(_ url: URL, standardized path: String, status: inout stat) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return url.resolvingSymlinksInPath().path }
        let name = path[path.index(after: slash)...]
        guard !name.isEmpty, name != ".", name != "..", lstat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFLNK else {
            status.st_mode = 0
            return url.resolvingSymlinksInPath().path
        }
        let folder = String(path[..<slash])
        let resolvedFolder: String
        if let cached = resolvedFolders[folder] {
            resolvedFolder = cached
        } else {
            resolvedFolder = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
            resolvedFolders[folder] = resolvedFolder
        }
        return resolvedFolder == "/" ? "/" + name : resolvedFolder + "/" + name
    }

    /// Path of `url` relative to the root, with `/`.
    public func relative(_ url: URL) -> String { relative(standardized: Self.standardizedPath(url)) }

    private func relative(standardized path: String) -> String {
        let base = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// Reads a text file of the set, reporting unreadable, oversized and non-UTF-8 files.
    public mutating func readText(_ url: URL) -> SourceFile? { readText(find(url)) }

    /// A file of the set as ``readText(_:)`` finds it: its path standardized and resolved, and what
    /// `lstat` said of it when it is not a link and its path needs no standardizing (`st_mode` 0 otherwise).
    struct FoundFile {
        let url: URL
        let standardized: String
        let resolved: String
        let status: stat
    }

    mutating func find(_ url: URL) -> FoundFile {
        let path = url.path
        let standardized = Self.standardizedPath(path)
        var status = stat()
        let resolved = resolvedPath(url, standardized: standardized, status: &status)
        if path != standardized { status.st_mode = 0 }
        return FoundFile(url: url, standardized: standardized, resolved: resolved, status: status)
    }

    /// ``readText(_:)`` of a file found already: the `lstat` of a file that is not a link tells what
    /// a `stat` would, and it is read without one.
    mutating func readText(_ found: FoundFile) -> SourceFile? {
        let (url, standardized) = (found.url, found.standardized)
        let path = relative(standardized: standardized)
        guard isInsideSet(url, standardized: standardized, resolved: found.resolved) else { return nil }
        let read = found.status.st_mode != 0 ? SourceReader.read(url, path: standardized, status: found.status) : SourceReader.read(url)
        switch read {
        case .success(let text):
            let file = SourceFile(path: path, text: text)
            sources[path] = file
            return file
        case .failure(.unreadable(let reason)):
            reader.sink.report(Rules.unreadableFile, at: SourceLocation(path: path), "cannot read \(path): \(reason)")
        case .failure(.tooLarge(let bytes, let limit)):
            reader.sink.report(Rules.fileTooLarge, at: SourceLocation(path: path),
                               "\(path) is \(bytes) bytes; the limit is \(limit) bytes", fix: "split the file")
        case .failure(.notUTF8(let likely, let line)):
            reader.sink.report(Rules.encoding, at: SourceLocation(path: path, line: line, column: 1),
                               "\(path) is not UTF-8; it looks like \(likely)",
                               fix: likely.hasPrefix("GB") ? "convert it: iconv -f GB18030 -t UTF-8 \(path)" : "save it as UTF-8")
        }
        return nil
    }

    /// Whether `url`, symbolic links resolved, stays inside the set; reports it when it does not.
    public mutating func isInsideSet(_ url: URL) -> Bool { isInsideSet(url, standardized: Self.standardizedPath(url)) }

    private mutating func isInsideSet(_ url: URL, standardized: String) -> Bool {
        isInsideSet(url, standardized: standardized, resolved: resolvedPath(url, standardized: standardized))
    }

    private mutating func isInsideSet(_ url: URL, standardized: String, resolved: String) -> Bool {
        if (resolved + "/").hasPrefix(rootPath + "/") { return true }
        let path = relative(standardized: standardized)
        reader.sink.report(Rules.pathOutsideSet, at: SourceLocation(path: path),
                           "\(path) links to \(resolved), outside the document set",
                           fix: "copy the file into the set instead of linking it")
        return false
    }

    /// Reads and parses a YAML file of the set (or takes the parse of the same text from ``parsed``).
    public mutating func readYAML(_ url: URL) -> YAMLNode? {
        guard let file = readText(url) else { return nil }
        if Whitespace.isBlank(file.text) { return nil }
        guard let parsed else { return YAMLParser.parse(file.text, path: file.path, into: &reader.sink) }
        if let kept = parsed.yaml(file.path, text: file.text) {
            reader.sink.append(contentsOf: kept.diagnostics)
            return kept.node
        }
        var sink = DiagnosticSink()
        let node = YAMLParser.parse(file.text, path: file.path, into: &sink)
        parsed.remember(file.path, text: file.text, node: node, diagnostics: sink.diagnostics)
        reader.sink.append(contentsOf: sink.diagnostics)
        return node
    }
}

/// Finds the documents of a set: every folder holding a document.yaml, never leaving the set.
enum Discovery {
    static let maximumDepth = 12

    /// A document folder found: its URL, its path, and its entries (listed once, for its load).
    struct Found {
        let folder: URL
        let path: String
        let entries: FolderEntries
    }

    static func documentFolders(in root: URL, context: inout LoadContext) -> [URL] {
        find(in: root, context: &context).map(\.folder)
    }

    /// The document folders under `root`, sorted by path. Each folder is listed once with
    /// `readdir`, whose entry types tell folders from files without a `stat` (only a link, or a
    /// file system that gives no types, is asked); each document folder's resolved path goes into
    /// `context` for its files.
    static func find(in root: URL, context: inout LoadContext) -> [Found] {
        var result: [Found] = []
        var visited: Set<String> = []
        walk(root, resolved: context.resolvedPath(root), depth: 0, rootPath: root.path, into: &result, visited: &visited,
             context: &context)
        return result.sorted { $0.path < $1.path }
    }

    /// `visited` holds resolved folder paths: a symbolic link back into the set (`loop -> ..`) is
    /// walked once, not once per path that reaches it (three such links made the walk exponential).
    private static func walk(_ folder: URL, resolved: String, depth: Int, rootPath: String, into result: inout [Found],
                             visited: inout Set<String>, context: inout LoadContext) {
        guard depth <= maximumDepth, visited.insert(resolved).inserted else { return }
        let path = folder.path
        let entries = FolderEntries(path)
        guard entries.listed else { return }
        if depth > 0, entries.names.contains("document.yaml") {
            // Its files' folder, resolved once here rather than once more by the document's load.
            context.resolvedFolders[LoadContext.standardizedPath(path)] = resolved
            result.append(Found(folder: folder, path: path, entries: entries))
            return
        }
        let order = entries.names.indices.sorted { entries.names[$0] < entries.names[$1] }
        for index in order {
            let name = entries.names[index]
            guard !name.hasPrefix("."), !(depth == 0 && ["standards", "output"].contains(name)), entries.isFolder(at: index) else { continue }
            let child = folder.appendingPathComponent(name, isDirectory: true)
            let resolved = context.resolvedPath(child)
            if !(resolved + "/").hasPrefix(rootPath + "/") {
                context.reader.sink.report(Rules.pathOutsideSet, at: SourceLocation(path: context.relative(child)),
                                           "folder \(context.relative(child)) is a link to \(resolved), outside the document set",
                                           fix: "copy the folder into the set instead of linking it")
                continue
            }
            walk(child, resolved: resolved, depth: depth + 1, rootPath: rootPath, into: &result, visited: &visited, context: &context)
        }
    }
}
