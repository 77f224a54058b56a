import Foundation

/// Settings of a document set, from docset.yaml.
public struct DocSetConfig: Sendable {
    /// An external document (外来文件): a law, standard or customer contract the system relies on.
    public struct ExternalDocument: Sendable, Hashable {
        public var title: String
        public var source: String?
        public var location: SourceLocation
        public var id: String? = nil
        /// Who issued it (发布机构).
        public var issuer: String? = nil
        /// The version, edition or date in force (版本/年号).
        public var version: String? = nil
        /// The department that keeps it current (归口部门), an id of organization.yaml.
        public var owner: Located<String>? = nil
        /// Who holds a copy (发放范围).
        public var distribution: [String] = []
        /// When it was last checked for a newer version (查新).
        public var lastChecked: Located<Day>? = nil
        /// How often it is checked, in months.
        public var checkEveryMonths: Located<Int>? = nil

        /// When the next check falls due; nil without `check-every`.
        public var nextCheck: Day? {
            guard let months = checkEveryMonths?.value, let last = lastChecked?.value else { return nil }
            return last.adding(months: months)
        }

        /// Whether the set keeps this entry as a register line (more than a citable title).
        public var isRegistered: Bool { issuer != nil || version != nil || owner != nil || lastChecked != nil || checkEveryMonths != nil }
    }

    public var organizationName = ""
    public var organizationShort = ""
    /// The primary standard's id (the only one with `standard:`).
    public var standard = Located("iso-iec-20000-1-2018", at: SourceLocation(path: "docset.yaml"))
    /// Every standard of the set, primary first (`standards:`; one entry keyed by its id with `standard:`).
    public var standards: [StandardChoice] = []
    /// `harmonized: true`: numbered headings map to the same-numbered clause of every standard whose
    /// title matches (clauses 4–10 of the harmonized structure).
    public var harmonized: Located<Bool>?
    public var language: Language = .zhCN
    public var classification: [String] = ["公开", "内部公开", "秘密", "机密"]
    public var publishUpTo: Located<String>?
    public var firstRevision = RevisionMark(edition: "A", revision: 0)
    public var skipLetters: Set<Character> = ["I", "O"]
    public var coverageDepth = 3
    /// Document types whose sections or declared clauses count for coverage.
    public var coverageFrom: Set<DocumentType> = [.manual]
    public var notApplicable: [String: Located<String>] = [:]
    public var notApplicableLocations: [String: SourceLocation] = [:]
    public var ruleSeverities: [String: Severity] = [:]
    public var externalDocuments: [ExternalDocument] = []
    public var siteTitle: String?
    /// House rules: the pattern a document number of each type matches in full (`numbering:`).
    public var numberingPatterns: [DocumentType: Located<String>] = [:]
    /// House rules: the highest revision count within an edition (`revision.max-revision`).
    public var maxRevision: Located<Int>?
    /// Who may approve each document type (`approval-authority:`): department ids whose head may
    /// approve, or `owner-head` for the head of the document's owner department.
    public var approvalAuthority: [DocumentType: [Located<String>]] = [:]
    /// `briefing:` — who must acknowledge a new revision, and by when (宣贯).
    public var briefing: BriefingPolicy?

    public init() {}
}

/// One entry of `standards:` in docset.yaml.
public struct StandardChoice: Sendable {
    public var key: String
    public var id: Located<String>
    public var keyLocation: SourceLocation
}

/// A department of organization.yaml.
public struct Department: Sendable, Hashable {
    public var id: String
    public var name: String
    public var parent: String?
    public var head: String?
    public var duties: [String]
    public var location: SourceLocation
}

/// A lead or support mark in the responsibility matrix.
public enum Responsibility: String, Sendable, Hashable {
    case lead = "●"
    case support = "○"
}

/// One clause row of the responsibility matrix (职责分配表).
public struct MatrixRow: Sendable {
    public var clause: String
    public var title: String?
    /// Department id → mark.
    public var cells: [String: Responsibility]
    public var location: SourceLocation
}

/// The responsibility matrix: its columns (department ids) and rows.
public struct ResponsibilityMatrix: Sendable {
    public var path: String
    public var departments: [String] = []
    public var rows: [MatrixRow] = []
}

/// A record of the register (记录清单).
public struct RecordEntry: Sendable, Hashable {
    public var id: String
    public var title: String
    public var owner: String?
    public var retention: String?
    public var procedure: String?
    public var form: String?
    public var location: SourceLocation
}

/// Everything loaded from a document set, with the source files for snippets.
public struct DocumentSet: Sendable {
    public var root: URL
    public var config = DocSetConfig()
    public var departments: [Department] = [] { didSet { lookup = LookupIndex() } }
    public var matrix: ResponsibilityMatrix?
    public var records: [RecordEntry] = [] { didSet { lookup = LookupIndex() } }
    /// The records log (records-log.yaml): kept record batches and their disposal.
    public var recordBatches: [RecordBatch] = []
    public var documents: [Document] = [] { didSet { lookup = LookupIndex() } }
    /// Folders holding a document.yaml that could not be loaded: references into them are not
    /// reported again, the load error already was.
    public var unloadableFolders: [String] = []
    /// The set's standards combined into one tree (see ``ClauseTree/parts``).
    public var standard: ClauseTree?
    /// applicability.yaml, when the set has one.
    public var applicability: Applicability?
    public var sources: [String: SourceFile] = [:] { didSet { lookup = LookupIndex() } }
    /// The body of each document as its load made it, by folder (``KeptBody``): `build -o` keeps
    /// them in its cache so that the next build parses only the bodies whose text changed. Empty
    /// for a set loaded with a ``DocumentLoadCache`` (`docctl serve`).
    public internal(set) var keptBodies: [String: KeptBody] = [:]
    /// The folders of the documents whose body the load took from kept bodies instead of parsing it.
    public internal(set) var bodiesTakenOver: Set<String> = []
    /// What loading each document's YAML files gave it, by document folder (``KeptMetadata``):
    /// `build -o` keeps them in its cache so that the next build parses only the YAML whose text
    /// changed. Empty for a set loaded with a ``DocumentLoadCache`` (`docctl serve`).
    public internal(set) var keptMetadata: [String: KeptMetadata] = [:]
    /// The folders of the documents whose fields the load took from ``keptMetadata`` of an earlier
    /// build instead of parsing their YAML.
    public internal(set) var metadataTakenOver: Set<String> = []

