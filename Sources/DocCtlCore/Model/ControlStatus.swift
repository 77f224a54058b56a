/// The control status a document renders with (SPEC §5), computed in one place.
///
/// A document is controlled (受控) only when `control: controlled`, its last history entry is
/// sealed with a digest equal to the current content digest, and its approvals approve that
/// revision (``ApprovalReview``: complete, in order, dated on or after the entry, by its approver). Otherwise it is a draft (草稿): of the last entry when that entry is not sealed,
/// of the next revision when the content changed after sealing. `control: uncontrolled` documents
/// are always 不受控 (and also drafts when their content is not sealed).
public struct ControlStatus: Sendable, Hashable {
    /// What the page says about control.
    public enum State: String, Sendable, Hashable {
        /// 受控: sealed, approved, controlled.
        case controlled
        /// 草稿: not (or no longer) the sealed content; marked uncontrolled.
        case draft
        /// 不受控: the document is declared uncontrolled.
        case uncontrolled
    }

    /// Why a document is not controlled.
    public enum Reason: String, Sendable, Hashable {
        case noHistory = "no-history"
        case notSealed = "not-sealed"
        case changedAfterSealing = "changed-after-sealing"
        case approvalsIncomplete = "approvals-incomplete"
        case approvalsOutOfOrder = "approvals-out-of-order"
        /// The approvals are the previous revision's (dated before the entry, or another approver).
        case approvalsStale = "approvals-stale"
        case declaredUncontrolled = "declared-uncontrolled"
    }

    public var state: State
    /// Whether the page shows the draft watermark (content not sealed as the last entry says).
    public var isDraft: Bool
    /// The revision the rendered content is: the last entry's, or the next one for changed content.
    public var revision: RevisionMark?
    /// The revision as written (`A/2`), or the computed next revision for changed content.
    public var revisionText: String
    /// The sealed revision this draft follows, when the content changed after sealing.
    public var follows: String?
    public var reasons: [Reason]
    /// The digest of the content as it is now.
    public var digest: String

    /// Computes the status of `document` in `set`.
    public static func of(_ document: Document, in set: DocumentSet) -> ControlStatus {
        let digest = set.contentDigest(of: document)
        var reasons: [Reason] = []
        var revision = document.current?.revision
        var revisionText = document.current?.revisionText ?? ""
        var follows: String? = nil
        var sealedAndMatching = false
        if let last = document.current {
            if let sealed = last.digest {
                if sealed == digest {
                    sealedAndMatching = true
                } else {
                    reasons.append(.changedAfterSealing)
                    follows = last.revisionText
                    if let mark = last.revision {
                        revision = mark.nextRevision
                        revisionText = mark.nextRevision.description
                    } else {
                        revision = nil
                        revisionText = last.revisionText + "+"
                    }
                }
            } else {
                reasons.append(.notSealed)
            }
        } else {
            reasons.append(.noHistory)
            revision = set.config.firstRevision
            revisionText = set.config.firstRevision.description
        }
        let approvals = ApprovalReview.reasons(document)
        reasons.append(contentsOf: approvals)
        if !document.controlled { reasons.append(.declaredUncontrolled) }
        let isDraft = !sealedAndMatching
        let state: State
        if !document.controlled {
            state = .uncontrolled
        } else if sealedAndMatching && approvals.isEmpty {
            state = .controlled
        } else {
            state = .draft
        }
        return ControlStatus(state: state, isDraft: isDraft || (state == .draft), revision: revision,
                             revisionText: revisionText, follows: follows, reasons: reasons, digest: digest)
    }
}
