import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a build remembers of itself (`.docctl-build-cache` at the root of the output), so that the
/// next build into the same folder renders again only the documents that changed.
///
/// For every rendered document: its render key (see ``RenderKeys``), the SHA-256 of each file of
/// its revision folder (page, archive, images) and of its pointer page, and its share of the search
/// index (``SearchIndex/Part``: its entries as JSON and their bigram postings). A later build whose
/// key for the document is the same takes the files from the previous output — after checking each
/// one against the recorded hash — and the search part from here as it is, instead of rendering.
/// The site pages (master list, coverage, registers) are kept the same way under one key
/// (``RenderKeys/sitePages(_:)``); the stylesheets and the search index are always made anew. A
/// cache that is not intact (see ``init(data:)``) is not used at all.
///
/// A clean build writes the same cache, so an incremental build and a clean build of the same
/// sources give the same bytes, this file included.
public struct BuildCache: Sendable, Equatable {
    /// The file at the root of a build's output.
    public static let file = ".docctl-build-cache"

    public struct Entry: Sendable, Equatable {
        /// The render key the files were made with.
        public var key: String
        /// Path (relative to the output) → SHA-256 hex of each file of the revision folder.
        public var files: [String: String]
        /// The document's share of the search index (its entries and their postings).
        public var search: SearchIndex.Part
    }

    /// The site pages (master list, coverage, registers) as one build made them.
    public struct PageSet: Sendable, Equatable {
        /// ``RenderKeys/sitePages(_:)`` of that build.
        public var key: String
        /// Path (relative to the output) → SHA-256 hex of each page.
        public var files: [String: String]
    }

    /// The first line of the file: the format and the docctl that wrote it (another version renders everything again).
    static var header: String { "docctl-build-cache 6 \(DocCtlVersion.number)\n" }
    /// Document number → what was rendered for it.
    public var documents: [String: Entry] = [:]
    /// The site pages, when this build knows their key (not `serve`'s, nor a publish's).
    public var pages: PageSet?
    /// Document folder → the per-document part of the check (its summary and findings), which the
    /// next build's check takes over for a document whose key is unchanged (``DocumentCheckRecord``).
    public var checks: [String: DocumentCheckRecord] = [:]
    /// Document folder → its body as the load made it (``KeptBody``), which the next build's load
    /// takes instead of parsing a body whose text is unchanged.
    public var bodies: [String: KeptBody] = [:]
    /// The documents this build took from the previous one (not written to the file).
    public var reused: Set<String> = []

    public init() {}

    /// The cache as bytes (same cache, same bytes): the header, the number of documents and each
    /// document in number order, then the number of site page sets (0 or 1) and that set, then the
    /// number of check records and each in folder order, then the kept bodies the same way, as
    /// fields (``FieldWriter``: each field its UTF-8 length in decimal, a colon, its bytes and a line
    /// feed), and last a line `sha256 <hex>` over everything before it. A build writes it with
    /// ``write(pieces:)`` instead, never whole in memory.
    public var data: Data {
        var data = Data()
        write { data.append($0) }
        return data
    }

    /// The length of the last line, `sha256 <64 hex digits>\n`.
    static let trailerLength = 72

    /// The bytes of ``data`` handed to `emit` in pieces of about a megabyte, in order, each hashed
    /// on its way (the checksum comes last, so the fields are written once). At 1000 large
    /// documents the cache is ~120 MB, as much as the whole set left in memory at the end of a
    /// build: a build writes the pieces to the file as they come.
    public func write(pieces emit: (Data) -> Void) {
        var hasher = SHA256()
        let header = Data(Self.header.utf8)
        hasher.update(data: header)
        emit(header)
        withoutActuallyEscaping(emit) { emit in
            var body = FieldWriter.streaming { piece in
                hasher.update(data: piece)
                emit(piece)
            }
            writeBody(to: &body)
            body.finish()
        }
        emit(Data("sha256 \(SHA256Hex.string(hasher.finalize()))\n".utf8))
    }

