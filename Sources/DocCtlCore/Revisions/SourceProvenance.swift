import Foundation

/// Where the sources a release seals come from, when the set is in a git repository: the commit
/// that holds them (recorded in the history entry as `commit` and `git-author`), or the reason none
/// is recorded.
public enum SourceProvenance: Sendable, Equatable {
    /// The set is not in a git work tree (or git is not installed): nothing is recorded.
    case notInGit
    /// These files of the document differ from HEAD (modified, added or untracked): the commit would
    /// not hold what is sealed, so none is recorded.
    case uncommitted([String])
    /// HEAD holds the sources as they are: its full hash and its author.
    case committed(commit: String, author: String)

    /// The files of `document` the content digest covers (document.yaml, body files, images).
    static func sealedFiles(_ document: Document) -> [String] {
        ["\(document.folder)/document.yaml"] + document.bodyFiles.map(\.path) + document.images.map(\.source)
    }

    /// The provenance of `document`'s sources in `set`.
    public static func of(_ document: Document, in set: DocumentSet) -> SourceProvenance {
        let root = set.root
        guard let inside = git(["rev-parse", "--is-inside-work-tree"], in: root), inside == "true",
              let commit = git(["rev-parse", "--verify", "HEAD"], in: root) else { return .notInGit }
        let files = sealedFiles(document)
        // Paths relative to the set (the folder git runs in): changed against HEAD, then untracked.
        guard let changed = git(["diff", "--name-only", "--relative", "HEAD", "--"] + files, in: root),
              let untracked = git(["ls-files", "--others", "--exclude-standard", "--"] + files, in: root) else { return .notInGit }
        let paths = (changed + "\n" + untracked).split(separator: "\n").map(String.init)
        if !paths.isEmpty { return .uncommitted(Array(Set(paths)).sorted()) }
        return .committed(commit: commit, author: git(["log", "-1", "--format=%an", commit], in: root) ?? "")
    }

    /// Runs git in `folder`; its trimmed output, or nil when git is missing or fails.
    static func git(_ arguments: [String], in folder: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "core.quotepath=off"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
