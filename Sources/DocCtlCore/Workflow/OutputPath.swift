import Foundation

/// Where a command may write a file of its own (a copy, a PDF, a redline).
public enum OutputPath {
    /// Refuses an output file inside the document set (after following symbolic links): only
    /// `release` and `revise` write into the sources, and only the files they name.
    public static func checkOutside(_ path: String, of set: DocumentSet) throws(WorkflowError) {
        let parent = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().resolvingSymlinksInPath().path
        let root = set.root.standardizedFileURL.resolvingSymlinksInPath().path
        if parent == root || parent.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
            throw .environment("\(path) is inside the document set \(set.root.path); docctl writes nothing into the sources but what release and revise record: choose a path outside it (-o FILE)")
        }
    }
}