    /// The cache's fields after its header (see ``data``).
    private func writeBody(to body: inout FieldWriter) {
        body.count(documents.count)
        for (number, entry) in documents.sorted(by: { $0.key < $1.key }) {
            body.field(number)
            body.field(entry.key)
            body.count(entry.files.count)
            for (path, hash) in entry.files.sorted(by: { $0.key < $1.key }) {
                body.field(path)
                body.field(hash)
            }
            body.count(entry.search.count)
            body.field(bytes: entry.search.json)
            body.field(bytes: entry.search.postings)
        }
        body.count(pages == nil ? 0 : 1)
        if let pages {
            body.field(pages.key)
            body.count(pages.files.count)
            for (path, hash) in pages.files.sorted(by: { $0.key < $1.key }) {
                body.field(path)
                body.field(hash)
            }
        }
        body.count(checks.count)
        for (folder, record) in checks.sorted(by: { $0.key < $1.key }) {
            body.field(folder)
            record.write(to: &body)
        }
        body.count(bodies.count)
        for (folder, kept) in bodies.sorted(by: { $0.key < $1.key }) {
            body.field(folder)
            kept.write(to: &body)
        }
    }

    /// The cache in `data`, or nil when it is not one this docctl wrote intact: another format or
    /// version, a checksum that does not match (a truncated or edited file), or fields that do not
    /// parse. Any of those only means that every document is rendered and checked again.
    ///
    /// Without `readingDocuments`, only the check records and kept bodies are read (the load and
    /// check of a build, before it renders): the documents' files and search parts are checked and
    /// stepped over, and
    /// ``documents`` is left empty.
    public init?(data: Data, readingDocuments: Bool = true) {
        self.init(bytes: [UInt8](data), readingDocuments: readingDocuments)
    }

    /// ``init(data:readingDocuments:)`` on bytes read straight from the file (no second copy of a
    /// cache that is ~120 MB at 1000 large documents).
    init?(bytes: [UInt8], readingDocuments: Bool = true) {
        let header = Array(Self.header.utf8)
        let end = bytes.count - Self.trailerLength
        guard end > header.count, bytes[..<header.count].elementsEqual(header),
              bytes[end..<(end + 7)].elementsEqual("sha256 ".utf8), bytes[bytes.count - 1] == UInt8(ascii: "\n") else { return nil }
        let recorded = String(decoding: bytes[(end + 7)..<(bytes.count - 1)], as: UTF8.self)
        guard SHA256Hex.string(SHA256.hash(data: bytes[..<end])) == recorded else { return nil }
        var reader = FieldReader(bytes: bytes, position: header.count, end: end)
        var documents: [String: Entry] = [:]
        guard let documentCount = reader.count() else { return nil }
        for _ in 0..<documentCount {
            if !readingDocuments {
                // Number, key, the files (path, hash), the search part (count, entries, postings), stepped over.
                guard reader.skip(), reader.skip(), let fileCount = reader.count(),
                      (0..<(2 * fileCount)).allSatisfy({ _ in reader.skip() }),
                      reader.count() != nil, reader.skip(), reader.skip() else { return nil }
                continue
            }
            guard let number = reader.field(), let key = reader.field(), let files = reader.hashes() else { return nil }
            // The part's bytes are kept as they are in the file (no copy, nothing decoded).
            guard let entryCount = reader.count(), let json = reader.bytesField(), let postings = reader.bytesField(),
                  let search = SearchIndex.Part(count: entryCount, json: json, postings: postings) else { return nil }
            documents[number] = Entry(key: key, files: files, search: search)
        }
        // The site pages: none or one set (key, files), read even without `readingDocuments` (it is small).
        guard let pageSets = reader.count(), pageSets <= 1 else { return nil }
        var pages: PageSet?
        if pageSets == 1 {
            guard let key = reader.field(), let files = reader.hashes() else { return nil }
            pages = PageSet(key: key, files: files)
        }
        guard let checkCount = reader.count() else { return nil }
        var checks: [String: DocumentCheckRecord] = [:]
        for _ in 0..<checkCount {
            guard let folder = reader.field(), let record = DocumentCheckRecord(from: &reader) else { return nil }
            checks[folder] = record
        }
        guard let bodyCount = reader.count() else { return nil }
        var bodies: [String: KeptBody] = [:]
        for _ in 0..<bodyCount {
            guard let folder = reader.field(), let kept = KeptBody(from: &reader) else { return nil }
            bodies[folder] = kept
        }
        guard reader.atEnd else { return nil }
        self.documents = documents
        self.pages = readingDocuments ? pages : nil
        self.checks = checks
        self.bodies = bodies
    }

