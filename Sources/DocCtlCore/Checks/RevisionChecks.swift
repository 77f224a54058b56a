import Foundation

/// Rules on revision histories: marks, sequence, dates and the sealed digest.
enum RevisionChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let config = context.set.config
        let rootPath = context.set.root.path
        for (position, document) in context.set.documents.enumerated() {
            guard let first = document.history.first else {
                if !document.historyPath.isEmpty, context.set.sources[document.historyPath] != nil {
                    sink.report(Rules.emptyHistory, at: SourceLocation(path: document.historyPath, line: 1),
                                "the history of \(document.number) has no entries",
                                fix: "add the first entry: - { revision: \"\(config.firstRevision)\", date: …, change: 新建, author: …, approver: … }")
                }
                continue
            }
            if let mark = first.revision, mark != config.firstRevision {
                sink.report(Rules.historyFirst, at: first.revisionLocation,
                            "the history of \(document.number) starts at \(mark), not at \(config.firstRevision)",
                            fix: "start the history with \(config.firstRevision) (revision.first in docset.yaml)")
            }
            for (index, entry) in document.history.enumerated() {
                if let mark = entry.revision, mark.edition.contains(where: config.skipLetters.contains) {
                    sink.report(Rules.skippedLetter, at: entry.revisionLocation,
                                "edition letter \(mark.edition) is never used (revision.skip-letters)",
                                fix: "use the next letter after it")
                }
                if let digest = entry.digest, !ContentDigest.isWellFormed(digest) {
                    sink.report(Rules.malformedDigest, at: entry.location,
                                "digest '\(digest.prefix(20))' of \(entry.revisionText) is not 'sha256:' and 64 lower-case hex digits",
                                fix: "never write digests by hand; `docctl release` seals them")
                } else if entry.digest != nil {
                    checkSeal(entry, of: document, rootPath: rootPath, &sink)
                }
                guard index > 0 else { continue }
                let previous = document.history[index - 1]
                if let before = previous.date, let after = entry.date, after < before {
                    sink.report(Rules.historyDateOrder, at: entry.dateLocation,
                                "\(entry.revisionText) is dated \(after), before \(previous.revisionText) (\(before))")
                }
                guard let prior = previous.revision, let mark = entry.revision else { continue }
                checkStep(from: prior, to: mark, entry: entry, config: config, &sink)
            }
            if !document.hasUnreadableBody, let last = document.history.last, let sealed = last.digest, ContentDigest.isWellFormed(sealed) {
                // The digest the document's check record holds (made or taken over by this check)
                // when it has one: looking it up again costs the key of every sealed document.
                let kept = position < context.summaries.count ? context.summaries[position].contentDigest : nil
                let actual = kept ?? context.set.contentDigest(of: document)
                if actual != sealed {
                    sink.report(Rules.changedSinceRelease, at: last.location,
                                "\(document.number) changed since \(last.revisionText) was released (its content no longer matches the sealed digest)",
                                notes: [Diagnostic.Note("sealed \(sealed.prefix(19))…, now \(actual.prefix(19))…")],
                                fix: "record the change: docctl revise \(document.number) --revision -m \"…\" --author …")
                }
            }
        }
    }

    /// A sealed entry's digest equals the one its release record kept when `docctl release` sealed
    /// it: a digest written into history.yaml by hand (to make changed content look released) is caught.
    static func checkSeal(_ entry: HistoryEntry, of document: Document, rootPath: String, _ sink: inout DiagnosticSink) {
        guard let sealed = entry.digest, let mark = entry.revision else { return }
        let recordPath = ReleaseRecordFile.path(folder: document.folder, revision: mark)
        guard let data = FileManager.default.contents(atPath: rootPath + "/" + recordPath) else { return }
        let recorded = String(data: data, encoding: .utf8).flatMap(ReleaseRecordFile.digest)
        guard recorded?.digest != sealed else { return }
        let message = recorded == nil
            ? "\(recordPath), the release record of \(document.number) \(mark), holds no digest, so its seal cannot be confirmed"
            : "the digest sealed on \(document.number) \(mark) is not the one \(recordPath) recorded when it was released"
        sink.report(Rules.sealMismatch, at: entry.digestLocation ?? entry.location, message,
                    notes: [Diagnostic.Note("history.yaml says \(sealed.prefix(19))…" + (recorded.map { ", the release record \($0.digest.prefix(19))…" } ?? ""),
                                            at: SourceLocation(path: recordPath, line: recorded?.line ?? 1))],
                    fix: "restore history.yaml and the release record from version control; a changed document needs a new revision (docctl revise, then docctl release)")
    }

    static func checkStep(from prior: RevisionMark, to mark: RevisionMark, entry: HistoryEntry, config: DocSetConfig,
                          _ sink: inout DiagnosticSink) {
        if mark.edition == prior.edition {
            if mark.revision != prior.revision + 1 {
                sink.report(Rules.revisionGap, at: entry.revisionLocation,
                            "\(mark) follows \(prior); the next revision is \(prior.nextRevision)",
                            fix: "number revisions without gaps: \(prior.nextRevision) or \(prior.nextEdition(skipping: config.skipLetters))")
            }
            return
        }
        let expected = prior.nextEdition(skipping: config.skipLetters)
        if mark.edition != expected.edition, !mark.edition.contains(where: config.skipLetters.contains) {
            sink.report(Rules.revisionGap, at: entry.revisionLocation,
                        "\(mark) follows \(prior); the next edition is \(expected)",
                        fix: "use \(prior.nextRevision) for a revision or \(expected) for a new edition")
        } else if mark.revision != 0 {
            sink.report(Rules.editionNotZero, at: entry.revisionLocation,
                        "new edition \(mark.edition) starts at \(mark), not at \(mark.edition)/0",
                        fix: "write \(mark.edition)/0")
        }
    }
}
