/// The kinds of controlled document.
public enum DocumentType: String, Sendable, CaseIterable, Hashable {
    case manual, procedure, instruction, policy, plan
}

/// One approval step (编制 / 审核 / 批准).
public struct Approval: Sendable, Hashable {
    public var name: String?
    public var date: Day?
    public var location: SourceLocation
    /// The countersigning department (会签部门), for reviewers listed one by one.
    public var department: String? = nil
}

/// A registered controlled copy (分发号).
public struct CopyRegistration: Sendable, Hashable {
    public var copy: String
    public var holder: String
    public var location: SourceLocation
}

/// One entry of history.yaml (文档修改记录).
public struct HistoryEntry: Sendable, Hashable {
    public var revisionText: String
    public var revision: RevisionMark?
    public var date: Day?
    public var change: String
    public var sections: String
    public var author: String
    public var approver: String
    public var digest: String?
    public var location: SourceLocation
    public var revisionLocation: SourceLocation
    public var dateLocation: SourceLocation
    /// Where `digest:` stands (its value), when the entry is sealed.
    public var digestLocation: SourceLocation? = nil
    /// The git commit holding the sources `release` sealed, and its author (provenance).
    public var commit: String? = nil
    public var gitAuthor: String? = nil
}

/// A Markdown body file of a document.
public struct BodyFile: Sendable {
    public var path: String
    public var blocks: [Block]
}

/// A section of a document body, from one ATX heading to the next of the same or higher level.
public struct Section: Sendable {
    public var number: String?
    public var title: String
    public var level: Int
    public var anchor: String
    /// Clauses this section maps to (resolved from its number and attribute block).
    public var clauses: [String]
    /// Clauses written in `{clause=…}`, nil when there was no attribute block.
    public var explicitClauses: [Located<String>]?
    public var isAppendix: Bool
    public var location: SourceLocation
    public var blocks: [Block]
    public var children: [Section]
    /// The anchor asked for (`{id=…}`, or the one docctl makes) was an `{id=…}` or a made anchor of
    /// an earlier section, at this place: this one got a suffix instead (`duplicate-anchor`).
    public var anchorTakenAt: SourceLocation? = nil
    /// Set when ``blocks`` were dropped to save memory (``Document/droppingBody()``): what the
    /// blocks told of the section, so that ``isStub`` and ``isUnwritten`` keep their answers.
    public var droppedBody: DroppedSectionBody? = nil

    /// This section and all its descendants, in document order.
    public var flattened: [Section] { [self] + children.flatMap(\.flattened) }

    /// Whether the section is still to be written: no content and no subsections, or a paragraph
    /// starting with `TODO` (the stub `docctl init` puts in every section). `unfinished-section`
    /// reports these.
    public var isStub: Bool {
        if let droppedBody { return droppedBody.isStub }
        return blocks.isEmpty && children.isEmpty
            || blocks.contains { if case .paragraph(let inlines, _) = $0 { inlines.plainText.hasPrefix("TODO") } else { false } }
    }

    /// Whether nothing under this heading is written yet: a stub, or only a heading over stubs.
    /// Such a section covers no clause (a fresh `docctl init` set is 0 % covered, not 100 %).
    public var isUnwritten: Bool {
        isStub || !(droppedBody?.hadBlocks ?? !blocks.isEmpty) && children.allSatisfy(\.isUnwritten)
    }
}

