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
    /// Whether the file system said the name at the same index is a regular file.
    private let regular: [Bool]
    private let path: String
    private let listed: Bool

    init(_ path: String) {
        self.path = path
        var names: [String] = []
        var regular: [Bool] = []
        if let directory = opendir(path) {
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                names.append(name)
                regular.append(Int32(entry.pointee.d_type) == Int32(DT_REG))
            }
            listed = true
        } else {
            listed = false
        }
        self.names = names
        self.regular = regular
    }

    /// What `FileManager.fileExists(atPath:)` says of `name` in the folder: a regular file listed
    /// is there, a name not listed is not; anything else (a link, a folder, a file system that
    /// gives no types, a folder that could not be listed) is asked.
    func exists(_ name: String) -> Bool {
        if listed {
            guard let index = names.firstIndex(of: name) else { return false }
            if regular[index] { return true }
        }
        return FileManager.default.fileExists(atPath: path + "/" + name)
    }
}
