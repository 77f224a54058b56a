/// A batch of kept records (a year's 事件记录单, a box of 内审检查表) in the records log,
/// `records-log.yaml` (记录保管与销毁台账): when it was closed, and when it was disposed of with
/// whose approval. Its disposal falls due when the record type's retention has run from `closed`.
public struct RecordBatch: Sendable, Hashable {
    /// The record type (an id of records.yaml).
    public var record: Located<String>
    /// What the batch holds (`2024 年度事件记录单`).
    public var batch: String
    /// When the batch was closed (the last record in it written).
    public var closed: Day?
    /// When it was disposed of (销毁), with the approver (批准人).
    public var disposed: Located<Day>?
    public var approvedBy: String?
    public var note: String?
    public var location: SourceLocation

    /// The date its retention ends: nil for a permanent retention or an unreadable one.
    public func due(retention: String?) -> Day? {
        guard let closed, let months = RecordBatch.retentionMonths(retention) else { return nil }
        return closed.adding(months: months)
    }

    /// The months of a retention period (`3 years`, `6 个月`, `3 年`, `三年`, `至少 5 年`,
    /// `合同终止后2年` — counted from `closed`, the day of the event); nil for permanent (永久,
    /// 长期) or anything that is not a period (record-incomplete reports that).
    public static func retentionMonths(_ text: String?) -> Int? {
        guard let text else { return nil }
        var compact = text.replacingLiteral(" ", with: "").replacingLiteral("\u{3000}", with: "").lowercased()
        // After an event (合同终止后, 离职后): the period runs from the batch's closing, the event's day.
        if let after = compact.lastIndex(of: "后") { compact = String(compact[compact.index(after: after)...]) }
        for prefix in ["atleast", "至少", "不少于", "保存", "保留"] where compact.hasPrefix(prefix) { compact.removeFirst(prefix.count) }
        for suffix in ["及以上", "以上", "保存", "保留"] where compact.hasSuffix(suffix) { compact.removeLast(suffix.count) }
        let digits = compact.prefix { $0.isASCII && $0.isNumber }
        let numeral = digits.isEmpty ? compact.prefix(while: ChineseNumeral.isNumeral) : ""
        guard let count = digits.isEmpty ? ChineseNumeral.value(numeral) : Int(digits), count > 0, count <= 200 else { return nil }
        switch compact.dropFirst(digits.isEmpty ? numeral.count : digits.count) {
        case "year", "years", "年": return count * 12
        case "month", "months", "个月", "月": return count
        default: return nil
        }
    }

    /// Whether a retention is permanent: `permanent`, 永久, 长期 (保存).
    public static func isPermanentRetention(_ text: String) -> Bool {
        let compact = text.replacingLiteral(" ", with: "").lowercased()
        return ["permanent", "永久", "长期", "永久保存", "长期保存", "永久保留", "长期保留"].contains(compact)
    }

    /// Where the batch stands on `today`.
    public enum State: Sendable, Hashable { case kept, due, disposed, permanent }

    public func state(retention: String?, today: Day?) -> State {
        if disposed != nil { return .disposed }
        guard let due = due(retention: retention) else { return .permanent }
        guard let today else { return .kept }
        return due <= today ? .due : .kept
    }
}
