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