    /// The cache of the build in `folder`, or nil when there is none or it is not usable (only its
    /// check records without `readingDocuments`, see ``init(data:readingDocuments:)``).
    public static func read(from folder: URL, readingDocuments: Bool = true) -> BuildCache? {
        guard let bytes = readBytes(folder.appendingPathComponent(file).path) else { return nil }
        return BuildCache(bytes: bytes, readingDocuments: readingDocuments)
    }

    /// The bytes of the regular file at `path`, read into one array; nil when it cannot be read whole.
    static func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size >= 0 else { return nil }
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size)) { buffer, count in
            complete = fill(UnsafeMutableRawBufferPointer(buffer), from: descriptor)
            count = complete ? buffer.count : 0
        }
        return complete ? bytes : nil
    }

    /// Reads exactly `buffer.count` bytes from `descriptor` into `buffer`; false when the file
    /// ends (or fails) before.
    static func fill(_ buffer: UnsafeMutableRawBufferPointer, from descriptor: Int32) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let read = Glibc.read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if read < 0 && errno == EINTR { continue }
            if read <= 0 { return false }
            offset += read
        }
        return true
    }
}

extension FieldReader {
    /// A count, then that many paths each with its hash (as the cache writes the files of a document or of the site pages).
    mutating func hashes() -> [String: String]? {
        guard let count = count() else { return nil }
        var files: [String: String] = [:]
        for _ in 0..<count {
            guard let path = field(), let hash = field() else { return nil }
            files[path] = hash
        }
        return files
    }
}

/// A previous build in the output folder, whose unchanged documents are taken over.
public struct PreviousBuild: Sendable {
    public let folder: URL
    public let cache: BuildCache
    /// The files of the previous build are still in place where the caller keeps them (`docctl
    /// serve` updates its private build folder itself): reused documents hand no files to `write`,
    /// and nothing is read back.
    public let filesInPlace: Bool

    public init(folder: URL, cache: BuildCache, filesInPlace: Bool = false) {
        self.folder = folder
        self.cache = cache
        self.filesInPlace = filesInPlace
    }

    /// The previous build in `folder`, if docctl wrote it with a cache (a draft build is never reused
    /// for a real one). With `cache` (read from the folder's cache file earlier in the same run),
    /// the file is not read again: every file taken over is still checked against the hash this
    /// cache recorded, so a folder changed in between only means fewer documents taken over.
    public static func at(_ folder: URL, draft: Bool, cache: BuildCache? = nil) -> PreviousBuild? {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.appendingPathComponent(OutputWriter.marker).path),
              manager.fileExists(atPath: folder.appendingPathComponent(DraftBuild.marker).path) == draft,
              let cache = cache ?? BuildCache.read(from: folder) else { return nil }
        return PreviousBuild(folder: folder, cache: cache)
    }

    /// The files and search part of `number` when it was rendered with `key` and every file is
    /// still there with the recorded hash; nil otherwise (the document is rendered again).
    func reuse(_ number: String, key: String) -> (files: [ReusedFile], entry: BuildCache.Entry)? {
        guard let entry = cache.documents[number], entry.key == key else { return nil }
        if filesInPlace { return ([], entry) }
        return read(entry.files).map { ($0, entry) }
    }

    /// The site pages when they were made with `key` and every one is still there with the
    /// recorded hash; nil otherwise (they are rendered again). Never with ``filesInPlace``.
    func reusePages(key: String) -> (files: [ReusedFile], pages: BuildCache.PageSet)? {
        guard !filesInPlace, let pages = cache.pages, pages.key == key, !pages.files.isEmpty else { return nil }
        return read(pages.files).map { ($0, pages) }
    }

    /// Each of `files` (path → hash) read from the previous output; nil when one is not there with its hash.
    private func read(_ files: [String: String]) -> [ReusedFile]? {
        let base = folder.standardizedFileURL.path + "/"
        var read: [ReusedFile] = []
        for (path, hash) in files.sorted(by: { $0.key < $1.key }) {
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !path.hasPrefix("/"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
                  let file = ReusedFile.read(path, at: base + path), SHA256Hex.of(file.data) == hash else { return nil }
            read.append(file)
        }
        return read
    }
}

