import Crypto
import Foundation

/// The SHA-256 manifests of a published site, in `sha256sum` format (`<64 hex>  <path>`), so that
/// `sha256sum -c SHA256SUMS` also checks a site without docctl:
///
/// - `SITE/SHA256SUMS` lists every file of the site except itself;
/// - `SITE/<number>/<L-N>/SHA256SUMS` lists the files of one published revision, written once when
///   the revision is first published and never changed (it is itself listed in the site manifest).
public struct SiteManifest: Sendable, Equatable {
    /// The manifest's file name.
    public static let fileName = "SHA256SUMS"

    /// Path (relative to the manifest's folder, `/`-separated) → lower-case hex SHA-256.
    public var entries: [String: String]

    public init(entries: [String: String] = [:]) { self.entries = entries }

    /// The manifest of `files` (path → bytes).
    public init(files: [String: Data]) {
        entries = files.mapValues(SiteManifest.hash)
    }

    /// Lower-case hex SHA-256 of `data`.
    public static func hash(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }

    /// The manifest's text: one line per file, sorted by path.
    public var text: String {
        entries.keys.sorted().map { "\(entries[$0]!)  \($0)\n" }.joined()
    }

    /// Reads a manifest; refuses malformed lines and paths that leave the site.
    public static func parse(_ data: Data, path: String) throws(WorkflowError) -> SiteManifest {
        guard let text = String(data: data, encoding: .utf8) else { throw .refused("\(path) is not UTF-8 text: the manifest is corrupt") }
        var entries: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
                  parts[1].hasPrefix(" ") || parts[1].hasPrefix("*") else {
                throw .refused("\(path):\(index + 1): not a manifest line (`<sha256>  <path>`): the manifest is corrupt")
            }
            let file = String(parts[1].dropFirst())
            guard isSafe(file) else {
                throw .refused("\(path):\(index + 1): path '\(file)' leaves the site: the manifest is corrupt")
            }
            guard entries[file] == nil else {
                throw .refused("\(path):\(index + 1): '\(file)' is listed twice: the manifest is corrupt")
            }
            entries[file] = String(parts[0])
        }
        return SiteManifest(entries: entries)
    }

    /// A relative path with no `.`/`..` components, no leading `/` and no control characters.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\")
            && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}

/// What verifying a site against its manifests found.
public struct SiteVerification: Sendable, Equatable {
    /// One difference between the site and a manifest.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case changed, missing, added
        }

        public var kind: Kind
        /// Relative to the site.
        public var path: String
        /// The manifest that says so, relative to the site.
        public var manifest: String

        public var description: String {
            switch kind {
            case .changed: "\(path): changed (its SHA-256 differs from \(manifest))"
            case .missing: "\(path): missing (listed in \(manifest))"
            case .added: "\(path): added (not listed in \(manifest))"
            }
        }
    }

    /// Files checked against the site manifest.
    public var files: Int
    /// Revision manifests checked.
    public var revisions: Int
    public var problems: [Problem]

    public var isIntact: Bool { problems.isEmpty }

    /// Re-hashes the site in `folder` against `SHA256SUMS` and every revision's `SHA256SUMS`.
    /// Throws a refusal when the site manifest is missing or corrupt, an environment error when
    /// the site cannot be read.
    public static func verify(_ folder: URL) throws(WorkflowError) -> SiteVerification {
        let files = try SiteFiles.read(folder)
        guard let manifestData = files[SiteManifest.fileName] else {
            throw .refused("\(folder.path) has no \(SiteManifest.fileName): it is not a published site, or its manifest was deleted",
                           notes: ["a site is created and updated only by `docctl publish`"])
        }
        let manifest = try SiteManifest.parse(manifestData, path: SiteManifest.fileName)
        var problems = compare(manifest, files: files.filter { $0.key != SiteManifest.fileName }, prefix: "",
                               manifestPath: SiteManifest.fileName)
        var revisions = 0
        for path in files.keys.sorted() where SiteFiles.isRevisionManifest(path) {
            let prefix = String(path.dropLast(SiteManifest.fileName.count))
            let inside = files.filter { $0.key.hasPrefix(prefix) && $0.key != path }
            let revision = try SiteManifest.parse(files[path]!, path: path)
            problems += compare(revision, files: Dictionary(uniqueKeysWithValues: inside.map { (String($0.key.dropFirst(prefix.count)), $0.value) }),
                                prefix: prefix, manifestPath: path)
            revisions += 1
        }
        var seen = Set<String>()
        problems = problems.filter { seen.insert("\($0.kind) \($0.path)").inserted }
        return SiteVerification(files: manifest.entries.count, revisions: revisions,
                                problems: problems.sorted { ($0.path, $0.kind.rawValue) < ($1.path, $1.kind.rawValue) })
    }

    static func compare(_ manifest: SiteManifest, files: [String: Data], prefix: String, manifestPath: String) -> [Problem] {
        var problems: [Problem] = []
        for (path, expected) in manifest.entries {
            guard let data = files[path] else {
                problems.append(Problem(kind: .missing, path: prefix + path, manifest: manifestPath))
                continue
            }
            if SiteManifest.hash(data) != expected { problems.append(Problem(kind: .changed, path: prefix + path, manifest: manifestPath)) }
        }
        for path in files.keys where manifest.entries[path] == nil {
            problems.append(Problem(kind: .added, path: prefix + path, manifest: manifestPath))
        }
        return problems
    }
}

/// Reading a site folder and telling its parts apart.
enum SiteFiles {
    /// Every regular file below `folder`, path → bytes. Symbolic links and other non-regular
    /// entries are reported as files with no readable content (they never match a manifest).
    static func read(_ folder: URL) throws(WorkflowError) -> [String: Data] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .environment("\(folder.path): no such folder")
        }
        var result: [String: Data] = [:]
        guard let enumerator = manager.enumerator(atPath: folder.path) else { throw .environment("cannot read \(folder.path)") }
        while let relative = enumerator.nextObject() as? String {
            let url = folder.appendingPathComponent(relative)
            // attributesOfItem does not follow symbolic links.
            let type = (try? manager.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
            if type == .typeDirectory { continue }
            if type == .typeRegular {
                do { result[relative] = try Data(contentsOf: url) } catch {
                    throw .environment("cannot read \(url.path): \(error.localizedDescription)")
                }
            } else {
                enumerator.skipDescendants()
                result[relative] = Data("\u{0}not a regular file".utf8)
            }
        }
        return result
    }

    /// Whether `component` names a revision folder (`A-0`, `B-12`, `AA-3`).
    static func isRevisionComponent(_ component: Substring) -> Bool {
        let parts = component.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && (1...3).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isUppercase }
            && !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `<number>/<L-N>` when `path` lies in a revision folder.
    static func revisionFolder(of path: String) -> String? {
        let components = path.split(separator: "/")
        guard components.count >= 3, isRevisionComponent(components[1]) else { return nil }
        return "\(components[0])/\(components[1])"
    }

    static func isRevisionManifest(_ path: String) -> Bool {
        let components = path.split(separator: "/")
        return components.count == 3 && isRevisionComponent(components[1]) && components[2] == SiteManifest.fileName
    }
}
