import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shape of the folders docctl writes (a `build` output, a published site), so that an existing
/// folder is replaced only when everything in it is something docctl would have written there:
/// a folder of the user's that merely looks similar (an `index.html`, a `SHA256SUMS` that happens
/// to verify) is refused, never emptied.
///
///     index.html  coverage.html  distribution.html  external-documents.html  withdrawn.html  SHA256SUMS  .docctl-site  .docctl-log  .docctl-output
///     assets/<name>                    (docctl.css, docctl.js, search-index.json, …)
///     assets/status/<number>/<L-N>.css   (a revision's status, rewritten by every publish)
///     <number>/index.html
///     <number>/<L-N>/…                 (anything: the revision folder's own manifest lists it)
public enum OutputLayout {
    /// Files docctl writes at the top of a site or build output.
    static let topFiles = Set(["index.html", "coverage.html", "SHA256SUMS", ".docctl-site", ".docctl-log", ".docctl-output"])
        .union(registerPages)
    /// The register pages (文件发放回收登记表, 外来文件清单, 作废文件清单, 记录处置, 宣贯确认), written when the set
    /// keeps those registers.
    public static let registerPages: Set<String> = ["distribution.html", "external-documents.html", "withdrawn.html",
                                                     "record-disposition.html", "briefing.html"]
    /// A file docctl writes in `assets/` (`docctl.css`, `docctl.js`, `search-index.json`, …): the
    /// names change between versions, so any lower-case name of letters, digits, `.` and `-`.
    static func isAssetName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "." else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
    }

    /// Whether `path` (relative, with `/`) is a place docctl writes to in a site or build output.
    public static func isDocctlPath(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return false }
        switch components.count {
        case 1: return topFiles.contains(components[0])
        case 2:
            if components[0] == "assets" { return isAssetName(components[1]) }
            return isDocumentFolder(components[0]) && components[1] == "index.html"
        case 4 where components[0] == "assets":
            return components[1] == "status" && isDocumentFolder(components[2]) && components[3].hasSuffix(".css")
                && isRevisionFolder(String(components[3].dropLast(4)))
        default:
            return isDocumentFolder(components[0]) && isRevisionFolder(components[1])
        }
    }

    /// A document folder name as ``SiteMap/safeComponent(_:)`` makes them (and not `assets`).
    static func isDocumentFolder(_ name: String) -> Bool {
        name != "assets" && SiteMap.safeComponent(name) == name
    }

    /// `A-0`, `B-12`, `AA-3`.
    static func isRevisionFolder(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && (1...3).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isUppercase }
            && !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Every entry below `folder`, path → whether it is a regular file (symbolic links and other
    /// non-regular entries are listed, not followed; folders are not listed); nil when it cannot be read.
    ///
    /// Walked with `readdir` and the entry types it gives (`lstat` only where the file system
    /// gives none): FileManager's enumerator with `attributesOfItem` per entry was a tenth of an
    /// incremental build of 1000 documents, which lists its output twice.
    static func list(_ folder: URL) -> [String: Bool]? {
        var result: [String: Bool] = [:]
        guard walk(folder.path, prefix: "", into: &result) else { return nil }
        return result
    }

    private static func walk(_ path: String, prefix: String, into result: inout [String: Bool]) -> Bool {
        DirectoryEntries.forEach(path) { name, listedType in
            let full = path + "/" + name
            var type = listedType
            if type == Int32(DT_UNKNOWN) {
                var status = stat()
                guard lstat(full, &status) == 0 else { return }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: type = Int32(DT_DIR)
                case S_IFREG: type = Int32(DT_REG)
                default: type = Int32(DT_LNK)
                }
            }
            if type == Int32(DT_DIR) {
                _ = walk(full, prefix: prefix + name + "/", into: &result)
            } else {
                result[prefix + name] = type == Int32(DT_REG)
            }
        }
    }

    /// The first entry of `listing` that docctl would not have written (a file outside the layout,
    /// or anything that is not a regular file), if any; `allowed` adds paths accepted anyway.
    static func foreignEntry(in listing: [String: Bool], allowed: (String) -> Bool = { _ in false }) -> String? {
        listing.keys.sorted().first { path in !(listing[path]! && (isDocctlPath(path) || allowed(path))) }
    }
}
