import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way docctl replaces what it writes: a build's output folder, a published site, a copy or
/// redline page, and the source files `release` and `revise` record. The new content is staged
/// beside its target (in the same folder, so on the same file system), put on disk, and moved into
/// place in one rename, so that a reader, a killed process or a full disk leaves the old content or
/// the new one: never a mix, never nothing. Each function takes the error its caller reports
/// (`failure`), so every layer keeps its own error type.
public enum StagedOutput {
    // MARK: Files

    /// Replaces the file at `url` by `data`, keeping the permissions of the file it replaces; the
    /// folder is created when missing. The temporary file (`.<name>.docctl-<pid>.tmp`) is synced
    /// before the rename.
    public static func write<Failure: Error>(_ data: Data, to url: URL,
                                             failure: (String) -> Failure) throws(Failure) {
        let manager = FileManager.default
        let folder = url.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create folder \(folder.path): \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).docctl-\(getpid()).tmp")
        guard manager.createFile(atPath: temporary.path, contents: data) else {
            throw failure("cannot write \(temporary.path) (is \(folder.path) writable?)")
        }
        if let permissions = try? manager.attributesOfItem(atPath: url.path)[.posixPermissions] {
            try? manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
        }
        if let handle = FileHandle(forUpdatingAtPath: temporary.path) {
            try? handle.synchronize()
            try? handle.close()
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: temporary)
            throw failure("cannot replace \(url.path): \(reason)")
        }
    }

    /// Writes a new file inside a staging folder with plain POSIX calls and no sync: a staged
    /// folder is synced once as a whole (``syncFolder(_:)``) before it is swapped in, which spares a
    /// large build thousands of `fsync`s. May be called from several threads for different paths.
    ///
    /// Unless `appending`, the file is always a new one: a name already there is removed first and
    /// never written through, since a staged folder may hold hard links to the files of the output
    /// it replaces (``OutputWriter/link(_:identity:to:in:folders:)``).
    public static func writeStaged(_ data: Data, at path: String, appending: Bool = false) throws(DocCtlError) {
        var descriptor = open(path, O_WRONLY | O_CREAT | (appending ? O_APPEND : O_EXCL) | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == EEXIST && !appending && unlink(path) == 0 {
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
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
    public static func makeFolders(_ folder: String, below base: String) throws(DocCtlError) {
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = folder.lastIndex(of: "/"), folder.count > base.count else {
            throw .io("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        try makeFolders(String(folder[..<slash]), below: base)
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw .io("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
    }

    // MARK: Folders

    /// ``makeFolders(_:below:)`` that remembers what it made, for the thousands of files of a
    /// build that share a few folders each (one `mkdir` per folder instead of one per file). May be
    /// used from several threads.
    public final class FolderMaker: @unchecked Sendable {
        private let lock = NSLock()
        private var made: Set<String> = []

        public init() {}

        public func make(_ folder: String, below base: String) throws(DocCtlError) {
            lock.lock()
            let known = made.contains(folder)
            lock.unlock()
            if known { return }
            try StagedOutput.makeFolders(folder, below: base)
            lock.lock()
            made.insert(folder)
            lock.unlock()
        }
    }

    /// The staging folder of this process for `target`: `.<name>.docctl-stage-<pid>` beside it.
    public static func stagingFolder(for target: URL) -> URL {
        target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).docctl-stage-\(getpid())")
    }

    /// Clears what a killed run left beside `target` (call it holding the target's lock): when the
    /// target is missing because a swap without atomic exchange was interrupted, the previous folder
    /// is put back first; then every staging folder that `isLeftover` accepts is removed.
    public static func clearLeftovers(of target: URL, isLeftover: (URL) -> Bool = { _ in true }) {
        let manager = FileManager.default
        let parent = target.deletingLastPathComponent()
        let prefix = ".\(target.lastPathComponent).docctl-stage-"
        let leftovers = ((try? manager.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
        if !manager.fileExists(atPath: target.path), let previous = leftovers.first(where: { $0.hasSuffix("-previous") }) {
            _ = rename(parent.appendingPathComponent(previous).path, target.path)
        }
        for name in leftovers {
            let url = parent.appendingPathComponent(name)
            if manager.fileExists(atPath: url.path), isLeftover(url) { try? manager.removeItem(at: url) }
        }
    }

    /// Puts everything written into `folder` on disk with one `syncfs` (one `fsync` elsewhere).
    public static func syncFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = syncFileSystem(descriptor)
        close(descriptor)
    }

    typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2(…, RENAME_EXCHANGE)` where the C library has it (Linux): looked up at run time,
    /// since Swift's Glibc module does not declare it.
    static let exchange: Renameat2? = {
        #if os(Linux)
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
        #else
        return nil
        #endif
    }()

    /// Puts the finished folder `staged` at `target`. When `target` exists the two are exchanged in
    /// one step where the system allows it (readers see the old folder or the new one, never none),
    /// otherwise with two renames (the old one waits at `<staged>-previous`, which
    /// ``clearLeftovers(of:isLeftover:)`` puts back after a crash); either way the previous folder
    /// ends up at `staged`, for the caller to remove.
    public static func swap<Failure: Error>(_ staged: URL, into target: URL,
                                            failure: (String) -> Failure) throws(Failure) {
        guard FileManager.default.fileExists(atPath: target.path) else {
            guard rename(staged.path, target.path) == 0 else {
                throw failure("cannot move \(staged.path) to \(target.path): \(String(cString: strerror(errno)))")
            }
            return
        }
        if let exchange, exchange(AT_FDCWD, staged.path, AT_FDCWD, target.path, 2 /* RENAME_EXCHANGE */) == 0 { return }
        let aside = staged.deletingLastPathComponent().appendingPathComponent(staged.lastPathComponent + "-previous")
        guard rename(target.path, aside.path) == 0 else {
            throw failure("cannot move \(target.path) aside: \(String(cString: strerror(errno)))")
        }
        guard rename(staged.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(aside.path, target.path)
            throw failure("cannot move \(staged.path) to \(target.path): \(reason)")
        }
        _ = rename(aside.path, staged.path)
    }
}

#if os(Linux)
/// glibc's `syncfs(2)`, which the Glibc module does not import (it needs `_GNU_SOURCE`).
@_silgen_name("syncfs")
private func syncFileSystem(_ descriptor: Int32) -> Int32
#else
private func syncFileSystem(_ descriptor: Int32) -> Int32 { fsync(descriptor) }
#endif
