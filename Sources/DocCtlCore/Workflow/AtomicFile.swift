import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces files whole: the new bytes go to a temporary file in the same folder, which is then
/// renamed over the target, so a reader (or a crash) sees the old file or the new one, never half.
public enum AtomicFile {
    /// Writes `data` to `url`, keeping the permissions of the file it replaces.
    public static func write(_ data: Data, to url: URL) throws(WorkflowError) {
        let manager = FileManager.default
        let folder = url.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .environment("cannot create folder \(folder.path): \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).docctl-\(getpid()).tmp")
        guard manager.createFile(atPath: temporary.path, contents: data) else {
            throw .environment("cannot write \(temporary.path) (is \(folder.path) writable?)")
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
            throw .environment("cannot replace \(url.path): \(reason)")
        }
    }
}
