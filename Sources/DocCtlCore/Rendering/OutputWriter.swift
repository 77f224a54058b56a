import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole output folder atomically: into a temporary folder beside the target, then
/// renamed into place, so that a failed or killed build leaves the previous output whole.
///
/// An existing target is replaced only when it is empty or docctl wrote it: it holds
/// `.docctl-output`, which lists every file the build wrote (`docctl-output 1`, then one path a
/// line), and nothing else is in it. An output of an older docctl (whose marker lists nothing) is
/// replaced when every file in it lies where a build writes (see ``OutputLayout``). `-o` pointing
/// at a folder of the user's, or at an output the user has added files to, is refused, never
/// emptied. Two builds into one folder are kept apart by the lock `publish` takes (``FolderLock``).
public enum OutputWriter {
    /// The file that marks a folder as docctl's output.
    public static let marker = ".docctl-output"
    /// The first line of the marker (its format version).
    static let markerHeader = "docctl-output 1"

    /// Replaces `target` by a folder holding exactly `files` (paths relative to it, with `/`).
    public static func replace(_ target: URL, with files: [String: Data]) throws(DocCtlError) {
        try replace(target) { folder throws(DocCtlError) in
            for path in files.keys.sorted() { try write(files[path]!, to: path, in: folder) }
        }
    }

    /// Writes `data` at `path` (relative, with `/`) below `folder`, creating the folders between.
    /// May be called from several threads at once for different paths.
    public static func write(_ data: Data, to path: String, in folder: URL) throws(DocCtlError) {
        precondition(!path.hasPrefix("/") && !path.split(separator: "/").contains(".."), "output path \(path) escapes the output folder")
        let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        let full = base + path
        if let slash = path.lastIndex(of: "/") { try makeFolders(base + path[..<slash], below: base) }
        try writeFile(data, at: full)
    }

    /// Writes a new file with plain POSIX calls. Foundation's `Data.write(to:)` syncs every file to
    /// disk (3 000 `fsync`s, a second of a 1000-document build); a build's output is replaced as a
    /// whole and a killed build leaves the previous output, so per-file durability buys nothing.
    static func writeFile(_ data: Data, at path: String) throws(DocCtlError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let failure: Int32? = data.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw .io("cannot write \(path): \(String(cString: strerror(failure)))") }
    }

    /// Creates `folder` and the folders above it up to `base` (which exists), as `mkdir -p`.
    static func makeFolders(_ folder: String, below base: String) throws(DocCtlError) {
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = folder.lastIndex(of: "/"), folder.count > base.count else {
            throw .io("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        try makeFolders(String(folder[..<slash]), below: base)
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw .io("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
    }

    /// Replaces `target` by a folder that `fill` writes (it is given the new, empty folder).
    public static func replace(_ target: URL, filling fill: (URL) throws(DocCtlError) -> Void) throws(DocCtlError) {
        let manager = FileManager.default
        let target = target.standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        guard !name.isEmpty, name != "/", name != ".", name != ".." else { throw .usage("\(target.path) cannot be an output folder") }
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue { throw .io("\(target.path) exists and is not a folder; choose another output folder") }
        let lock = try FolderLock(folder: target)
        defer { withExtendedLifetime(lock) {} }
        if exists { try checkReplaceable(target) }
        removeStale(in: parent, name: name)
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = parent.appendingPathComponent(".\(name).docctl-tmp-\(pid)")
        let old = parent.appendingPathComponent(".\(name).docctl-old-\(pid)")
        try? manager.removeItem(at: temporary)
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            try Data((markerHeader + "\n").utf8)
                .write(to: temporary.appendingPathComponent(marker))
        } catch {
            try? manager.removeItem(at: temporary)
            throw .io("cannot write the output into \(temporary.path): \(error.localizedDescription)")
        }
        do {
            try fill(temporary)
            // The marker lists what this build wrote: only those files are replaced by the next one.
            let written = (OutputLayout.list(temporary) ?? [:]).keys.filter { $0 != marker }.sorted()
            try writeFile(Data(([markerHeader] + written).map { $0 + "\n" }.joined().utf8),
                          at: temporary.appendingPathComponent(marker).path)
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
        do {
            if exists {
                try manager.moveItem(at: target, to: old)
                do {
                    try manager.moveItem(at: temporary, to: target)
                } catch {
                    try? manager.moveItem(at: old, to: target)
                    throw error
                }
                try? manager.removeItem(at: old)
            } else {
                try manager.moveItem(at: temporary, to: target)
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw .io("cannot move the output into \(target.path): \(error.localizedDescription)")
        }
    }

    /// Refuses an existing, non-empty `target` unless everything in it was written by a build.
    static func checkReplaceable(_ target: URL) throws(DocCtlError) {
        guard let listing = OutputLayout.list(target) else { throw .io("cannot read \(target.path)") }
        if listing.isEmpty { return }
        let refusal = "\(target.path) exists and was not written by docctl build"
        guard listing[marker] == true, let data = FileManager.default.contents(atPath: target.appendingPathComponent(marker).path),
              let text = String(data: data, encoding: .utf8) else {
            throw .io("\(refusal) (no \(marker) in it); remove it or choose another output folder")
        }
        let lines = text.split(separator: "\n").map(String.init)
        let foreign: String?
        if lines.first == markerHeader {
            let written = Set(lines.dropFirst())
            foreign = listing.keys.sorted().first { $0 != marker && !(listing[$0]! && written.contains($0)) }
        } else if text.hasPrefix("docctl build output") {
            // The marker of a docctl before the file list: the layout must be exactly a build's.
            foreign = OutputLayout.foreignEntry(in: listing)
        } else {
            throw .io("\(refusal) (\(marker) is not docctl's); remove it or choose another output folder")
        }
        if let foreign {
            throw .io("\(refusal): \(foreign) is not a file the last build wrote; move it out of the folder or choose another output folder")
        }
    }

    /// Removes temporary and old folders of earlier builds that were killed half-way.
    static func removeStale(in parent: URL, name: String) {
        let manager = FileManager.default
        let prefixes = [".\(name).docctl-tmp-", ".\(name).docctl-old-"]
        for entry in ((try? manager.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        where prefixes.contains(where: entry.hasPrefix) {
            let url = parent.appendingPathComponent(entry)
            if manager.fileExists(atPath: url.appendingPathComponent(marker).path) { try? manager.removeItem(at: url) }
        }
    }
}
