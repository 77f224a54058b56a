import Foundation

/// A released revision rebuilt from git, for `diff` of revisions that were released before the
/// site existed (or were never published): the sources at a commit are read with `git archive`,
/// loaded as a set, and taken only when they give exactly the digest sealed on the revision's
/// history entry — the archive is then rendered from them like any released revision (its
/// approvals and dates are those document.yaml held at that commit, the ones it was released with).
///
/// Commits are tried newest first: the one that added the revision's release record
/// (`releases/<L-N>.yaml`), then every commit that touched the document's folder (at most
/// ``maximumCommits``). When none gives the sealed digest, the error says why.
public enum GitHistory {
    /// The most commits of a document's folder that are loaded while looking for a revision.
    public static let maximumCommits = 100

    /// The archive of `document` at `revision`, rebuilt from the git history of the set at `root`.
    public static func archive(of document: Document, revision: RevisionMark, setRoot root: URL,
                               templates: TemplateSet) throws(WorkflowError) -> ArchivedRevision {
        guard let entry = document.history.first(where: { $0.revision == revision }) else {
            throw .refused("\(document.number) has no revision \(revision)")
        }
        guard let sealed = entry.digest, ContentDigest.isWellFormed(sealed) else {
            throw .refused("\(document.number) \(revision) was never released: its history entry has no digest, so no sources can be shown to be it")
        }
        let prefix: String
        do {
            prefix = try git(["rev-parse", "--show-prefix"], in: root).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw .refused("no archive of \(document.number) \(revision): the set is not in a git repository (\(error.reason))",
                           notes: ["pass --site SITE when the revision was published, or keep the set in git and commit each release"])
        }
        let record = "\(document.folder)/releases/\(revision.pathComponent).yaml"
        var commits = (try? lines(git(["log", "--diff-filter=A", "--format=%H", "--", record], in: root))) ?? []
        let touching = (try? lines(git(["log", "--format=%H", "-n", String(maximumCommits), "--", document.folder], in: root))) ?? []
        for commit in touching where !commits.contains(commit) { commits.append(commit) }
        guard !commits.isEmpty else {
            throw .refused("no archive of \(document.number) \(revision): no commit in git holds \(document.folder)",
                           notes: ["commit the set (history.yaml, releases/ and the sources) when a revision is released"])
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docctl-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for (index, commit) in commits.enumerated() {
            let folder = scratch.appendingPathComponent(String(index))
            guard let set = try? load(commit: commit, prefix: prefix, root: root, into: folder),
                  let old = set.document(number: document.number),
                  ContentDigest.digest(old, sources: set.sources) == sealed else { continue }
            do {
                let renderer = try SiteRenderer(set: set, templates: templates,
                                                buildDate: entry.date ?? RenderSettings.latestHistoryDate(of: set))
                let data = try renderer.archive(old)
                return try renderer.readArchive(data, path: "\(commit.prefix(12)):\(record)")
            } catch let error as DocCtlError {
                throw .environment("\(document.number) \(revision) at commit \(commit.prefix(12)): \(error.description)")
            } catch {
                throw .environment("\(document.number) \(revision) at commit \(commit.prefix(12)): \(error)")
            }
        }
        throw .refused("no archive of \(document.number) \(revision): none of the \(commits.count) commits of \(document.folder) in git "
            + "holds the sources sealed as \(revision) (\(sealed.prefix(19))…)",
                       notes: ["the revision was released without committing its sources; pass --site SITE if it was published"])
    }

    /// The set as it was at `commit`: its folder (`prefix` below the repository root) extracted
    /// into `folder` and loaded.
    static func load(commit: String, prefix: String, root: URL, into folder: URL) throws -> DocumentSet {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tar = folder.appendingPathComponent(".docctl-set.tar")
        let tree = prefix.isEmpty ? "\(commit)^{tree}" : "\(commit):\(prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix)"
        // From the repository's top folder: run inside the set, `git archive` would keep only the
        // part of the tree below the working directory's own path.
        let top = try git(["rev-parse", "--show-toplevel"], in: root).trimmingCharacters(in: .newlines)
        _ = try git(["archive", "--format=tar", "-o", tar.path, tree], in: URL(fileURLWithPath: top))
        _ = try run(URL(fileURLWithPath: "/usr/bin/env"), ["tar", "-xf", tar.path, "-C", folder.path], in: root)
        try FileManager.default.removeItem(at: tar)
        return try DocumentSetLoader().load(folder).0
    }

    /// A failed git or tar call: its first line of error output.
    struct Failure: Error { var reason: String }

    static func git(_ arguments: [String], in folder: URL) throws(Failure) -> String {
        try run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "-c", "core.quotepath=off"] + arguments, in: folder)
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func run(_ executable: URL, _ arguments: [String], in folder: URL) throws(Failure) -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw Failure(reason: "cannot run \(arguments.first ?? ""): \(error.localizedDescription)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let first = String(decoding: message, as: UTF8.self).split(separator: "\n").first.map(String.init)
            throw Failure(reason: first ?? "\(arguments.prefix(2).joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
