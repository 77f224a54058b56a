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

    /// Writes `data` at `path` (relative, with `/`) below `folder`, creating the folders between
    /// (remembered in `folders` when given); with `appending`, adds it at the end of the file. May
    /// be called from several threads at once for different paths.
    public static func write(_ data: Data, to path: String, in folder: URL, appending: Bool = false,
                             folders: StagedOutput.FolderMaker? = nil, written: Written? = nil) throws(DocCtlError) {
        let full = try prepare(path, in: folder, folders: folders)
        try StagedOutput.writeStaged(data, at: full, appending: appending)
        written?.add(path)
    }

    /// The paths written into a staged folder, recorded as they are written (from several threads):
    /// given to ``replace(_:written:filling:)``, the marker lists them without the folder being
    /// listed again. Every file put there must go through ``write(_:to:in:appending:folders:written:)``
    /// or ``link(_:identity:to:in:folders:written:)`` with it.
    public final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: Set<String> = []

        public init() {}

        func add(_ path: String) {
            lock.lock()
            paths.insert(path)
            lock.unlock()
        }

        var sorted: [String] {
            lock.lock()
            defer { lock.unlock() }
            return paths.sorted()
        }
    }

    /// Puts the previous build's file `origin` at `path` below `folder` as a hard link, when it is
    /// still the file `identity` names (the one that was read and hashed, see ``ReusedFile``).
    /// False when the file system does not link, or the name now refers to another file: nothing
    /// is left at `path` then, and the caller writes the bytes it checked.
    public static func link(_ origin: String, identity: FileIdentity, to path: String, in folder: URL,
                            folders: StagedOutput.FolderMaker? = nil, written: Written? = nil) throws(DocCtlError) -> Bool {
        let full = try prepare(path, in: folder, folders: folders)
        // link(2) does not follow a symbolic link: one put at `origin` since is linked as itself, and refused below.
        guard Glibc.link(origin, full) == 0 else { return false }
        if FileIdentity.of(full) == identity {
            written?.add(path)
            return true
        }
        unlink(full)
        return false
    }

    /// The full path of `path` below `folder`, the folders between made.
    private static func prepare(_ path: String, in folder: URL, folders: StagedOutput.FolderMaker?) throws(DocCtlError) -> String {
        precondition(!path.hasPrefix("/") && !path.split(separator: "/").contains(".."), "output path \(path) escapes the output folder")
        let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        if let slash = path.lastIndex(of: "/") {
            let parent = base + path[..<slash]
            if let folders { try folders.make(parent, below: base) } else { try StagedOutput.makeFolders(parent, below: base) }
        }
        return base + path
    }

    /// Replaces `target` by a folder that `fill` writes (it is given the new, empty folder). With
    /// `written`, every file `fill` writes is recorded there (see ``Written``).
    public static func replace(_ target: URL, written: Written? = nil, filling fill: (URL) throws(DocCtlError) -> Void) throws(DocCtlError) {
        let manager = FileManager.default
        let target = target.standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        guard !name.isEmpty, name != "/", name != ".", name != ".." else { throw .usage("\(target.path) cannot be an output folder") }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .io("\(target.path) exists and is not a folder; choose another output folder")
        }
        let lock = try FolderLock(folder: target)
        defer { withExtendedLifetime(lock) {} }
        removeStale(in: parent, name: name)
        // Only staging folders that hold the marker are a build's own: nothing else is removed.
        StagedOutput.clearLeftovers(of: target) { manager.fileExists(atPath: $0.appendingPathComponent(marker).path) }
        let replacing = manager.fileExists(atPath: target.path)
        let stage = StagedOutput.stagingFolder(for: target)
        try? manager.removeItem(at: stage)
        do {
            try manager.createDirectory(at: stage, withIntermediateDirectories: false)
            try Data((markerHeader + "\n").utf8)
                .write(to: stage.appendingPathComponent(marker))
        } catch {
            try? manager.removeItem(at: stage)
            throw .io("cannot write the output into \(stage.path): \(error.localizedDescription)")
        }
        do throws(DocCtlError) {
            // Whether the target may be replaced is found (by listing it) on another core while the new
            // output is written; nothing is swapped unless it may.
            var failure: DocCtlError?
            let (_, refusal) = Parallel.alongside({ () -> DocCtlError? in
                guard replacing else { return nil }
                do throws(DocCtlError) {
                    try checkReplaceable(target)
                    return nil
                } catch {
                    return error
                }
            }) {
                do throws(DocCtlError) { try fill(stage) } catch { failure = error }
            }
            if let refusal { throw refusal }
            if let failure { throw failure }
            // The marker lists what this build wrote: only those files are replaced by the next one.
            let listed = written?.sorted ?? (OutputLayout.list(stage) ?? [:]).keys.filter { $0 != marker }.sorted()
            try StagedOutput.writeStaged(Data(([markerHeader] + listed).map { $0 + "\n" }.joined().utf8),
                                         at: stage.appendingPathComponent(marker).path)
            try StagedOutput.swap(stage, into: target) { DocCtlError.io("cannot move the output into \(target.path): \($0)") }
        } catch {
            try? manager.removeItem(at: stage)
            throw error
        }
        // After the swap the staging folder holds the previous output.
        remove(stage)
    }

    /// Removes the folder `path` and everything in it, its entries spread over the cores (a build's
    /// thousand document folders are unlinked in two halves); what is left, if anything, is then
    /// removed by `FileManager`.
    static func remove(_ folder: URL) {
        let path = folder.path
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            try? FileManager.default.removeItem(at: folder)
            return
        }
        _ = Parallel.map(entries.count) { index in removeTree(path + "/" + entries[index]) }
        if rmdir(path) != 0 { try? FileManager.default.removeItem(at: folder) }
    }

    /// Unlinks `path`, or empties and removes it when it is a folder (a symbolic link is unlinked, never followed).
    private static func removeTree(_ path: String) {
        if unlink(path) == 0 || (errno != EISDIR && errno != EPERM) { return }
        DirectoryEntries.forEach(path) { name, _ in removeTree(path + "/" + name) }
        rmdir(path)
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

    /// Removes the temporary and old folders that builds of docctl before ``StagedOutput`` left
    /// when they were killed half-way.
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
