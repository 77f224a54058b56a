import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Parsed documents kept between loads of the same set (`docctl serve`), so that a save re-reads
/// and re-parses only the folders whose files changed.
///
/// A document folder is taken from the cache when the stamp of every entry under it — path, size,
/// modification and change time to the nanosecond, inode — is what it was when the folder was
/// loaded, and docset.yaml (the only set file a document's loading reads) is unchanged. A folder is
/// never cached when it holds a symbolic link, or when its document shows an image from outside
/// the folder or misses a file (the stamp would not see those files change): such folders are
/// loaded every time. A loaded set is the same, diagnostics included, as a load without the cache
/// (a test edits a set at random and compares).
public final class DocumentLoadCache: @unchecked Sendable {
    struct Entry {
        var stamp: [UInt8]
        var loaded: LoadedDocument
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var config: String?
    /// The set's own YAML files as last parsed, by path: a file whose text is the same is not parsed
    /// again (records.yaml of a large set is tens of milliseconds of Yams on every save).
    private var yamlFiles: [String: (text: String, node: YAMLNode?, diagnostics: [Diagnostic])] = [:]
    private var yamlParses = 0
    /// How many folders the last load took from the cache, and how many it read.
    public private(set) var lastReused = 0
    public private(set) var lastRead = 0

    /// Drops every entry when docset.yaml is not `text` any more.
    func begin(config text: String?) {
        lock.lock()
        defer { lock.unlock() }
        if text != config { entries = [:] }
        config = text
        lastReused = 0
        lastRead = 0
    }

    /// The parse of the YAML file at `path` when its text is `text`, with the diagnostics it gave.
    func yaml(_ path: String, text: String) -> (node: YAMLNode?, diagnostics: [Diagnostic])? {
        lock.lock()
        defer { lock.unlock() }
        guard let kept = yamlFiles[path], kept.text == text else { return nil }
        return (kept.node, kept.diagnostics)
    }

    func remember(_ path: String, text: String, node: YAMLNode?, diagnostics: [Diagnostic]) {
        lock.lock()
        defer { lock.unlock() }
        yamlFiles[path] = (text, node, diagnostics)
        yamlParses += 1
    }

    /// How many of the set's own YAML files were parsed with this cache so far.
    public var setYAMLParses: Int {
        lock.lock()
        defer { lock.unlock() }
        return yamlParses
    }

    /// The cached load of `folder` when nothing under it changed.
    func lookup(_ folder: String, stamp: [UInt8]) -> LoadedDocument? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[folder], entry.stamp == stamp else { return nil }
        lastReused += 1
        return entry.loaded
    }

    /// Remembers a fresh load of `folder` (or forgets the folder when it may not be cached).
    func store(_ folder: String, stamp: [UInt8]?, _ loaded: LoadedDocument) {
        lock.lock()
        defer { lock.unlock() }
        lastRead += 1
        entries[folder] = stamp.map { Entry(stamp: $0, loaded: loaded) }
    }

    /// Forgets the folders not in `folders` (documents removed or moved).
    func keep(only folders: Set<String>) {
        lock.lock()
        defer { lock.unlock() }
        entries = entries.filter { folders.contains($0.key) }
    }

    /// How old (in seconds) the newest change under a folder must be for its stamp to be trusted:
    /// file times advance in clock ticks, so a second save of the same size within one tick of
    /// the first would leave the stamp as it was. A folder changed more recently is read again
    /// next time (as git treats "racily clean" files).
    let settledAfter: Double

    /// `settledAfter`: 2 seconds; tests that edit and load one after the other may pass 0.
    public init(settledAfter: Double = 2) { self.settledAfter = settledAfter }

    /// The stamp of every entry under `folder` (sorted by name, recursively), or nil when it holds a
    /// symbolic link, cannot be read, or changed within ``settledAfter`` seconds.
    func stamp(of folder: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var newest = 0.0
        guard walk(folder, relative: "", into: &bytes, newest: &newest, depth: 0) else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9 - newest < settledAfter ? nil : bytes
    }

    private func walk(_ folder: String, relative: String, into bytes: inout [UInt8], newest: inout Double, depth: Int) -> Bool {
        guard depth <= Discovery.maximumDepth, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return false }
        for name in names.sorted() {
            let path = folder + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { return false }
            let type = status.st_mode & S_IFMT
            if type == S_IFLNK { return false }
            for time in [status.st_mtim, status.st_ctim] { newest = max(newest, Double(time.tv_sec) + Double(time.tv_nsec) / 1e9) }
            bytes.append(contentsOf: (relative + name).utf8)
            bytes.append(0)
            for value in [Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec),
                          Int(status.st_ctim.tv_sec), Int(status.st_ctim.tv_nsec), Int(status.st_ino), Int(status.st_mode)] {
                withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
            }
            if type == S_IFDIR, !walk(path, relative: relative + name + "/", into: &bytes, newest: &newest, depth: depth + 1) { return false }
        }
        return true
    }

    /// Whether a fresh load may be kept: all it read lies in its folder and no file was missing.
    static func cacheable(_ loaded: LoadedDocument, folder: String) -> Bool {
        let prefix = folder + "/"
        if loaded.context.sources.keys.contains(where: { !$0.hasPrefix(prefix) }) { return false }
        if let document = loaded.document, document.images.contains(where: { !$0.source.hasPrefix(prefix) }) { return false }
        return !loaded.context.reader.sink.diagnostics.contains { $0.rule == Rules.missingFile.id || $0.rule == Rules.pathOutsideSet.id }
    }
}