/// A file of the previous build taken over, read and hashed through one descriptor.
///
/// The new output gets it as a hard link to the same file (``identity``), not a copy, when that
/// cannot make the two outputs share anything a later change would reach: the file is a regular
/// file with no other name (one link), owned by this user, with the permissions a fresh file gets
/// (`0644` under the process's umask). The builder links it into the staged folder, checks that
/// the new name is the inode it read, and swaps; the previous folder is removed right after, so the
/// file is left with the new output's name alone. Anything else — another file system, a file the
/// user linked elsewhere or changed the mode of, a link that fails — is copied from ``data``.
struct ReusedFile: Sendable {
    /// Path relative to the output.
    var path: String
    /// The bytes that were hashed.
    var data: Data
    /// Where it is in the previous build (absolute).
    var origin: String
    /// Device and inode of what was read, when it may be linked (see above).
    var identity: FileIdentity?

    static func read(_ path: String, at origin: String) -> ReusedFile? {
        let descriptor = open(origin, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              info.st_size >= 0, info.st_size <= SiteRenderer.maximumFileBytes else { return nil }
        var data = Data(count: Int(info.st_size))
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            // Nothing after the size fstat gave: the file did not grow while it was read.
            var extra: UInt8 = 0
            return BuildCache.fill(buffer, from: descriptor) && Glibc.read(descriptor, &extra, 1) == 0
        }
        guard complete else { return nil }
        let linkable = info.st_nlink == 1 && info.st_uid == geteuid() && info.st_mode & 0o7777 == FileIdentity.freshMode
        return ReusedFile(path: path, data: data, origin: origin,
                          identity: linkable ? FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) : nil)
    }
}

/// Which file a name refers to: its device and inode.
public struct FileIdentity: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64

    /// The identity of the regular file `path` names (not following a symbolic link), or nil.
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The permissions of a file docctl creates (`0644` under the umask), or an impossible value
    /// when the umask cannot be read without changing it (then nothing is linked).
    static let freshMode: mode_t = {
        // Linux shows the umask in /proc/self/status; umask(2) would set it, racing other threads.
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
              let mask = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8) else { return 0o10000 }
        return 0o644 & ~mask
    }()
}

/// The render key of each document: a SHA-256 over everything its revision folder is made from.
///
/// - the context every page shares: docctl's version, the templates, the build date, `--today`,
///   draft or not, the set's own files (docset.yaml, organisation, matrix, records, standards…),
///   and for every document what other pages show of it (number, folder, revision, status, title,
///   type, classification, owner, clauses, records) and where each clause's section is;
/// - the document's own files (every source file in its folder, its images) and, in a draft
///   build, the problems listed on its page;
/// - the own files of every document it refers to with more than its number (`[[QP-04#…]]`,
///   `[[QP-04@B/1]]`: a revision of its history); a plain `[[QP-04]]` shows only what the shared
///   context holds (title, number, revision folder, whether it is published), so a referrer is not
///   rendered again when only QP-04's text changes. A document with a generated block (`{{…}}`)
///   that shows more of other documents than that context depends on every document
///   (``contextBlocks``); one showing the coverage report depends on the report's digest
///   (``coverageBlocks``).
///
/// Anything else that could change a page changes one of these; a test builds incrementally after
/// random edits and compares with a clean build byte for byte.
enum RenderKeys {
    /// Every document's render key, by number, and the digest of the context they share (which
    /// the site pages' key holds too, see ``sitePages(_:context:)``).
    struct Keys: Equatable {
        var documents: [String: String]
        var context: String
    }

    static func compute(_ renderer: SiteRenderer) -> Keys {
        let set = renderer.set
        let documents = set.documents
        let contextHash = sharedContext(renderer)
        let labels = Labels.for(set.config.language)
        let ownSources = set.ownSourceDigests
        let own: [String] = documents.indices.map { index in
            let document = documents[index]
            // Its own files and images, digested once per set (the check's records are keyed by it too).
            var text = "own \(document.number)\n\(ownSources[index])\n"
            if let draft = renderer.draft {
                let notice = draft.notice(labels, document: document)
                text += "draft \(notice.summary)\n" + notice.problems.map { $0 + "\n" }.joined()
            }
            return SHA256Hex.of(Data(text.utf8))
        }
        let index = Dictionary(documents.enumerated().map { ($1.number, $0) }, uniquingKeysWith: { first, _ in first })
        let everything = SHA256Hex.of(Data(own.joined(separator: "\n").utf8))
        let bodies = documents.map(\.bodySummary)
        let coverage = bodies.contains(where: showsCoverage) ? coverageDigest(renderer.coverage) : "-"
        return Keys(documents: Dictionary(documents.indices.map { position in
            let document = documents[position]
            var text = "\(contextHash)\n\(own[position])\n"
            if showsCoverage(bodies[position]) { text += "coverage \(coverage)\n" }
            switch dependencies(bodies[position]) {
            case .all: text += "all \(everything)\n"
            case .some(let numbers):
                for number in numbers.sorted() where number != document.number {
                    text += "ref \(number) \(index[number].map { own[$0] } ?? "-")\n"
                }
            }
            return (document.number, SHA256Hex.of(Data(text.utf8)))
        }, uniquingKeysWith: { first, _ in first }), context: contextHash)
    }

