/// One issue of a controlled copy, an entry of a document's distribution register
/// (`distribution.yaml`, 文件发放回收登记): which copy number went to whom, of which revision and
/// when, and how it came back.
public struct CopyIssue: Sendable, Hashable {
    /// How an issued copy left circulation.
    public enum Closing: String, Sendable, CaseIterable, Hashable {
        /// Handed back (回收).
        case returned
        /// Lost (遗失): its copy number is void and never issued again.
        case lost
        /// Replaced by another copy (e.g. a damaged one reprinted, 换发).
        case replaced
        /// Kept by its holder as an obsolete copy for reference (作废留存), marked as such.
        case retained
    }

    public var copy: String
    public var holder: String
    public var revisionText: String
    public var issued: Day?
    public var closing: Closing?
    public var closed: Day?
    public var note: String?
    public var location: SourceLocation
    public var revisionLocation: SourceLocation

    /// Whether the copy is still out with its holder.
    public var isOutstanding: Bool { closing == nil }
}

extension Document {
    /// The last sealed history entry: the revision in force.
    public var lastReleased: HistoryEntry? { history.last { $0.digest != nil } }

    /// The revisions a newer release has superseded: every history entry before the last sealed one.
    public var supersededRevisions: Set<String> {
        guard let lastSealed = history.lastIndex(where: { $0.digest != nil }) else { return [] }
        return Set(history[..<lastSealed].map(\.revisionText))
    }

    /// Copies of superseded revisions that are still out: what must be recalled.
    public var copiesToRecall: [CopyIssue] {
        let superseded = supersededRevisions
        return copyIssues.filter { $0.isOutstanding && superseded.contains($0.revisionText) }
    }

    /// Copy numbers recorded lost: void, never issued again.
    public var voidCopyNumbers: Set<String> {
        Set(copyIssues.filter { $0.closing == .lost }.map(\.copy))
    }

    /// `QP-04 B/1 copies 01 (运维服务部), 03 (技术支持部)`, one line per superseded revision with copies out.
    public var recallLines: [String] {
        var order: [String] = []
        var byRevision: [String: [CopyIssue]] = [:]
        for issue in copiesToRecall {
            if byRevision[issue.revisionText] == nil { order.append(issue.revisionText) }
            byRevision[issue.revisionText, default: []].append(issue)
        }
        return order.map { revision in
            let copies = byRevision[revision]!.map { "\($0.copy) (\($0.holder))" }
            return "\(number) \(revision) \(copies.count == 1 ? "copy" : "copies") \(copies.joined(separator: ", "))"
        }
    }
}
