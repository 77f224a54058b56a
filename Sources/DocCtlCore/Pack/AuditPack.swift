import Foundation

/// `docctl audit-pack`: the offline bundle a certification body asks for at stage 1 (document
/// review), as one zip whose bytes depend only on the sources:
///
///     index.html      per clause: covering sections, implementing procedures, records, lead
///                     department; the documents in the pack; links to everything below
///     SHA256SUMS      the SHA-256 of every other entry (`sha256sum -c` format, as a site's)
///     site/…          the site `build` makes of the released documents: master list, coverage and
///                     Statement of Applicability, the registers (distribution and recall, external
///                     documents, withdrawn, record disposition, briefing), and each document's
///                     current revision page with its approvals and history, print-ready
///
/// Only released content goes in, as on a published site: a document whose sources are not a
/// released revision (never sealed, changed since, approvals not its own) is left out and named
/// on the index page with why; documents above `publish-up-to` leave no trace in it.
public struct AuditPack {
    /// What a pack holds.
    public struct Outcome: Sendable, Equatable {
        /// The documents in the pack at their current revision (`QP-04 B/1`), by number.
        public var documents: [String]
        /// The standards whose clauses the index lists (`itsm ISO/IEC 20000-1:2018`).
        public var standards: [String]
        /// Documents left out because their sources are not released (`QP-04: changed since B/1 was released`).
        public var notReleased: [String]
        /// Documents left out by `publish-up-to` (`XQ-PL-01 (秘密)`).
        public var withheld: [String]
        /// Withdrawn documents: in the pack's 作废文件清单 with their last revision, not among the current documents.
        public var withdrawn: [String] = []
        /// Entries of the zip (the manifest included).
        public var entries: Int
        /// Size of the zip in bytes (0 until it is written).
        public var bytes: Int = 0
    }

    /// The file at the pack's root that lists every other entry's SHA-256.
    public static let manifest = SiteManifest.fileName

    public var set: DocumentSet
    public var diagnostics: [Diagnostic]
    public var settings: RenderSettings
    /// The key of the standard to list (`isms`), or nil for every standard the set names.
    public var standard: String?

    public init(set: DocumentSet, diagnostics: [Diagnostic], settings: RenderSettings, standard: String? = nil) {
        self.set = set
        self.diagnostics = diagnostics
        self.settings = settings
        self.standard = standard
    }

    /// Writes the pack to `output` as a zip: staged beside it and renamed into place, so that an
    /// existing file there is replaced only by a whole pack. Refuses a folder.
    public func write(to output: URL) throws(WorkflowError) -> Outcome {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .environment("\(output.path) is a folder; name the zip file to write (-o FILE.zip)")
        }
        var (entries, outcome) = try contents()
        let data: Data
        do {
            data = try DeterministicZip.data(entries, modified: AuditPack.midnight(settings.buildDate))
        } catch {
            throw .environment(error.description)
        }
        try StagedOutput.write(data, to: output) { WorkflowError.environment($0) }
        outcome.bytes = data.count
        return outcome
    }

    /// The entries of the pack by path, in the order they are zipped (sorted), and what it holds.
    public func contents() throws(WorkflowError) -> (entries: [(path: String, data: Data)], outcome: Outcome) {
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw .refused("no audit pack was written: `check` reports \(errors.count) error\(errors.count == 1 ? "" : "s")",
                           notes: ["fix them first; an audit pack holds only a set that passes check"], diagnostics: errors)
        }
        let reports = try selectedReports()
        let words = EvidenceLabels.for(set.config.language)
        var notReleased: [String] = []
        var omitted: [(number: String, reason: String)] = []
        var offSite = Set<String>()
        var withheld: [String] = []
        for document in set.documents {
            guard SiteMap.isPublishable(document, config: set.config) else {
                withheld.append(SiteMap.withheldLabel(document))
                continue
            }
            let status = ControlStatus.of(document, in: set)
            guard let message = Publish.unreleasedMessage(document, status: status) else { continue }
            offSite.insert(document.number)
            notReleased.append(message)
            let reason: String
            if let follows = status.follows {
                reason = words.changedSinceRelease.replacingOccurrences(of: "{revision}", with: follows)
            } else if status.reasons.contains(.notSealed) || status.reasons.contains(.noHistory) {
                reason = words.notReleasedYet
            } else {
                reason = words.approvalsNotOwn
            }
            omitted.append((document.number, reason))
        }
        var files: [String: Data] = [:]
        let renderer: SiteRenderer
        do {
            renderer = try SiteRenderer(set: set, templates: settings.templates, buildDate: settings.buildDate, today: settings.today,
                                        offSite: offSite, inAuditPack: true)
            for (path, data) in try renderer.render() { files[PageBuilder.auditPackSite + path] = data }
        } catch {
            throw .environment(error.description)
        }
        let index = renderer.builder.auditPackPage(reports: reports, omitted: omitted)
        files["index.html"] = Data(settings.templates.render("audit-pack", index).utf8)
        files[AuditPack.manifest] = Data(SiteManifest(files: files).text.utf8)
        // The same documents the index lists as current: a withdrawn one is only in the 作废文件清单.
        let published = set.documents.filter { renderer.site.published.contains($0.number) }.sorted { $0.number < $1.number }
        let label = { (document: Document) in "\(document.number) \(renderer.site.status(document.number)?.revisionText ?? "")" }
        var outcome = Outcome(documents: published.filter { !$0.withdrawn }.map(label),
                              standards: reports.map { "\($0.key) \($0.standard.fullDesignation)" },
                              notReleased: notReleased, withheld: withheld, entries: files.count)
        outcome.withdrawn = published.filter(\.withdrawn).map(\.number)
        return (files.keys.sorted().map { ($0, files[$0]!) }, outcome)
    }

    /// The coverage of each standard the pack lists: the one asked for, else every one the set names.
    func selectedReports() throws(WorkflowError) -> [CoverageReport] {
        let parts = CoverageReport.compute(set)?.parts ?? []
        guard let standard else { return parts }
        if let part = parts.first(where: { $0.key == standard || $0.standard.id == standard }) { return [part] }
        let known = parts.map { $0.key == $0.standard.id ? $0.key : "\($0.key) (\($0.standard.id))" }
        throw .usage("unknown standard '\(standard)': " + (known.isEmpty ? "the set names no standard"
            : "the set names \(known.joined(separator: ", "))"))
    }

    /// 00:00:00 UTC of `day`: the date of every entry of the zip.
    static func midnight(_ day: Day) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
    }
}
