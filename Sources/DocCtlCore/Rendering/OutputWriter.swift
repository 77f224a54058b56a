import Foundation

/// Writes a whole output folder atomically: into a temporary folder beside the target, then
/// renamed into place, so that a failed or killed build leaves the previous output whole.
///
/// An existing target is replaced only when docctl wrote it (it holds `.docctl-output`) or it
/// is empty: `-o` pointing at a folder of the user's is refused, never emptied.
public enum OutputWriter {
    /// The file that marks a folder as docctl's output.
    public static let marker = ".docctl-output"

    /// Replaces `target` by a folder holding exactly `files` (paths relative to it, with `/`).
    public static func replace(_ target: URL, with files: [String: Data]) throws(DocCtlError) {
        try replace(target) { folder throws(DocCtlError) in
            for path in files.keys.sorted() { try write(files[path]!, to: path, in: folder) }
        }
    }

    /// Writes `data` at `path` (relative, with `/`) below `folder`, creating the folders between.
    /// May be called from several threads at once for different paths.
    public static func write(_ data: Data, to path: String, in folder: URL) throws(DocCtlError) {
        precondition(!path.hasPrefix("/") && !path.split(separator: "/").contains(".."), "output path \(path) escapes the output folder")
        let url = folder.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw .io("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Replaces `target` by a folder that `fill` writes (it is given the new, empty folder).
    public static func replace(_ target: URL, filling fill: (URL) throws(DocCtlError) -> Void) throws(DocCtlError) {
        let manager = FileManager.default
        let target = target.standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        guard !name.isEmpty, name != "/", name != ".", name != ".." else { throw .usage("\(target.path) cannot be an output folder") }
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw .io("\(target.path) exists and is not a folder; choose another output folder") }
            let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? []
            guard contents.isEmpty || contents.contains(marker) else {
                throw .io("\(target.path) exists and was not written by docctl (no \(marker) in it); "
                    + "remove it or choose another output folder")
            }
        }
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create \(parent.path): \(error.localizedDescription)")
        }
        removeStale(in: parent, name: name)
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = parent.appendingPathComponent(".\(name).docctl-tmp-\(pid)")
        let old = parent.appendingPathComponent(".\(name).docctl-old-\(pid)")
        try? manager.removeItem(at: temporary)
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            try Data("docctl build output: this folder is replaced as a whole by the next build\n".utf8)
                .write(to: temporary.appendingPathComponent(marker))
        } catch {
            try? manager.removeItem(at: temporary)
            throw .io("cannot write the output into \(temporary.path): \(error.localizedDescription)")
        }
        do {
            try fill(temporary)
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
        do {
            if exists {
                try manager.moveItem(at: target, to: old)
                do {
                    try manager.moveItem(at: temporary, to: target)
                } catch {
                    try? manager.moveItem(at: old, to: target)
                    throw error
                }
                try? manager.removeItem(at: old)
            } else {
                try manager.moveItem(at: temporary, to: target)
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw .io("cannot move the output into \(target.path): \(error.localizedDescription)")
        }
    }

    /// Removes temporary and old folders of earlier builds that were killed half-way.
    static func removeStale(in parent: URL, name: String) {
        let manager = FileManager.default
        let prefixes = [".\(name).docctl-tmp-", ".\(name).docctl-old-"]
        for entry in ((try? manager.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        where prefixes.contains(where: entry.hasPrefix) {
            let url = parent.appendingPathComponent(entry)
            if manager.fileExists(atPath: url.appendingPathComponent(marker).path) { try? manager.removeItem(at: url) }
        }
    }
}
