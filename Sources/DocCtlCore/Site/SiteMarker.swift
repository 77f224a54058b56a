import Foundation

/// `SITE/.docctl-site`: written by `publish` into every site (and listed in its manifest), it
/// says which document set the site belongs to. `publish` replaces an existing folder only when
/// it is a site it published:
///
/// - the folder verifies against its manifests (``SiteVerification``);
/// - it holds a marker of a format this docctl reads, naming this set — or, for a site published
///   before markers existed, no marker;
/// - every file lies where publish writes (``OutputLayout``): master list, coverage, `assets/`,
///   `<number>/index.html` and revision folders, each revision folder with its own `SHA256SUMS`,
///   and the master list and script are there.
///
/// Anything else — a folder of the user's whose `SHA256SUMS` happens to verify, a site of another
/// set — is refused and left as it was.
public struct SiteMarker: Sendable, Equatable {
    /// The marker's file name.
    public static let fileName = ".docctl-site"
    /// The marker format this docctl writes and reads.
    public static let format = 1

    /// The set the site was published from: docset.yaml's organisation name (or short name).
    public var set: String

    public init(set: String) {
        self.set = String(set.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }

    /// The marker of the site of `config`'s set.
    public init(config: DocSetConfig) {
        self.init(set: config.organizationName.isEmpty ? config.organizationShort : config.organizationName)
    }

    /// The file's text.
    public var text: String { "docctl-site \(SiteMarker.format)\nset: \(set)\n" }

    /// Reads a marker; nil when `data` is not one (of any format), the format number otherwise.
    static func parse(_ data: Data) -> (format: Int, marker: SiteMarker?)? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("docctl-site "), let format = Int(first.dropFirst(12)) else { return nil }
        guard format == SiteMarker.format, lines.count >= 2, lines[1].hasPrefix("set: ") else { return (format, nil) }
        return (format, SiteMarker(set: String(lines[1].dropFirst(5))))
    }

    /// Refuses (exit 2, one line) unless the verified folder `site`, whose files are `listing`,
    /// is a site published by docctl from the set this marker names.
    /// `renamedFrom` is the set's former name (`publish --renamed-from`): a site whose marker names
    /// it is taken as this set's site, and its marker is rewritten with the new name.
    func checkReplaceable(_ site: URL, listing: [String: Bool], renamedFrom: String? = nil) throws(WorkflowError) {
        let path = site.path
        if let isRegular = listing[SiteMarker.fileName] {
            let data = isRegular ? FileManager.default.contents(atPath: site.appendingPathComponent(SiteMarker.fileName).path) : nil
            guard let parsed = data.flatMap(SiteMarker.parse) else {
                throw .environment("\(path) holds a \(SiteMarker.fileName) that docctl did not write; nothing was touched")
            }
            guard let marker = parsed.marker else {
                throw .environment("\(path) was published by a docctl that writes site format \(parsed.format) (this one reads \(SiteMarker.format)); nothing was touched")
            }
            guard marker.set == set || marker.set == renamedFrom.map({ SiteMarker(set: $0).set }) else {
                throw .usage("\(path) is the site of another document set ('\(marker.set)', not '\(set)'); nothing was touched",
                             notes: ["if the organisation in docset.yaml was renamed, publish once with --renamed-from '\(marker.set)'"])
            }
        }
        // With or without a marker (a site of an older docctl): exactly the layout publish writes.
        if let foreign = OutputLayout.foreignEntry(in: listing) {
            throw .environment("\(path) is not a site published by docctl (\(foreign) is not a file publish writes); nothing was touched")
        }
        for required in ["index.html", "assets/docctl.js"] where listing[required] == nil {
            throw .environment("\(path) is not a site published by docctl (it has no \(required)); nothing was touched")
        }
        for file in listing.keys.sorted() {
            guard let folder = SiteFiles.revisionFolder(of: file), listing["\(folder)/\(SiteManifest.fileName)"] == nil else { continue }
            throw .environment("\(path) is not a site published by docctl (\(folder)/ has no \(SiteManifest.fileName)); nothing was touched")
        }
    }
}
