import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a site, held while one `publish` runs: `flock` on
/// `<parent>/.<site>.docctl-lock`. The kernel releases it when the process ends, however it
/// ends, so a killed publish never leaves the site locked.
public final class SiteLock {
    private let descriptor: Int32
    /// The lock file.
    public let url: URL

    /// Takes the lock of `site`, or refuses at once when another process holds it.
    public init(site: URL) throws(WorkflowError) {
        let parent = site.deletingLastPathComponent()
        url = parent.appendingPathComponent(".\(site.lastPathComponent).docctl-lock")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .environment("cannot create \(parent.path): \(error.localizedDescription)")
        }
        descriptor = open(url.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .environment("cannot open the lock file \(url.path): \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            close(descriptor)
            throw busy ? .environment("another `docctl publish` is updating \(site.path) right now; try again when it has finished")
                       : .environment("cannot lock \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
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