    /// The digest of the context every page shares (see ``RenderKeys``): what every render key
    /// and the site pages' key (``sitePages(_:context:)``) hold.
    static func sharedContext(_ renderer: SiteRenderer) -> String {
        let set = renderer.set
        let site = renderer.site
        let documents = set.documents
        // Each source file goes to the document whose folder holds it, or to the set.
        let owned = set.ownedSourcePaths
        let ownedPaths = Set(owned.joined())
        let setFiles = set.sources.keys.sorted().filter { !ownedPaths.contains($0) }
        var context = "docctl-render-key 2\n\(DocCtlVersion.number)\ntemplates \(renderer.templates.fingerprint)\n"
        context += "date \(renderer.buildDate) today \(renderer.builder.today) draft \(renderer.draft != nil)\n"
        for path in setFiles { append(path, set.sources[path]!.text, to: &context) }
        for document in documents {
            let number = document.number
            context += "document \(number) \(document.folder) \(site.revisionFolders[number] ?? "-") "
                + "\(site.published.contains(number)) \(site.documentFolders[number] ?? "-")\n"
            context += "\(document.title)\n\(document.type.rawValue) \(document.withdrawn) \(document.controlled) "
                + "\(document.classification?.value ?? "-") \(document.owner?.value ?? "-")\n"
            context += "clauses \(document.clauses.map(\.value).joined(separator: ",")) records \(document.records.map(\.value).joined(separator: ","))\n"
            // What other pages show of a status (its digest and reasons change with every edit: they are the document's own).
            context += "status \(site.status(number).map { "\($0.state) \($0.isDraft) \($0.revisionText) \($0.follows ?? "-")" } ?? "-")\n"
        }
        for (clause, target) in site.clauseTargets.sorted(by: { $0.key < $1.key }) {
            context += "clause \(clause) \(target.document) \(target.anchor) \(target.number ?? "-") \(target.title)\n"
        }
        context += "records \(site.recordList.map { "\($0.document) \($0.anchor)" } ?? "-")\n"
        return SHA256Hex.of(Data(context.utf8))
    }

    /// The key of the site pages (master list, coverage, registers): a SHA-256 over everything they
    /// are made from. A build renders them from the set with its bodies dropped
    /// (``SiteRenderer/droppingBodies(_:)``), so of a document they read its metadata files and what
    /// the dropped body keeps; the key holds
    /// - `context`, the context every page shares (``sharedContext(_:)``: templates, dates, the set's own
    ///   files, every document's title, type, owner, classification, status, where its page is…);
    /// - the coverage report's digest (``coverageDigest(_:)``);
    /// - in a draft build, the whole set's problems (listed at the top of each of these pages);
    /// - for every document, its own files except its Markdown bodies (document.yaml and the
    ///   history, distribution and acknowledgement files: dates, reviews, copies, briefings) and
    ///   what its body tells besides its text: every section's level, number, title, anchor,
    ///   clauses, whether it is an appendix, a stub or unwritten, its generated blocks; the body's
    ///   generated blocks and references; its images.
    ///
    /// An edit of a body's text that changes none of these (a paragraph added, a sentence
    /// corrected) leaves the key, and the pages, as they were: the next build takes them from the
    /// previous output (see ``PreviousBuild/reusePages(key:)``).
    static func sitePages(_ renderer: SiteRenderer, context: String) -> String {
        let set = renderer.set
        let documents = set.documents
        let owned = set.ownedSourcePaths
        let sources = set.sources
        let perDocument = Parallel.map(documents.count) { index -> String in
            let document = documents[index]
            let bodies = document.bodyFiles.map(\.path)
            let bodyPaths = Set(bodies)
            // Built with appends, not interpolation (which formats each Bool and Int through a
            // generic path): this runs over every section of the set on every build.
            func flag(_ value: Bool) -> String { value ? "1" : "0" }
            var text = "document " + document.number + " " + flag(document.hasUnreadableBody) + " bodies " + bodies.joined(separator: ",") + "\n"
            for path in owned[index] where !bodyPaths.contains(path) { append(path, sources[path]!.text, to: &text) }
            let summary = document.bodySummary
            text += "blocks " + summary.generatedBlocks.sorted().joined(separator: ",") + " preamble "
            text += summary.preamblePlaceholders.joined(separator: ",") + " refs " + summary.referencedNumbers.sorted().joined(separator: ",") + "\n"
            document.forEachSection { section in
                text += "section " + String(section.level) + " " + (section.number ?? "-") + " " + section.anchor + " "
                text += flag(section.isAppendix) + flag(section.isStub) + flag(section.isUnwritten) + "\n" + section.title + "\nclauses "
                text += section.clauses.joined(separator: ",") + " " + (section.explicitClauses.map { $0.map(\.value).joined(separator: ",") } ?? "-")
                text += " blocks " + section.placeholderNames.joined(separator: ",") + "\n"
            }
            for image in document.images { text += "image " + image.source + " " + image.sha256 + "\n" }
            return SHA256Hex.of(Data(text.utf8))
        }
        var text = "docctl-site-pages 1\n\(context)\ncoverage \(coverageDigest(renderer.coverage))\n"
        text += "audit-pack \(renderer.builder.inAuditPack)\n"
        if let draft = renderer.draft {
            let notice = draft.notice(Labels.for(set.config.language), document: nil)
            text += "draft \(notice.summary)\n" + notice.problems.map { $0 + "\n" }.joined()
        }
        text += perDocument.joined(separator: "\n")
        return SHA256Hex.of(Data(text.utf8))
    }

