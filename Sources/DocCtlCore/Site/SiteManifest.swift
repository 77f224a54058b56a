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
        SHA256Hex.of(data)
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
    static func isSafe(_ path: String) -> Bool { RelativePath.isSafe(path) }
}

/// What verifying a site against its manifests found.
public struct SiteVerification: Sendable, Equatable {
    /// One difference between the site and a manifest.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case changed, missing, added, misnamed
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
            case .misnamed: "\(path): \(manifest)"
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
    /// the site cannot be read. Files are hashed one at a time, in chunks: only their hashes are
    /// held, so verifying a large site takes little memory.
    ///
    /// Every revision folder must hold its own `SHA256SUMS`; with `archives`, the XML archive of
    /// each revision folder is read and must name the document and revision its folder names
    /// (`QP-04/B-1/QP-04_B-1.xml` holds QP-04 B/1), so that a revision cannot be passed off as another.
    public static func verify(_ folder: URL, archives: Bool = false) throws(WorkflowError) -> SiteVerification {
        let listing = try SiteFiles.list(folder)
        if listing[DraftBuild.marker] != nil { throw DraftBuild.refusal(folder) }
        guard let manifestIsRegular = listing[SiteManifest.fileName] else {
            throw .refused("\(folder.path) has no \(SiteManifest.fileName): it is not a published site, or its manifest was deleted",
                           notes: ["a site is created and updated only by `docctl publish`"])
        }
        let manifest = try SiteManifest.parse(try SiteFiles.contents(of: SiteManifest.fileName, in: folder, isRegular: manifestIsRegular),
                                              path: SiteManifest.fileName)
        var hashes: [String: String] = [:]
        hashes.reserveCapacity(listing.count)
        for (path, isRegular) in listing where path != SiteManifest.fileName {
            hashes[path] = try SiteFiles.hash(of: path, in: folder, isRegular: isRegular)
        }
        var problems = compare(manifest, hashes: hashes, prefix: "", manifestPath: SiteManifest.fileName)
        // The files of each `<number>/<L-N>/` folder, relative to it.
        var folders: [String: [String: String]] = [:]
        for (path, hash) in hashes {
            let components = path.split(separator: "/", maxSplits: 2)
            guard components.count == 3 else { continue }
            folders["\(components[0])/\(components[1])/", default: [:]][String(components[2])] = hash
        }
        var revisions = 0
        for path in listing.keys.sorted() where SiteFiles.isRevisionManifest(path) {
            let prefix = String(path.dropLast(SiteManifest.fileName.count))
            var inside = folders[prefix] ?? [:]
            inside.removeValue(forKey: SiteManifest.fileName)
            let revision = try SiteManifest.parse(try SiteFiles.contents(of: path, in: folder, isRegular: listing[path]!), path: path)
            problems += compare(revision, hashes: inside, prefix: prefix, manifestPath: path)
            revisions += 1
        }
        // Every revision folder has its manifest, and (with `archives`) holds the revision it is named after.
        let revisionFolders = Set(listing.keys.compactMap(SiteFiles.revisionFolder))
        for revision in revisionFolders.sorted() {
            if listing["\(revision)/\(SiteManifest.fileName)"] == nil {
                problems.append(Problem(kind: .missing, path: "\(revision)/\(SiteManifest.fileName)",
                                        manifest: "every revision folder has one"))
            }
            guard archives else { continue }
            let parts = revision.split(separator: "/")
            let archive = "\(revision)/\(parts[0])_\(parts[1]).xml"
            guard let isRegular = listing[archive] else {
                problems.append(Problem(kind: .missing, path: archive, manifest: "every revision folder holds its archive"))
                continue
            }
            let read = try? ArchivedRevision.read(try SiteFiles.contents(of: archive, in: folder, isRegular: isRegular), path: archive)
            let holds = read.map { ($0.number, RevisionMark($0.revision)) }
            if let holds, SiteMap.safeComponent(holds.0) == parts[0], holds.1?.pathComponent == String(parts[1]) { continue }
            problems.append(Problem(kind: .misnamed, path: archive,
                                    manifest: holds.map { "holds \($0.0) \($0.1?.description ?? "?"), not the revision its folder names" }
                                        ?? "not a readable archive"))
        }
        var seen = Set<String>()
        problems = problems.filter { seen.insert("\($0.kind) \($0.path)").inserted }
        return SiteVerification(files: manifest.entries.count, revisions: revisions,
                                problems: problems.sorted { ($0.path, $0.kind.rawValue) < ($1.path, $1.kind.rawValue) })
    }

    /// Refuses a revision folder (`QP-04/B-1`) of `site` that does not match its manifests, before
    /// `diff` reads its archive (nothing to check when the folder is not there).
    public static func requireIntactRevision(_ revision: String, in site: URL) throws(WorkflowError) {
        guard FileManager.default.fileExists(atPath: site.appendingPathComponent(revision).path) else { return }
        let problems = try verifyRevision(revision, in: site)
        guard problems.isEmpty else {
            throw .refused("\(site.path)/\(revision) does not match its manifests; no redline was made",
                           notes: problems.map(\.description) + ["`docctl verify \(site.path)` checks the whole site"])
        }
    }

