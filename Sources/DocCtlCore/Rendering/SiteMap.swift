/// Where everything of a document set lands in the rendered site, and what may be linked.
///
/// Computed once per build: the control status of every document, which documents may be
/// published (classification up to `publish-up-to`), the folder of each document's current
/// revision, the section that covers each clause and the page that holds the records register.
public struct SiteMap: Sendable {
    /// Where a `[[clause]]` reference goes.
    public struct SectionTarget: Sendable, Hashable {
        public var document: String
        public var anchor: String
        public var number: String?
        public var title: String
    }

    /// The set mapped (its bodies may have been dropped since: see ``SiteRenderer/droppingBodies(_:)``).
    public internal(set) var set: DocumentSet
    public let statuses: [String: ControlStatus]
    /// Numbers of documents that reach the site.
    public let published: Set<String>
    /// Number → folder of the rendered revision (`A-2`).
    public let revisionFolders: [String: String]
    /// Number → safe folder name for the document.
    public let documentFolders: [String: String]
    /// Clause id → the section covering it.
    public let clauseTargets: [String: SectionTarget]
    /// The document and section anchor holding `{{record-list}}`, if any is published.
    public let recordList: SectionTarget?
    /// Documents whose sources hold an unreleased revision and whose last published revision stays
    /// current on the site (publish without `--require-all-released`): number → that revision's archive.
    public let held: [String: ArchivedRevision]
    let documentsByTitle: [String: String]
    let recordsByTitle: [String: String]

    /// Builds the map of `set`; in a draft build (`build --draft`) no document is 受控. A document in
    /// `held` is shown at that published revision instead of its sources; a document in `offSite`
    /// does not reach the site (never released).
    public init(set: DocumentSet, draft: Bool = false, held: [String: ArchivedRevision] = [:], offSite: Set<String> = []) {
        self.held = held
        self.set = set
        var statuses: [String: ControlStatus] = [:]
        var published: Set<String> = []
        var revisionFolders: [String: String] = [:]
        var documentFolders: [String: String] = [:]
        var byTitle: [String: String] = [:]
        // Each status digests the document's content: on both cores.
        let computed = Parallel.map(set.documents.count) { ControlStatus.of(set.documents[$0], in: set) }
        for (document, status) in zip(set.documents, computed) {
            statuses[document.number] = draft ? status.inDraftBuild : status
            if SiteMap.isPublishable(document, config: set.config) && !offSite.contains(document.number) { published.insert(document.number) }
            revisionFolders[document.number] = status.revision?.pathComponent ?? SiteMap.safeComponent(status.revisionText)
            if let archive = held[document.number] {
                let mark = RevisionMark(archive.revision)
                statuses[document.number] = ControlStatus(state: .controlled, isDraft: false, revision: mark, revisionText: archive.revision,
                                                          follows: nil, reasons: [], digest: archive.digest)
                revisionFolders[document.number] = mark?.pathComponent ?? SiteMap.safeComponent(archive.revision)
            }
            documentFolders[document.number] = SiteMap.safeComponent(document.number)
            if byTitle[document.title] == nil { byTitle[document.title] = document.number }
        }
        self.statuses = statuses
        self.published = published
        self.revisionFolders = revisionFolders
        self.documentFolders = documentFolders
        self.documentsByTitle = byTitle
        var recordTitles: [String: String] = [:]
        for record in set.records where recordTitles[record.title] == nil { recordTitles[record.title] = record.id }
        self.recordsByTitle = recordTitles

        // Manuals first, then the other documents, each in the set's order; the first section wins.
        let ordered = set.documents.filter { published.contains($0.number) && !$0.withdrawn }
            .sorted { ($0.type == .manual ? 0 : 1) < ($1.type == .manual ? 0 : 1) }
        var targets: [String: SectionTarget] = [:]
        var recordList: SectionTarget? = nil
        for document in ordered {
            document.forEachSection { section in
                let target = SectionTarget(document: document.number, anchor: section.anchor, number: section.number,
                                           title: section.title)
                for clause in section.clauses where targets[clause] == nil { targets[clause] = target }
                if recordList == nil, section.placeholderNames.contains("record-list") {
                    recordList = target
                }
            }
        }
        self.clauseTargets = targets
        self.recordList = recordList
    }

    /// Whether a document may reach the site: its classification is one of docset.yaml's levels
    /// (a missing, blank or unknown one never is, whatever `check` was told) and, when
    /// `publish-up-to` is set, at or below it (an unknown `publish-up-to` publishes nothing).
    public static func isPublishable(_ document: Document, config: DocSetConfig) -> Bool {
        guard let level = document.classification?.value, !level.allSatisfy(\.isWhitespace),
              let index = config.classification.firstIndex(of: level) else { return false }
        guard let limit = config.publishUpTo?.value else { return true }
        guard let limitIndex = config.classification.firstIndex(of: limit) else { return false }
        return index <= limitIndex
    }

    /// How a document that is not published is named in publish and build reports.
    public static func withheldLabel(_ document: Document) -> String {
        let level = document.classification?.value ?? ""
        return "\(document.number) (\(level.allSatisfy(\.isWhitespace) ? "no classification" : level))"
    }

    /// A folder name that cannot leave its parent (``SiteNames/safeComponent(_:)``).
    public static func safeComponent(_ text: String) -> String { SiteNames.safeComponent(text) }

    /// Names the site root uses for itself: a document folder may not take them.
    public static let reservedNames = SiteNames.reserved

    /// The longest document folder name, in UTF-8 bytes (``SiteNames/maximumFolderBytes``).
    public static let maximumFolderBytes = SiteNames.maximumFolderBytes

    /// The status of a document (computed at init).
    public func status(_ number: String) -> ControlStatus? { statuses[number] }

    /// Path of a document's rendered revision page, relative to the site root.
    public func pagePath(_ number: String) -> String? {
        guard published.contains(number), let folder = documentFolders[number], let revision = revisionFolders[number] else {
            return nil
        }
        return "\(folder)/\(revision)/index.html"
    }

    /// Path of a document's pointer page (`QP-04/index.html`), which leads to its current revision.
    public func pointerPath(_ number: String) -> String? {
        guard published.contains(number), let folder = documentFolders[number] else { return nil }
        return "\(folder)/index.html"
    }

    /// The document a written-out `《title》` names, if any.
    public func documentNumber(titled title: String) -> String? { documentsByTitle[title] }

    /// The record a written-out `《title》` names, if any.
    public func recordID(titled title: String) -> String? { recordsByTitle[title] }

    /// The section covering `clause`, falling back to the nearest ancestor clause that is covered.
    public func target(forClause clause: String) -> SectionTarget? {
        var id = clause
        while true {
            if let target = clauseTargets[id] { return target }
            guard let dot = id.lastIndex(of: ".") else { return nil }
            id = String(id[..<dot])
        }
    }

    /// The anchor of a record's row in the records register.
    public static func recordAnchor(_ id: String) -> String { "record-" + safeComponent(id) }
}
