import Foundation

/// `docctl release`: seals the last history entry of a document with its content digest and keeps
/// the release record (per-section digests) that `docctl revise` compares against later.
///
/// Refuses, writing nothing, when `check` has errors in the document's files, when its approvals
/// are incomplete or out of order (for every document: an uncontrolled one is still approved),
/// when the entry has no author or approver, or when the entry is already sealed with another
/// digest. Releasing a sealed entry whose digest still matches changes nothing. A release record is
/// never overwritten: a mark whose digest line was deleted is sealed again only with the content
/// its record holds (a released mark is immutable; a change needs a new revision).
///
/// `--date` sets the entry's date (修改日期) in the same edit, for the common case of an entry
/// drafted by `revise` on one day and approved and released on another. It never moves a date
/// before the previous entry's, and never changes a sealed entry: the digest does not cover
/// history.yaml, so a date edit after release would silently alter a released record.
public struct Release {
    /// What a release did.
    public enum Outcome: Sendable, Equatable {
        /// The entry was sealed; the paths written (relative to the set), history.yaml last.
        case sealed(revision: String, digest: String, written: [String])
        /// The entry was already sealed with this digest; `written` holds a release record that
        /// was missing and has been added (it is empty when nothing was written).
        case alreadySealed(revision: String, digest: String, written: [String])
    }

    public var set: DocumentSet
    /// `check`'s finalized diagnostics for the whole set.
    public var diagnostics: [Diagnostic]

    public init(set: DocumentSet, diagnostics: [Diagnostic]) {
        self.set = set
        self.diagnostics = diagnostics
    }

    /// Releases `document`, setting its last entry's date to `date` when given.
    public func run(_ document: Document, date: Day? = nil, provenance: SourceProvenance = .notInGit) throws(WorkflowError) -> Outcome {
        guard let entry = document.history.last else {
            throw .refused("\(document.number) has no history entry to release",
                           notes: ["add the first entry to \(document.historyPath): - { revision: \"\(set.config.firstRevision)\", date: …, change: 新建, … }"])
        }
        guard let mark = entry.revision else {
            throw .refused("the last history entry of \(document.number) has no valid revision mark ('\(entry.revisionText)')")
        }
        let digest = ContentDigest.digest(document, sources: set.sources)
        if let sealed = entry.digest {
            guard sealed == digest else {
                throw .refused("\(document.number) \(mark) is already released with another digest; a released revision is never resealed",
                               notes: ["sealed \(sealed)", "content now \(digest)",
                                       "the document changed after its release: record the change with `docctl revise \(document.number) --revision -m \"…\" --author …`, then release the new entry"])
            }
            if let date, date != entry.date {
                throw .refused("\(document.number) \(mark) is already released; its date (\(entry.date.map(\.description) ?? "none")) is not changed",
                               notes: ["a released history entry is a record: change it only through a new revision"])
            }
            let recordPath = ReleaseRecord.path(folder: document.folder, revision: mark)
            if FileManager.default.fileExists(atPath: url(recordPath).path) {
                return .alreadySealed(revision: mark.description, digest: digest, written: [])
            }
            let record = SectionDigests.record(of: document, sources: set.sources, revision: mark.description, date: entry.date)
            try StagedOutput.write(Data(record.yaml().utf8), to: url(recordPath), failure: WorkflowError.environment)
            return .alreadySealed(revision: mark.description, digest: digest, written: [recordPath])
        }

        let errors = diagnostics.filter { $0.severity == .error && DocumentResolver.owns(document, path: $0.location?.path ?? "") }
        if !errors.isEmpty {
            throw .refused("\(document.number) \(mark) is not released: `check` reports \(errors.count) error\(errors.count == 1 ? "" : "s") in its files",
                           notes: ["fix them and run `docctl release` again"], diagnostics: errors)
        }
        // The approvals must approve this entry as it is released (with --date, at that date).
        var released = document
        if let date { released.history[released.history.count - 1].date = date }
        try checkApprovals(released, entry: released.history.last!, mark: mark)
        // A release record is written once: a mark released before (its digest line since deleted)
        // is sealed again only with the very content it was released with.
        let recordPath = ReleaseRecord.path(folder: document.folder, revision: mark)
        var keepRecord = false
        if let existing = FileManager.default.contents(atPath: url(recordPath).path) {
            let recorded = try? ReleaseRecord.parse(existing, path: recordPath)
            guard let recorded, recorded.digest == digest else {
                throw .refused("\(document.number) \(mark) was released before (\(recordPath)) with other content; a released revision is never resealed",
                               notes: ["released \(recorded?.digest ?? "(the record is unreadable)")", "content now \(digest)",
                                       "a released mark is immutable: record the change as a new revision with `docctl revise \(document.number) --revision -m \"…\" --author …`, then release that"])
            }
            keepRecord = true
        }
        var editor = try HistoryFileEditor(data: read(document.historyPath), path: document.historyPath)
        var releasedDate = entry.date
        if let date, date != entry.date {
            let previous = document.history.dropLast().last
            if let before = previous?.date, date < before {
                throw .refused("--date \(date) is before the previous entry \(previous!.revisionText) (\(before)); history dates never go backwards")
            }
            try editor.setInLastEntry("date", to: date.description)
            releasedDate = date
        }
        try editor.setInLastEntry("digest", to: digest)
        if case .committed(let commit, let author) = provenance {
            try editor.setInLastEntry("commit", to: commit)
            if !author.isEmpty { try editor.setInLastEntry("git-author", to: author) }
        }

        if keepRecord {
            try StagedOutput.write(editor.text.data, to: url(document.historyPath), failure: WorkflowError.environment)
            return .sealed(revision: mark.description, digest: digest, written: [document.historyPath])
        }
        var record = SectionDigests.record(of: document, sources: set.sources, revision: mark.description, date: releasedDate)
        record.keepApprovals(of: document)
        // The record first: a history.yaml sealed without its record would leave revise guessing.
        try StagedOutput.write(Data(record.yaml().utf8), to: url(recordPath), failure: WorkflowError.environment)
        try StagedOutput.write(editor.text.data, to: url(document.historyPath), failure: WorkflowError.environment)
        return .sealed(revision: mark.description, digest: digest, written: [recordPath, document.historyPath])
    }

