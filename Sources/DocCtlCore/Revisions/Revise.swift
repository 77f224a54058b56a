import Foundation

/// `docctl revise`: appends the next history entry of a released document, with `sections`
/// (修改页码及章节) computed from what changed since its last release.
public struct Revise {
    /// A revision (A/3 → A/4) or a new edition (A/3 → B/0).
    public enum Kind: Sendable {
        case revision, edition
    }

    /// What to record.
    public struct Request: Sendable {
        public var kind: Kind
        public var change: String
        public var author: String
        public var approver: String?
        public var date: Day
        /// Record a revision even when the content is unchanged since the release.
        public var force: Bool

        public init(kind: Kind, change: String, author: String, approver: String? = nil, date: Day, force: Bool = false) {
            self.kind = kind
            self.change = change
            self.author = author
            self.approver = approver
            self.date = date
            self.force = force
        }
    }

    /// What a revise did.
    public struct Outcome: Sendable, Equatable {
        public var revision: String
        public var previous: String
        public var sections: String
        /// Why `sections` is 全部 without a comparison, if it is (no release record).
        public var note: String?
        public var written: [String]
    }

    public var set: DocumentSet

    public init(set: DocumentSet) { self.set = set }

    /// Appends the next entry to `document`'s history.
    public func run(_ document: Document, _ request: Request) throws(WorkflowError) -> Outcome {
        guard let last = document.history.last, let mark = last.revision else {
            throw .refused("\(document.number) has no valid last history entry to follow; run `docctl check`")
        }
        guard let sealed = last.digest else {
            throw .refused("\(document.number) \(mark) is not released yet, so there is nothing to revise from",
                           notes: ["edit the unreleased entry \(mark) in \(document.historyPath) instead (its change, sections, author), then `docctl release \(document.number)`"])
        }
        for (value, option) in [(request.change, "-m"), (request.author, "--author")]
            where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .refused("\(option) must not be empty")
        }
        let digest = ContentDigest.digest(document, sources: set.sources)
        if digest == sealed && !request.force {
            throw .refused("\(document.number) has not changed since \(mark) was released; there is nothing to record",
                           notes: ["edit the document first, or pass --force to record a revision without content changes (e.g. after a review)"])
        }
        if let before = last.date, request.date < before {
            throw .refused("the new entry's date \(request.date) is before \(mark) (\(before)); history dates never go backwards")
        }
        let next = request.kind == .revision ? mark.nextRevision : mark.nextEdition(skipping: set.config.skipLetters)
        if request.kind == .revision, let cap = set.config.maxRevision, next.revision > cap.value {
            let edition = mark.nextEdition(skipping: set.config.skipLetters)
            throw .refused("\(document.number) \(next) would go past revision.max-revision \(cap.value) of docset.yaml: a new edition is required (换版)",
                           notes: ["record the change as \(edition) with --edition instead of --revision"])
        }

        let current = SectionDigests.record(of: document, sources: set.sources, revision: next.description, date: request.date)
        let recordPath = ReleaseRecord.path(folder: document.folder, revision: mark)
        let language = set.config.language
        var note: String? = nil
        var sections: String
        if let data = try? Data(contentsOf: set.root.appendingPathComponent(recordPath)) {
            let record = try ReleaseRecord.parse(data, path: recordPath)
            if record.digest != sealed {
                note = "\(recordPath) does not belong to the sealed digest of \(mark); sections recorded as all"
                sections = Labels.for(language).allSections
            } else {
                sections = SectionDigests.changes(from: record, to: current).text(language: language)
            }
        } else {
            note = "no release record \(recordPath) (\(mark) was sealed without one); sections recorded as all"
            sections = Labels.for(language).allSections
        }

        var fields: [(key: String, value: String)] = [
            ("revision", next.description), ("date", request.date.description), ("change", request.change),
            ("sections", sections), ("author", request.author),
        ]
        if let approver = request.approver, !approver.isEmpty { fields.append(("approver", approver)) }
        let url = set.root.appendingPathComponent(document.historyPath)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .environment("cannot read \(document.historyPath): \(error.localizedDescription)")
        }
        var editor = try HistoryFileEditor(data: data, path: document.historyPath)
        try editor.appendEntry(fields)
        try StagedOutput.write(editor.text.data, to: url, failure: WorkflowError.environment)
        return Outcome(revision: next.description, previous: mark.description, sections: sections, note: note,
                       written: [document.historyPath])
    }
}
