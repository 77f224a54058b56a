/// Whether a document's approvals (编制 / 审核 / 批准, 发布日期, 实施日期 in document.yaml) approve its
/// current revision — the one decision used by `check`, `release`, the control status of pages and
/// copies, and `publish`.
///
/// Approval belongs to a revision: document.yaml holds the approvals of the revision named by the
/// last history entry, and the release record of each revision keeps the ones it was released
/// with. Approvals are complete (every step named and dated, issue and effective dates), in
/// order (prepared ≤ reviewed ≤ approved ≤ issued ≤ effective), and current: the approval, issue
/// and effective dates are on or after the last entry's date, and the approver is the entry's
/// 批准人. Approvals carried over from the previous revision fail the last test.
public enum ApprovalReview {
    /// One thing wrong with a document's approvals.
    public struct Finding: Sendable {
        public var rule: Rule
        public var location: SourceLocation
        public var message: String
        public var fix: String?
        public var notes: [Diagnostic.Note] = []
        /// How it affects the control status; nil when it does not (an approver who also prepared).
        public var reason: ControlStatus.Reason?

        /// The finding as a diagnostic of its rule's default severity.
        public var diagnostic: Diagnostic {
            let text = rule.id == Rules.approvalMissing.id ? "controlled document " + message : message
            return Diagnostic(rule.defaultSeverity, rule: rule.id, at: location, text, notes: notes, fix: fix)
        }
    }

    /// The fields of document.yaml that do not approve the current revision (`approvals.approved`,
    /// `issued`, `effective`, `approvals.approved.name`), in that order.
    public static func staleFields(_ document: Document) -> [String] {
        guard let entry = document.current else { return [] }
        var stale: [String] = []
        if let date = entry.date {
            if let approved = document.approved?.date, approved < date { stale.append("approvals.approved") }
            if let issued = document.issued?.value, issued < date { stale.append("issued") }
            if let effective = document.effective?.value, effective < date { stale.append("effective") }
        }
        if !entry.approver.isEmpty, let name = document.approved?.name, !name.isEmpty, name != entry.approver {
            stale.append("approvals.approved.name")
        }
        return stale
    }

    /// Every finding about `document`'s approvals (for a controlled or an uncontrolled document:
    /// an uncontrolled one is still approved before release).
    public static func review(_ document: Document) -> [Finding] {
        var findings: [Finding] = []
        let steps: [(String, String, Approval?)] = [("prepared", "编制", document.prepared), ("reviewed", "审核", document.reviewed),
                                                    ("approved", "批准", document.approved)]
        for (key, label, approval) in steps where approval?.name?.isEmpty != false || approval?.date == nil {
            let missing = approval == nil ? "entry" : approval?.name?.isEmpty != false ? "name" : "date"
            findings.append(Finding(rule: Rules.approvalMissing, location: approval?.location ?? document.location,
                                    message: "\(document.number) has no \(key) (\(label)) \(missing)",
                                    fix: "add approvals.\(key): { name: …, date: YYYY-MM-DD }", reason: .approvalsIncomplete))
        }
        if document.issued == nil {
            findings.append(Finding(rule: Rules.approvalMissing, location: document.location,
                                    message: "\(document.number) has no issued date (发布日期)", fix: "add issued: YYYY-MM-DD",
                                    reason: .approvalsIncomplete))
        }
        if document.effective == nil {
            findings.append(Finding(rule: Rules.approvalMissing, location: document.location,
                                    message: "\(document.number) has no effective date (实施日期)", fix: "add effective: YYYY-MM-DD",
                                    reason: .approvalsIncomplete))
        }
        var chain: [(String, Day, SourceLocation)] = []
        // With countersignatures (会签), each reviewer's date is checked against preparation and approval on its own.
        for (key, _, approval) in steps where key != "reviewed" || document.countersigned.isEmpty {
            if let approval, let date = approval.date { chain.append((key, date, approval.location)) }
        }
        if let issued = document.issued { chain.append(("issued", issued.value, issued.location)) }
        if let effective = document.effective { chain.append(("effective", effective.value, effective.location)) }
        for index in chain.indices.dropFirst() where chain[index].1 < chain[index - 1].1 {
            findings.append(Finding(rule: Rules.approvalOrder, location: chain[index].2,
                                    message: "\(chain[index].0) (\(chain[index].1)) is earlier than \(chain[index - 1].0) (\(chain[index - 1].1))",
                                    fix: "dates go prepared ≤ reviewed ≤ approved ≤ issued ≤ effective", reason: .approvalsOutOfOrder))
        }
        if let stale = staleFinding(document) { findings.append(stale) }
        if let preparer = document.prepared?.name, !preparer.isEmpty, let approver = document.approved, approver.name == preparer {
            findings.append(Finding(rule: Rules.approverIsPreparer, location: approver.location,
                                    message: "\(preparer) both prepared and approved \(document.number)",
                                    fix: "have someone other than the author approve it", reason: nil))
        }
        return findings
    }

    /// The finding for approvals that predate the current revision or name another approver.
    static func staleFinding(_ document: Document) -> Finding? {
        let stale = staleFields(document)
        guard let entry = document.current, !stale.isEmpty else { return nil }
        var parts: [String] = []
        if stale.contains("approvals.approved"), let date = document.approved?.date { parts.append("approved \(date)") }
        if stale.contains("issued"), let date = document.issued?.value { parts.append("issued \(date)") }
        if stale.contains("effective"), let date = document.effective?.value { parts.append("effective \(date)") }
        var message = "the approvals of \(document.number) do not approve its revision \(entry.revisionText)"
        if let date = entry.date, !parts.isEmpty { message += ": \(parts.joined(separator: ", ")) predate\(parts.count == 1 ? "s" : "") its date \(date)" }
        if stale.contains("approvals.approved.name") {
            message += (parts.isEmpty ? ": " : "; ") + "approved by \(document.approved?.name ?? "") but the entry's approver (批准人) is \(entry.approver)"
        }
        let location = stale.first == "issued" ? document.issued?.location : stale.first == "effective" ? document.effective?.location : nil
        return Finding(rule: Rules.approvalStale, location: location ?? document.approved?.location ?? document.location,
                       message: message,
                       fix: "record \(entry.revisionText)'s own approval in document.yaml: update \(stale.map { $0 == "approvals.approved.name" ? "approvals.approved.name" : $0 }.joined(separator: ", ")) (dates on or after \(entry.date.map(\.description) ?? "the entry's date"))",
                       notes: [Diagnostic.Note("revision \(entry.revisionText) is dated here", at: entry.location)], reason: .approvalsStale)
    }

    /// The reasons the approvals keep `document` from being controlled (none when they approve it).
    public static func reasons(_ document: Document) -> [ControlStatus.Reason] {
        var reasons: [ControlStatus.Reason] = []
        for finding in review(document) {
            if let reason = finding.reason, !reasons.contains(reason) { reasons.append(reason) }
        }
        return reasons
    }
}
