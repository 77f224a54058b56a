import DocCtlCore
import Foundation

/// One row of the Word revision history (文档修改记录), as written.
struct HistoryRow {
    var revision: String
    var date: Day?
    var dateText: String
    var change: String
    var sections: String
    var author: String
    var approver: String
    var paragraph: Int
}

/// The columns of a revision-history table, in any order.
enum HistoryColumn: CaseIterable {
    case serial, version, revision, date, change, sections, author, approver

    var labels: [String] {
        switch self {
        case .serial: ["序号", "no", "编号", "#"]
        case .version: ["版本号", "版本", "版次", "文件版本", "version", "edition",
                        "版本修订", "版本修订状态", "版本修订号", "版本号修订号", "版次修订", "版本修改状态", "版本状态", "versionrevision"]
        case .revision: ["修订状态", "修订号", "修改状态", "修订码", "revision", "rev"]
        case .date: ["修改日期", "修订日期", "变更日期", "日期", "生效日期", "date", "发布日期"]
        case .change: ["修改内容", "修订内容", "变更内容", "修改说明", "变更说明", "修改描述", "变更描述", "内容", "修订说明",
                       "description", "change", "changes", "summary", "修改内容摘要", "修改页码及内容"]
        case .sections: ["修改页码及章节", "修改章节", "章节", "页码", "修改页码", "修改条款", "sections", "section", "affectedsections", "pages"]
        case .author: ["修改人", "修订人", "变更人", "编制", "编制人", "拟制", "作者", "author", "changedby", "by", "修改者"]
        case .approver: ["批准人", "批准", "审批", "审批人", "approver", "approvedby"]
        }
    }

    static func column(_ text: String) -> HistoryColumn? {
        let key = ControlField.normalize(text)
        return allCases.first { $0.labels.contains(key) }
    }
}

extension ImportConverter {
    /// Reads a revision-history table (any column order); true when `table` is one.
    mutating func readHistory(_ table: WordTable) -> Bool {
        guard let headerIndex = table.rows.prefix(3).firstIndex(where: { row in
            let columns = row.compactMap { HistoryColumn.column($0.plainText) }
            return (columns.contains(.version) || columns.contains(.revision))
                && (columns.contains(.date) || columns.contains(.change)) && Set(columns).count >= 3
        }) else { return false }
        var columns: [HistoryColumn?] = []
        for cell in table.rows[headerIndex] {
            for _ in 0..<cell.span { columns.append(HistoryColumn.column(cell.plainText)) }
        }
        for row in table.rows[(headerIndex + 1)...] {
            var values: [HistoryColumn: String] = [:]
            var position = 0
            for cell in row {
                let text = cell.plainText.trimmingCharacters(in: Self.blanks)
                for _ in 0..<cell.span {
                    if position < columns.count, let column = columns[position], values[column] == nil, !text.isEmpty {
                        values[column] = text
                    }
                    position += 1
                }
            }
            let meaningful = values.keys.filter { $0 != .serial }
            guard !meaningful.isEmpty else { continue } // the blank rows of a template
            let paragraph = row.first?.paragraphs.first?.index ?? table.index
            var revision = values[.version] ?? ""
            if let count = values[.revision] {
                if revision.isEmpty { revision = count }
                else if revision.count == 1, revision.first!.isLetter, count.allSatisfy(\.isNumber) { revision += "/" + count }
                else if !revision.contains("/") { revision += "/" + count }
            }
            let dateText = values[.date] ?? ""
            history.append(HistoryRow(
                revision: revision, date: DateText.day(in: dateText)?.0, dateText: dateText,
                change: values[.change] ?? "", sections: values[.sections] ?? "",
                author: values[.author] ?? "", approver: values[.approver] ?? "", paragraph: paragraph
            ))
        }
        return true
    }