    /// Checks one revision folder (`QP-04/B-1`) of `site`: its files against its own `SHA256SUMS`,
    /// and that manifest against the site's. A folder without its manifest is a problem too.
    public static func verifyRevision(_ revision: String, in site: URL) throws(WorkflowError) -> [Problem] {
        let folder = site.appendingPathComponent(revision)
        let listing = try SiteFiles.list(folder)
        let manifestPath = "\(revision)/\(SiteManifest.fileName)"
        guard let isRegular = listing[SiteManifest.fileName] else {
            return [Problem(kind: .missing, path: manifestPath, manifest: SiteManifest.fileName)]
        }
        let data = try SiteFiles.contents(of: SiteManifest.fileName, in: folder, isRegular: isRegular)
        var problems: [Problem] = []
        if let siteData = FileManager.default.contents(atPath: site.appendingPathComponent(SiteManifest.fileName).path) {
            let siteManifest = try SiteManifest.parse(siteData, path: SiteManifest.fileName)
            if siteManifest.entries[manifestPath] != SiteManifest.hash(data) {
                problems.append(Problem(kind: siteManifest.entries[manifestPath] == nil ? .added : .changed, path: manifestPath,
                                        manifest: SiteManifest.fileName))
            }
        }
        var hashes: [String: String] = [:]
        for (path, isRegular) in listing where path != SiteManifest.fileName {
            hashes[path] = try SiteFiles.hash(of: path, in: folder, isRegular: isRegular)
        }
        let manifest = try SiteManifest.parse(data, path: manifestPath)
        return (problems + compare(manifest, hashes: hashes, prefix: revision + "/", manifestPath: manifestPath)).sorted { $0.path < $1.path }
    }

    /// Compares `manifest` with the files found (path relative to the manifest's folder → SHA-256).
    static func compare(_ manifest: SiteManifest, hashes: [String: String], prefix: String, manifestPath: String) -> [Problem] {
        var problems: [Problem] = []
        for (path, expected) in manifest.entries {
            guard let hash = hashes[path] else {
                problems.append(Problem(kind: .missing, path: prefix + path, manifest: manifestPath))
                continue
            }
            if hash != expected { problems.append(Problem(kind: .changed, path: prefix + path, manifest: manifestPath)) }
        }
        for path in hashes.keys where manifest.entries[path] == nil {
            problems.append(Problem(kind: .added, path: prefix + path, manifest: manifestPath))
        }
        return problems
    }
}

/// Reading a site folder and telling its parts apart.
enum SiteFiles {
    /// What stands in for the content of an entry that is not a regular file (it never matches a manifest).
    static let notARegularFile = Data("\u{0}not a regular file".utf8)

    /// Every file below `folder`, path → whether it is a regular file. Symbolic links and other
    /// non-regular entries are listed as files (and not followed); folders are not listed.
    static func list(_ folder: URL) throws(WorkflowError) -> [String: Bool] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .environment("\(folder.path): no such folder")
        }
        var result: [String: Bool] = [:]
        guard let enumerator = manager.enumerator(atPath: folder.path) else { throw .environment("cannot read \(folder.path)") }
        while let relative = enumerator.nextObject() as? String {
            let url = folder.appendingPathComponent(relative)
            // attributesOfItem does not follow symbolic links.
            let type = (try? manager.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
            if type == .typeDirectory { continue }
            if type == .typeRegular {
                result[relative] = true
            } else {
                enumerator.skipDescendants()
                result[relative] = false
            }
        }
        return result
    }

    /// Every regular file below `folder`, path → bytes. Symbolic links and other non-regular
    /// entries are reported as files with no readable content (they never match a manifest).
    static func read(_ folder: URL) throws(WorkflowError) -> [String: Data] {
        var result: [String: Data] = [:]
        for (path, isRegular) in try list(folder) {
            result[path] = try contents(of: path, in: folder, isRegular: isRegular)
        }
        return result
    }

    /// The bytes of one listed file.
    static func contents(of path: String, in folder: URL, isRegular: Bool) throws(WorkflowError) -> Data {
        guard isRegular else { return notARegularFile }
        let url = folder.appendingPathComponent(path)
        do { return try Data(contentsOf: url) } catch {
            throw .environment("cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    /// The SHA-256 of one listed file, read in chunks.
    static func hash(of path: String, in folder: URL, isRegular: Bool) throws(WorkflowError) -> String {
        guard isRegular else { return SiteManifest.hash(notARegularFile) }
        let url = folder.appendingPathComponent(path)
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var hasher = SHA256()
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                hasher.update(data: chunk)
            }
            return SHA256Hex.string(hasher.finalize())
        } catch {
            throw .environment("cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    /// Whether `component` names a revision folder (`A-0`, `B-12`, `AA-3`).
    static func isRevisionComponent(_ component: Substring) -> Bool {
        OutputLayout.isRevisionFolder(String(component))
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
