import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a folder docctl writes as a whole — a published site, a build output —
/// held while one `publish` or `build` writes it: `flock` on `<parent>/.<name>.docctl-lock`. The
/// kernel releases it when the process ends, however it ends, so a killed run never leaves the
/// folder locked. The lock file stays (removing it would let two runs lock different files).
public final class FolderLock {
    private let descriptor: Int32
    /// The lock file.
    public let url: URL

    /// Takes the lock of `folder`, or refuses at once when another process holds it.
    public init(folder: URL) throws(DocCtlError) {
        let parent = folder.deletingLastPathComponent()
        url = parent.appendingPathComponent(".\(folder.lastPathComponent).docctl-lock")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create \(parent.path): \(error.localizedDescription)")
        }
        descriptor = open(url.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .io("cannot open the lock file \(url.path): \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            close(descriptor)
            throw busy ? .io("\(folder.path) is locked: another docctl build or publish is writing it right now; try again when it has finished")
                       : .io("cannot lock \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
