import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The names in a document folder, listed once with `readdir`: which body files there are, and
/// whether each YAML file is there without a `stat` per name. (FileManager's listing, then a
/// `fileExists` for each of distribution.yaml, acknowledgements.yaml and history.yaml, were a
/// tenth of loading a document.)
struct FolderEntries {
    /// Every name in the folder but `.` and `..`, in the order listed; empty when it cannot be listed.
    let names: [String]
    /// The entry type `readdir` gave the name at the same index (`DT_REG`, `DT_DIR`, `DT_LNK`, `DT_UNKNOWN`…).
    private let types: [UInt8]
    private let path: String
    /// Whether the folder could be listed.
    let listed: Bool

    init(_ path: String) {
        self.path = path
        var names: [String] = []
        var types: [UInt8] = []
        listed = DirectoryEntries.forEach(path) { name, type in
            names.append(name)
            types.append(UInt8(truncatingIfNeeded: type))
        }
        self.names = names
        self.types = types
    }

    /// What `FileManager.fileExists(atPath:)` says of `name` in the folder: a regular file listed
    /// is there, a name not listed is not; anything else (a link, a folder, a file system that
    /// gives no types, a folder that could not be listed) is asked.
    func exists(_ name: String) -> Bool {
        if listed {
            guard let index = names.firstIndex(of: name) else { return false }
            if Int32(types[index]) == Int32(DT_REG) { return true }
        }
        return FileManager.default.fileExists(atPath: path + "/" + name)
    }

    /// What `FileManager.fileExists(atPath:isDirectory:)` says of the entry at `index`: whether it
    /// is a folder, following a link (a link, or an entry of unknown type, is asked).
    func isFolder(at index: Int) -> Bool {
        switch Int32(types[index]) {
        case Int32(DT_DIR): return true
        case Int32(DT_LNK), Int32(DT_UNKNOWN):
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/" + names[index], isDirectory: &isDirectory) && isDirectory.boolValue
        default: return false
        }
    }
}
