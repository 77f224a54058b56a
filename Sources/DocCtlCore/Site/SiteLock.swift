import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock of a site, held while one `publish` writes it (see ``FolderLock``; `build` takes the
/// same lock on its output folder).
public final class SiteLock {
    private let lock: FolderLock
    /// The lock file.
    public var url: URL { lock.url }

    /// Takes the lock of `site`, or refuses at once when another process holds it.
    public init(site: URL) throws(WorkflowError) {
        do { lock = try FolderLock(folder: site) } catch { throw .environment(error.description) }
    }
}

/// Swapping a finished folder into place.
enum FolderSwap {
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

    /// Puts `staged` at `target`. When `target` exists the two are exchanged in one step where the
    /// system allows it (readers see the old site or the new one, never none), otherwise with two
    /// renames; either way the previous site ends up at `staged`, for the caller to remove.
    static func swap(_ staged: URL, into target: URL) throws(WorkflowError) {
        let manager = FileManager.default
        guard manager.fileExists(atPath: target.path) else {
            guard rename(staged.path, target.path) == 0 else {
                throw .environment("cannot move \(staged.path) to \(target.path): \(String(cString: strerror(errno)))")
            }
            return
        }
        if let exchange, exchange(AT_FDCWD, staged.path, AT_FDCWD, target.path, 2 /* RENAME_EXCHANGE */) == 0 { return }
        let aside = staged.deletingLastPathComponent().appendingPathComponent(staged.lastPathComponent + "-previous")
        guard rename(target.path, aside.path) == 0 else {
            throw .environment("cannot move \(target.path) aside: \(String(cString: strerror(errno)))")
        }
        guard rename(staged.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(aside.path, target.path)
            throw .environment("cannot move \(staged.path) to \(target.path): \(reason)")
        }
        _ = rename(aside.path, staged.path)
    }
}
