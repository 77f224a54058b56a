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

/// `docctl verify --sources SET`: each sealed revision that records a commit is checked against
/// that commit — the set as the commit holds it is loaded, and the document's content digest there
/// must be the digest the revision sealed.
public enum ProvenanceVerification {
    public struct Result: Sendable, Equatable {
        public var number: String
        public var revision: String
        public var commit: String
        /// nil when the commit's sources give the sealed digest; otherwise what is wrong.
        public var problem: String?
    }

    public static func verify(_ set: DocumentSet) throws(WorkflowError) -> [Result] {
        let root = set.root
        guard SourceProvenance.git(["rev-parse", "--is-inside-work-tree"], in: root) == "true",
              let prefix = SourceProvenance.git(["rev-parse", "--show-prefix"], in: root),
              let top = SourceProvenance.git(["rev-parse", "--show-toplevel"], in: root) else {
            throw .environment("\(root.path) is not in a git work tree: there is no commit to verify against")
        }
        var results: [Result] = []
        var loaded: [String: DocumentSet?] = [:]
        for document in set.documents {
            for entry in document.history {
                guard let commit = entry.commit, let sealed = entry.digest else { continue }
                var result = Result(number: document.number, revision: entry.revisionText, commit: commit, problem: nil)
                if loaded[commit] == nil { loaded[commit] = .some(load(commit: commit, prefix: prefix, top: URL(fileURLWithPath: top))) }
                guard let old = loaded[commit] ?? nil else {
                    result.problem = "commit \(commit.prefix(12)) is not in the repository or does not hold the set"
                    results.append(result)
                    continue
                }
                guard let then = old.document(number: document.number) else {
                    result.problem = "commit \(commit.prefix(12)) has no document \(document.number)"
                    results.append(result)
                    continue
                }
                let digest = ContentDigest.digest(then, sources: old.sources)
                if digest != sealed { result.problem = "the sources at commit \(commit.prefix(12)) give \(digest), not the sealed \(sealed)" }
                results.append(result)
            }
        }
        return results
    }

    /// The set as `commit` holds it, unpacked into a temporary folder and loaded; nil when git cannot
    /// produce it.
    static func load(commit: String, prefix: String, top: URL) -> DocumentSet? {
        guard commit.count >= 7, commit.allSatisfy(\.isHexDigit) else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docctl-provenance-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let tar = folder.appendingPathComponent("set.tar")
        let target = folder.appendingPathComponent("set")
        do { try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true) } catch { return nil }
        // Run at the top of the work tree: git archive refuses a folder it does not track.
        guard SourceProvenance.git(["archive", "--format=tar", "-o", tar.path, "\(commit):\(prefix)"], in: top) != nil else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "-xf", tar.path, "-C", target.path]
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? DocumentSetLoader().load(target).0
    }
}
