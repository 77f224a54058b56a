import Foundation

/// Where the target of a Markdown link or image points, judged against the document set: the
/// containment rules (`path-outside-set`) that links and images share.
enum LocalTarget: Equatable {
    /// Empty, or only a `#fragment`: nothing to check.
    case none
    /// A URL with a scheme (`https`, `mailto`, `data`, …) other than `file:`.
    case url(scheme: String)
    /// A `file:` URL: a local file, named outside the set's relative paths.
    case fileURL
    /// `/…` or `\…`: an absolute path.
    case absolute
    /// A relative path whose `..` components leave the set.
    case outside
    /// Inside the set, but nothing is there.
    case missing(path: String)
    /// Inside the set by name, but a symbolic link (of the file or a folder on the way) leads out.
    case symlinkOut
    /// A file or folder of the set: its URL and its path relative to the root.
    case inside(URL, path: String)

    /// Resolves `target` (as written, percent-encoded) against `folder`, a folder of the set given
    /// relative to `root` (`""` for the root itself). A `#fragment` is ignored.
    static func resolve(_ target: String, from folder: String, root: URL) -> LocalTarget {
        if target.isEmpty || target.hasPrefix("#") { return .none }
        if let colon = target.firstIndex(of: ":"),
           target[..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }) {
            let scheme = target[..<colon].lowercased()
            return scheme == "file" ? .fileURL : .url(scheme: scheme)
        }
        let path = String(target.split(separator: "#", maxSplits: 1).first ?? "").removingPercentEncoding ?? target
        if path.isEmpty { return .none }
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\\") { return .absolute }
        let base = folder.isEmpty ? root : root.appendingPathComponent(folder)
        let resolved = base.appendingPathComponent(path).standardizedFileURL
        let rootPath = root.path + "/"
        guard resolved.path.hasPrefix(rootPath) else { return .outside }
        let relative = String(resolved.path.dropFirst(rootPath.count))
        if !FileManager.default.fileExists(atPath: resolved.path) { return .missing(path: relative) }
        if !(resolved.resolvingSymlinksInPath().path + "/").hasPrefix(rootPath) { return .symlinkOut }
        return .inside(resolved, path: relative)
    }
}