    /// Reads a cover/control table by its labels; true when it held at least two control fields.
    /// `paragraphOverride` replaces the paragraph numbers (0 for a table in the page header).
    mutating func readControlTable(_ table: WordTable, paragraphOverride: Int? = nil) -> Bool {
        var found: [(ControlField, String, Int)] = []
        var lastSignature: ControlField? = nil
        var rows = table.rows.map { row in row.flatMap { cell in Array(repeating: cell, count: cell.span) } }
        // Deduplicate the repeats that a horizontal merge made.
        rows = rows.map { row in
            var result: [WordCell] = []
            for cell in row where !(result.last.map { $0.plainText == cell.plainText && cell.span > 1 } ?? false) { result.append(cell) }
            return result
        }
        for (rowIndex, row) in rows.enumerated() {
            let labels = row.map { ControlField.field(label: $0.plainText) }
            // A row of labels above a row of values (编制 | 审核 | 批准 over the names).
            let nonEmpty = row.filter { !$0.plainText.trimmingCharacters(in: Self.blanks).isEmpty }
            if nonEmpty.count >= 2, labels.compactMap({ $0 }).count == nonEmpty.count, rowIndex + 1 < rows.count,
               rows[rowIndex + 1].count == row.count,
               rows[rowIndex + 1].allSatisfy({ ControlField.field(label: $0.plainText) == nil }) {
                for (column, label) in labels.enumerated() {
                    guard let label else { continue }
                    let value = rows[rowIndex + 1][column]
                    found.append((label, value.plainText, value.paragraphs.first?.index ?? table.index))
                }
                continue
            }
            var column = 0
            while column < row.count {
                let text = row[column].plainText.trimmingCharacters(in: Self.blanks)
                let index = row[column].paragraphs.first?.index ?? table.index
                if let (field, value) = ControlField.labelled(text), !value.isEmpty {
                    found.append((field, value, index))
                    lastSignature = [.prepared, .reviewed, .approved].contains(field) ? field : nil
                    column += 1
                    continue
                }
                if let field = labels[column] {
                    var valueColumn = column + 1
                    var value = ""
                    if valueColumn < row.count, labels[valueColumn] == nil, !Self.isDateLabel(row[valueColumn].plainText) {
                        value = row[valueColumn].plainText
                        valueColumn += 1
                    }
                    let valueIndex = column + 1 < row.count ? (row[column + 1].paragraphs.first?.index ?? index) : index
                    found.append((field, value, valueIndex))
                    lastSignature = [.prepared, .reviewed, .approved].contains(field) ? field : nil
                    column = valueColumn
                    continue
                }
                if Self.isDateLabel(text), let signature = lastSignature, column + 1 < row.count {
                    let date = row[column + 1].plainText
                    found.append((signature, "date:" + date, row[column + 1].paragraphs.first?.index ?? index))
                    column += 2
                    continue
                }
                column += 1
            }
        }
        let fields = Set(found.map(\.0))
        guard fields.count >= 2 else { return false }
        for (field, value, paragraph) in found { record(field, value, paragraph: paragraphOverride ?? paragraph) }
        return true
    }

    static func isDateLabel(_ text: String) -> Bool {
        ["日期", "date", "签字日期", "时间"].contains(ControlField.normalize(text))
    }

    /// `label：value` paragraphs of the cover (several on one line are split at wide blanks).
    mutating func readControlParagraph(_ paragraph: WordParagraph, text: String) -> Bool {
        let parts = text.components(separatedBy: CharacterSet(charactersIn: "\t\u{3000}")).flatMap {
            $0.components(separatedBy: "   ")
        }.map { $0.trimmingCharacters(in: Self.blanks) }.filter { !$0.isEmpty }
        var any = false
        var pending: ControlField? = nil
        for part in parts {
            if let (field, value) = ControlField.labelled(part) {
                if value.isEmpty { pending = field; continue }
                record(field, value, paragraph: paragraph.index)
                any = true
                pending = nil
            } else if let field = pending {
                record(field, part, paragraph: paragraph.index)
                any = true
                pending = nil
            }
        }
        return any
    }

    /// Keeps the first value of each field; a signature's date (`date:` values) joins its name.
    mutating func record(_ field: ControlField, _ raw: String, paragraph: Int) {
        let value = raw.trimmingCharacters(in: Self.blanks)
        guard !value.isEmpty else { return }
        if value.hasPrefix("date:") {
            let date = String(value.dropFirst(5)).trimmingCharacters(in: Self.blanks)
            guard !date.isEmpty, let existing = control[field] else { return }
            control[field] = (existing.value + " " + date, existing.paragraph)
            return
        }
        if control[field] == nil {
            control[field] = (value, paragraph)
        }
    }
}
