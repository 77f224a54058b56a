import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The entries of one folder as `readdir` lists them: each name (`.` and `..` left out) with the
/// entry type it gives (`DT_REG`, `DT_DIR`, `DT_LNK`, `DT_UNKNOWN` where the file system gives none).
/// One walk for the loader's folder listing, the output's listing and the removal of an old output.
enum DirectoryEntries {
    /// Calls `body` for each entry of `path`; false when the folder cannot be opened.
    @discardableResult
    static func forEach(_ path: String, _ body: (_ name: String, _ type: Int32) -> Void) -> Bool {
        guard let directory = opendir(path) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            body(name, Int32(entry.pointee.d_type))
        }
        return true
    }
}