    public init(root: URL) { self.root = root }

    /// Look-ups by number, id and name, built on first use and dropped whenever the arrays change:
    /// checks and renderers resolve every reference with them, and a linear search per reference made
    /// `check` quadratic in the number of documents.
    var lookup = LookupIndex()

    /// ``ContentDigest/digest(_:sources:)`` of `document` with this set's sources, computed once per
    /// version of the set: `check` compares it with the sealed digest and the renderer's control status
    /// shows it, and each was a hash of every body of the set.
    public func contentDigest(of document: Document) -> String {
        let key = ContentDigest.inputsBesidesText(document, sources: sources)
        if let digest = lookup.digest(key) { return digest }
        let digest = ContentDigest.digest(document, sources: sources)
        lookup.store(digest: digest, key)
        return digest
    }

    /// The position of the document numbered `number` in ``documents``: reading one field as
    /// `documents[index].title` does not copy the whole ``Document`` as ``document(number:)`` does.
    public func documentIndex(number: String) -> Int? {
        lookup.documents(documents)[number]
    }

    public func document(number: String) -> Document? {
        lookup.documents(documents)[number].map { documents[$0] }
    }
    /// Whether `number` may belong to a document that failed to load (its folder is named after it).
    public func mayBeUnloadable(_ number: String) -> Bool {
        unloadableFolders.contains { folder in
            let name = folder.split(separator: "/").last.map(String.init) ?? folder
            return name == number || name.hasPrefix(number + "-") || name.hasPrefix(number + "_")
        }
    }

    public func record(id: String) -> RecordEntry? { lookup.records(records)[id].map { records[$0] } }
    public func department(_ key: String) -> Department? {
        let index = lookup.departments(departments)
        return (index.byID[key] ?? index.byName[key]).map { departments[$0] }
    }
}

/// First positions of numbers, ids and names in a ``DocumentSet``'s arrays, computed once per version
/// of the arrays (a new index replaces this one on every change, so a stale index is never read).
final class LookupIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var documentIndex: [String: Int]?
    private var recordIndex: [String: Int]?
    private var departmentIndex: (byID: [String: Int], byName: [String: Int])?
    /// Content digests by ``ContentDigest/inputsBesidesText(_:sources:)``.
    private var digests: [String: String] = [:]

    /// ``DocumentSet/ownSourceDigests``, once computed.
    private var own: [String]?

    func digest(_ key: String) -> String? { lock.withLock { digests[key] } }

    /// `compute()` the first time (outside the lock: it runs on every core), the kept value after.
    func ownSourceDigests(_ compute: () -> [String]) -> [String] {
        if let own = lock.withLock({ own }) { return own }
        let computed = compute()
        lock.withLock { own = computed }
        return computed
    }
    func store(digest: String, _ key: String) { lock.withLock { digests[key] = digest } }

    func documents(_ documents: [Document]) -> [String: Int] {
        lock.withLock {
            if let documentIndex { return documentIndex }
            let index = LookupIndex.firstPositions(documents.lazy.map(\.number))
            documentIndex = index
            return index
        }
    }

    func records(_ records: [RecordEntry]) -> [String: Int] {
        lock.withLock {
            if let recordIndex { return recordIndex }
            let index = LookupIndex.firstPositions(records.lazy.map(\.id))
            recordIndex = index
            return index
        }
    }

    func departments(_ departments: [Department]) -> (byID: [String: Int], byName: [String: Int]) {
        lock.withLock {
            if let departmentIndex { return departmentIndex }
            let index = (LookupIndex.firstPositions(departments.lazy.map(\.id)), LookupIndex.firstPositions(departments.lazy.map(\.name)))
            departmentIndex = index
            return index
        }
    }

    /// Key → position of its first occurrence, as `first { … }` would find it.
    static func firstPositions<Keys: Collection>(_ keys: Keys) -> [String: Int] where Keys.Element == String {
        var result: [String: Int] = [:]
        result.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() where result[key] == nil { result[key] = position }
        return result
    }
}

/// The Statement of Applicability (适用性声明), from applicability.yaml: a decision per control.
public struct Applicability: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case implemented, planned
    }

    public struct Entry: Sendable {
        /// The clause id as written (`isms:A.5.15`).
        public var clause: String
        public var applicable: Bool
        public var justification: String?
        public var implementedBy: [Located<String>]
        public var status: Status?
        public var location: SourceLocation
    }

    public var path = "applicability.yaml"
    /// Entries in file order.
    public var entries: [Entry] = []
    /// Canonical clause id → position in `entries` (the first entry of an id).
    public var byClause: [String: Int] = [:]

    public func entry(_ canonicalID: String) -> Entry? { byClause[canonicalID].map { entries[$0] } }
}
