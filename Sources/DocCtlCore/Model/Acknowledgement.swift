/// A read acknowledgement (宣贯确认): a holder on a document's distribution list confirmed it was
/// briefed on a revision, from `<document>/acknowledgements.yaml`.
public struct Acknowledgement: Sendable, Hashable {
    public var revisionText: String
    /// A holder of the distribution list (department or person, as written there).
    public var holder: String
    /// Who signed for the holder.
    public var name: String?
    public var date: Day?
    public var location: SourceLocation
}

/// docset.yaml's `briefing:` (宣贯): how many days after a revision takes effect every holder on its
/// distribution list has acknowledged it, from which effective date on.
public struct BriefingPolicy: Sendable, Hashable {
    public var withinDays: Int
    public var since: Day?
    public var location: SourceLocation
}

/// Where a document's current revision stands with its briefing.
public struct BriefingStatus: Sendable, Hashable {
    public var revision: String
    /// The distinct holders of the distribution list, in the order listed.
    public var required: [String]
    /// The acknowledgements of this revision by those holders, one per holder (the first).
    public var acknowledged: [Acknowledgement]
    /// When every holder should have acknowledged (nil without a policy or an effective date).
    public var due: Day?

    public var missing: [String] { required.filter { holder in !acknowledged.contains { $0.holder == holder } } }
    public var percent: Int { required.isEmpty ? 100 : acknowledged.count * 100 / required.count }

    public func isOverdue(on today: Day?) -> Bool {
        guard let due, let today else { return false }
        return due < today && !missing.isEmpty
    }
}

extension Document {
    /// The briefing of the current revision: nil for a document with no distribution list, no
    /// current revision, or (with a policy) one that took effect before the policy's `since`.
    public func briefingStatus(policy: BriefingPolicy?) -> BriefingStatus? {
        guard let current, controlled, !withdrawn, !distribution.isEmpty else { return nil }
        if policy == nil && acknowledgements.isEmpty { return nil }
        if let since = policy?.since, let effective = effective?.value, effective < since { return nil }
        var required: [String] = []
        for copy in distribution where !required.contains(copy.holder) { required.append(copy.holder) }
        var acknowledged: [Acknowledgement] = []
        for ack in acknowledgements where ack.revisionText == current.revisionText && required.contains(ack.holder)
            && !acknowledged.contains(where: { $0.holder == ack.holder }) {
            acknowledged.append(ack)
        }
        let due = policy.flatMap { policy in effective.map { $0.value.adding(days: policy.withinDays) } }
        return BriefingStatus(revision: current.revisionText, required: required, acknowledged: acknowledged, due: due)
    }
}

extension Day {
    /// Days since 1970-01-01 (days-from-civil, Howard Hinnant).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// This date moved by `days` days, clamped to the years a `Day` holds.
    public func adding(days: Int) -> Day {
        let target = min(max(daysSinceEpoch + days, Day(year: 1900, month: 1, day: 1)!.daysSinceEpoch),
                         Day(year: 9999, month: 12, day: 31)!.daysSinceEpoch)
        return Day(epochSeconds: target * 86_400)
    }
}