    /// Approvals complete, in order (编制 ≤ 审核 ≤ 批准 ≤ 发布 ≤ 实施) and this revision's own (dated on
    /// or after the entry, by its approver; ``ApprovalReview``), and an author and approver on the
    /// entry: whatever docset.yaml says about the severity of those rules.
    func checkApprovals(_ document: Document, entry: HistoryEntry, mark: RevisionMark) throws(WorkflowError) {
        let blocking = [Rules.approvalMissing.id, Rules.approvalOrder.id, Rules.approvalStale.id]
        var problems = ApprovalReview.review(document).filter { blocking.contains($0.rule.id) }.map(\.diagnostic)
        if entry.author.isEmpty {
            problems.append(Diagnostic(.error, rule: Rules.approvalMissing.id, at: entry.location,
                                       "history entry \(mark) of \(document.number) has no author (修改人)", fix: "add author: <name>"))
        }
        if entry.approver.isEmpty {
            problems.append(Diagnostic(.error, rule: Rules.approvalMissing.id, at: entry.location,
                                       "history entry \(mark) of \(document.number) has no approver (批准人)",
                                       fix: "add approver: <name> once the revision is approved"))
        }
        problems = problems.map { var diagnostic = $0; diagnostic.severity = .error; return diagnostic }
        if !problems.isEmpty {
            let stale = ApprovalReview.staleFields(document)
            let summary = stale.isEmpty ? "its approvals are incomplete or out of order"
                : "its approvals are not its own (stale: \(stale.joined(separator: ", ")))"
            throw .refused("\(document.number) \(mark) is not released: \(summary)",
                           notes: ["a revision is released only once it is prepared, reviewed and approved (编制 / 审核 / 批准)"]
                               + (stale.isEmpty ? [] : ["update them in \(document.folder)/document.yaml for \(mark): dates on or after \(entry.date.map(\.description) ?? "the entry's date"), approved by \(entry.approver.isEmpty ? "the entry's approver" : entry.approver)"]),
                           diagnostics: problems.sorted(by: Diagnostic.ordered))
        }
    }

    func url(_ relative: String) -> URL { set.root.appendingPathComponent(relative) }

    func read(_ relative: String) throws(WorkflowError) -> Data {
        do { return try Data(contentsOf: url(relative)) } catch {
            throw .environment("cannot read \(relative): \(error.localizedDescription)")
        }
    }
}