    enum Dependencies { case all, some(Set<String>) }

    /// The documents whose own files a document with `body` shows something of (see ``RenderKeys``),
    /// or all of them when it holds a generated block that shows more of other documents than the
    /// shared context and the coverage report.
    static func dependencies(_ body: DroppedDocumentBody) -> Dependencies {
        body.generatedBlocks.isSubset(of: contextBlocks.union(coverageBlocks)) ? .some(body.referencedNumbers) : .all
    }

    /// Whether a document with `body` shows the coverage report (``coverageBlocks``): its key then holds the
    /// report's digest.
    static func showsCoverage(_ body: DroppedDocumentBody) -> Bool {
        !body.generatedBlocks.isDisjoint(with: coverageBlocks)
    }

    /// The generated blocks made from the shared context and the coverage report (every clause's
    /// status, the sections and procedures that cover it): the report's digest stands in their key
    /// for every document's sections.
    static let coverageBlocks: Set<String> = ["coverage-matrix", "statement-of-applicability"]

    /// A digest of everything ``GeneratedBlocks`` shows of `report` (its clause tree and the
    /// applicability decisions come from the set's own files, in the shared context).
    static func coverageDigest(_ report: CoverageReport?) -> String {
        guard let report else { return "-" }
        var text = "coverage 1 \(report.key) \(report.depth)\n"
        for entry in report.entries {
            text += "\(entry.clause.id) \(entry.status.rawValue) \(entry.required) \(entry.unwritten) \(entry.lead ?? "-")\n"
            text += "\(entry.justification ?? "-")\n\(entry.procedures.joined(separator: ","))\n"
            for section in entry.sections {
                text += "section \(section.document) \(section.anchor) \(section.number ?? "-")\n\(section.title)\n"
            }
        }
        return SHA256Hex.of(Data(text.utf8))
    }

    /// The generated blocks made only from what the shared context of the key holds: the set's own
    /// files (docset.yaml, organisation, matrix, records, records log, standards), `--today`, the
    /// page's own document, and for other documents their number, title, type, owner, clauses,
    /// status and where their pages are. A manual listing the procedures is then not rendered again
    /// when only a procedure's text changes (it was, on every save in `serve`).
    /// Besides those and ``coverageBlocks``, the others read other documents' own files: copy
    /// issues, effective dates and acknowledgements (distribution register, withdrawn list,
    /// briefing record); an unknown name is treated the same.
    static let contextBlocks: Set<String> = [
        "procedure-list", "document-list", "record-list", "responsibility-matrix", "org-chart", "revision-history",
        "external-document-list", "record-disposition",
    ]

    private static func append(_ path: String, _ text: String, to context: inout String) {
        context += "file \(path) \(text.utf8.count)\n"
        context += text
    }
}
