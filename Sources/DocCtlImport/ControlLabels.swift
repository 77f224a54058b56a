import DocCtlCore
import Foundation

/// The control fields a Word cover carries, recognised by their labels in Chinese and English.
enum ControlField: String, CaseIterable, Codable, Sendable {
    case number, title, version, revision, control, classification, issued, effective
    case prepared, reviewed, approved, copy, owner

    /// Labels as they are written, compared after removing blanks, colons and case.
    var labels: [String] {
        switch self {
        case .number: ["文件编号", "文档编号", "编号", "documentno", "documentnumber", "docno", "number"]
        case .title: ["文件名称", "文档名称", "名称", "title", "documenttitle"]
        case .version: ["文件版本", "版本号", "版本", "版次", "version", "edition",
                        // One cell for both parts, `B/2`: 版本/修订, 版本/修订状态 …
                        "版本修订", "版本修订状态", "版本修订号", "版本号修订号", "版次修订", "版本修改状态", "版本状态", "versionrevision"]
        case .revision: ["修订状态", "修订号", "修改状态", "修订次数", "修改码", "revision", "revisionstatus"]
        case .control: ["受控状态", "受控标识", "controlstatus", "control"]
        case .classification: ["密级", "保密等级", "安全级别", "classification", "confidentiality"]
        case .issued: ["发布日期", "发行日期", "发布时间", "issuedate", "issued", "dateofissue"]
        case .effective: ["实施日期", "生效日期", "实施时间", "effectivedate", "effective"]
        case .prepared: ["编制", "拟制", "编写", "起草", "编制人", "preparedby", "prepared", "author"]
        case .reviewed: ["审核", "审核人", "审查", "校核", "reviewedby", "reviewed", "checkedby"]
        case .approved: ["批准", "批准人", "审批", "审批人", "核准", "approvedby", "approved"]
        case .copy: ["分发号", "发放号", "copyno", "copynumber", "copy"]
        case .owner: ["归口部门", "编制部门", "主管部门", "责任部门", "owner", "ownerdepartment", "department"]
        }
    }

    private static let index: [String: ControlField] = {
        var table: [String: ControlField] = [:]
        for field in allCases { for label in field.labels { table[label] = field } }
        return table
    }()

    /// The field a cell or label text names, e.g. `文件编号：`, `Prepared by`.
    static func field(label: String) -> ControlField? {
        guard label.utf8.count <= 160 else { return nil } // labels are short: no need to normalize a paragraph
        let key = normalize(label)
        guard !key.isEmpty, key.count <= 20 else { return nil }
        if let field = index[key] { return field }
        // 编制/日期, 审批/日期, Approved by / Date: a signature with its date in one cell.
        for suffix in ["日期", "date"] where key.hasSuffix(suffix) {
            if let field = index[String(key.dropLast(suffix.count))], [.prepared, .reviewed, .approved].contains(field) { return field }
        }
        return nil
    }

    static func normalize(_ label: String) -> String {
        String(label.lowercased().unicodeScalars.filter {
            !CharacterSet.whitespacesAndNewlines.contains($0) && !":：.．/_-()（）".unicodeScalars.contains($0) && $0 != "\u{3000}"
        }.map(Character.init))
    }

    /// Splits `文件编号：XQ-01` (or `Document No.: XQ-01`) into a field and a value.
    static func labelled(_ text: String) -> (ControlField, String)? {
        guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        guard let field = field(label: String(text[..<colon])) else { return nil }
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}")))
        return (field, value)
    }
}

/// Dates in the forms Chinese documents use.
enum DateText {
    /// `2020-03-26`, `2020- 03 -26`, `2020年3月26日`, `2020.3.26`, `2020/3/26` → a day.
    static func day(in text: String) -> (Day, Range<String.Index>)? {
        let pattern = #"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?"#
        guard let range = CachedRegex.range(pattern, in: text) else { return nil }
        let digits = text[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count == 3, let day = Day(year: digits[0], month: digits[1], day: digits[2]) else { return nil }
        return (day, range)
    }
}

/// A name with an optional date, as a signature cell holds them: `林晓 2025-03-02`.
struct Signature: Equatable {
    var name: String
    var date: Day?

    init(name: String, date: Day?) {
        self.name = name
        self.date = date
    }

    init(_ text: String) {
        if let (day, range) = DateText.day(in: text) {
            var rest = text
            rest.removeSubrange(range)
            name = Self.clean(rest)
            date = day
        } else {
            name = Self.clean(text)
            date = nil
        }
    }

    static func clean(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}:：/,，、日期")))
        return trimmed.replacingOccurrences(of: "日期", with: "").trimmingCharacters(in: .whitespaces)
    }
}