/// One controlled document: a folder holding document.yaml.
public struct Document: Sendable {
    public var folder: String
    public var number: String
    public var title: String
    public var type: DocumentType
    public var owner: Located<String>?
    public var classification: Located<String>?
    public var controlled: Bool
    public var withdrawn: Bool
    /// Where `status:` is written (the value), when it is.
    public var statusLocation: SourceLocation? = nil
    /// The 作废记录 of document.yaml's `withdrawn:` (date, reason, approver), when written.
    public var withdrawal: Withdrawal? = nil
    public var numbering: ClauseNumbering
    public var standard: String?
    public var clauses: [Located<String>]
    public var records: [Located<String>]
    public var prepared: Approval?
    /// 审核: with several reviewers (会签), their names joined and the latest date.
    public var reviewed: Approval?
    /// Every reviewer when `reviewed` lists several (会签), in the order written; empty otherwise.
    public var countersigned: [Approval] = []
    public var approved: Approval?
    public var issued: Located<Day>?
    public var effective: Located<Day>?
    public var lastReview: Located<Day>?
    public var reviewEveryMonths: Located<Int>?
    public var distribution: [CopyRegistration]
    public var history: [HistoryEntry]
    /// The distribution register (`distribution.yaml`), in the order written; empty without the file.
    public var copyIssues: [CopyIssue] = []
    /// Read acknowledgements (`acknowledgements.yaml`, 宣贯确认), in the order written.
    public var acknowledgements: [Acknowledgement] = []
    public var historyPath: String
    public var bodyFiles: [BodyFile] { didSet { bodySummaryMemo = BodySummaryMemo() } }
    /// Content before the first heading, then the section tree.
    public var preamble: [Block] { didSet { bodySummaryMemo = BodySummaryMemo() } }
    public var sections: [Section]
    public var location: SourceLocation
    /// Generated blocks `{{name}}` after the first of their name in the document, with the place of
    /// that first one: rendered as their name only, reported by `duplicate-generated-block`.
    public var repeatedPlaceholders: [SourceLocation: SourceLocation] = [:]
    /// Where `number:` is written (the value), for rules on the number itself.
    public var numberLocation: SourceLocation?
    /// Where `title:` is written (the value).
    public var titleLocation: SourceLocation?
    /// A body file or an image could not be read (already reported): its digest cannot be compared.
    public var hasUnreadableBody = false
    /// The images of the body that could be loaded, each file once, sorted by source path.
    public var images: [DocumentImage] = []
    /// Image target as written in the Markdown → ``DocumentImage/source`` of the image it loaded.
    public var imageSources: [String: String] = [:]
    /// Whether the blocks of the body were dropped (``droppingBody()``): only the section tree's
    /// titles, numbers, anchors and clauses are left, and rendering needs ``restoringBody(files:preamble:sections:)``.
    public var bodyDropped: Bool { droppedBody != nil }
    /// What the dropped body told of the document (set while ``bodyDropped``).
    public internal(set) var droppedBody: DroppedDocumentBody? = nil
    /// The body's part of the per-document check, made before the body was dropped at the load
    /// (``droppingBody(checked:)``); nil otherwise.
    public internal(set) var bodyCheck: DocumentBodyCheck? = nil
    /// ``bodySummary`` once computed for these body files and preamble (see ``BodySummaryMemo``).
    var bodySummaryMemo = BodySummaryMemo()

    /// The names of the own `{{…}}` blocks of the preamble and of every section, in document order
    /// (also once the body was dropped).
    public var placeholderNames: [String] {
        var names = droppedBody?.preamblePlaceholders ?? Block.placeholderNames(preamble)
        forEachSection { names += $0.placeholderNames }
        return names
    }

    /// The current revision: the last history entry.
    public var current: HistoryEntry? { history.last }

    /// Every section in document order.
    public var allSections: [Section] { sections.flatMap(\.flattened) }

    /// Visits every section in document order, as ``allSections`` lists them, without building
    /// that array (a copy of every section: the most expensive part of a check that takes over
    /// the per-document records, which reads every document's sections).
    public func forEachSection(_ visit: (Section) -> Void) {
        func walk(_ sections: [Section]) {
            for section in sections {
                visit(section)
                walk(section.children)
            }
        }
        walk(sections)
    }

    /// Whether a section satisfies `predicate` (visited in place, as ``forEachSection(_:)``).
    public func containsSection(where predicate: (Section) -> Bool) -> Bool {
        var found = false
        forEachSection { if !found, predicate($0) { found = true } }
        return found
    }

    /// Whether `path` (relative to the set) is one of this document's files: diagnostics there concern it.
    public func owns(path: String) -> Bool {
        path.hasPrefix(folder + "/") || path == folder
    }
}

/// When and why a document was withdrawn (作废), as document.yaml's `withdrawn:` records it:
/// `withdrawn: { date: 2026-05-18, reason: 已并入 QP-06, approved-by: 沈家宁 }`. It goes with
/// `status: withdrawn`; `withdrawal-record` reports what is missing or out of place.
public struct Withdrawal: Sendable {
    public var date: Located<Day>?
    public var reason: String?
    public var approvedBy: String?
    /// Where `withdrawn:` is written (its value).
    public var location: SourceLocation

    public init(date: Located<Day>?, reason: String?, approvedBy: String?, location: SourceLocation) {
        self.date = date
        self.reason = reason
        self.approvedBy = approvedBy
        self.location = location
    }
}

/// How a document's headings map to clauses.
public enum ClauseNumbering: String, Sendable {
    /// Numbered headings map to the clause of the same number.
    case standard
    /// Only attribute blocks map.
    case own
}
