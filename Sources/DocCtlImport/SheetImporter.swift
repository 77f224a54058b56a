import DocCtlCore
import Foundation

/// What a spreadsheet becomes: the responsibility matrix (职责分配表) or the records register (记录清单).
public enum SheetKind: String, Sendable, CaseIterable {
    case matrix, records

    /// The set file it writes.
    public var fileName: String { self == .matrix ? "responsibilities.csv" : "records.yaml" }
}

/// What the sheet importer knows about the set the file goes into.
public struct SheetImportOptions: Sendable {
    /// `--sheet`: the worksheet by name; otherwise the first sheet whose header row is found.
    public var sheet: String?
    /// Department ids and names, to write ids for the names a sheet uses.
    public var departments: [(id: String, name: String)] = []
    /// Documents of the set (number, title), to turn a procedure named by title into its number.
    public var documents: [(number: String, title: String)] = []

    public init() {}
}

/// One imported set file and its report.
public struct ImportedSheet: Sendable {
    public var kind: SheetKind
    public var sheetName: String
    public var text: String
    public var report: ImportReport
}

/// Reads a 职责分配表 or 记录清单 kept in Excel: the header row wherever it is (any column order,
/// Chinese or English names, merged header cells, a second header row under a merged 部门 cell),
/// then one matrix row or record per data row.
public enum SheetImporter {
    public static func importSheet(_ data: Data, name: String, as kind: SheetKind, options: SheetImportOptions,
                                   limits: DocxPackage.Limits = .init()) throws(ImportError) -> ImportedSheet {
        var package = try DocxPackage(data: data, name: name, kind: .excel, limits: limits)
        return try importPackage(&package, as: kind, options: options)
    }

    /// Imports one worksheet's XML given without a zip (fuzzing): a workbook of that one sheet.
    public static func importSheetXML(_ sheet: Data, sharedStrings: Data? = nil, name: String, as kind: SheetKind,
                                      options: SheetImportOptions) throws(ImportError) -> ImportedSheet {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts: [String: Data] = [
            "xl/workbook.xml": Data(#"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8),
            "xl/_rels/workbook.xml.rels": Data(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8),
            "xl/worksheets/sheet1.xml": sheet,
        ]
        if let sharedStrings { parts["xl/sharedStrings.xml"] = sharedStrings }
        var package = DocxPackage(parts: parts, name: name)
        return try importPackage(&package, as: kind, options: options)
    }

    static func importPackage(_ package: inout DocxPackage, as kind: SheetKind, options: SheetImportOptions) throws(ImportError) -> ImportedSheet {
        let sheets = try XlsxWorkbook.sheets(&package)
        let strings = try XlsxWorkbook.sharedStrings(&package)
        let formats = try XlsxWorkbook.numberFormats(&package)
        let candidates: [(name: String, path: String)]
        if let wanted = options.sheet {
            guard let sheet = sheets.first(where: { $0.name == wanted }) else {
                throw ImportError("\(package.name) has no sheet named '\(wanted)'; its sheets: \(sheets.map(\.name).joined(separator: ", "))")
            }
            candidates = [sheet]
        } else {
            candidates = sheets
        }
        for candidate in candidates {
            let sheet = try XlsxWorkbook.sheet(candidate.path, name: candidate.name, in: &package, strings: strings, formats: formats)
            var report = ImportReport(source: package.name)
            let text: String?
            switch kind {
            case .matrix: text = MatrixSheet(sheet: sheet, options: options).convert(into: &report)
            case .records: text = RecordsSheet(sheet: sheet, options: options).convert(into: &report)
            }
            if let text {
                report.items.insert(.init(.found, "sheet '\(sheet.name)'"), at: 0)
                return ImportedSheet(kind: kind, sheetName: sheet.name, text: text, report: report)
            }
        }
        let expected = kind == .matrix
            ? "header row with a 条款 (clause) column"
            : "header row with 记录名称 (title) and at least one of 记录编号, 保管部门, 保存期限, 表单编号"
        let which = options.sheet.map { "sheet '\($0)'" } ?? (sheets.count == 1 ? "its sheet" : "any of its \(sheets.count) sheets")
        throw ImportError("\(package.name): \(which) has no \(expected) in its first \(headerSearchRows) rows; nothing was imported")
    }

    static let headerSearchRows = 30

    /// A header cell as compared: without blanks, punctuation and a unit in brackets, lower case.
    static func key(_ text: String) -> String {
        let withoutUnit = text.replacingOccurrences(of: #"[（(][^)）]{0,6}[)）]\s*$"#, with: "", options: .regularExpression)
        return ControlField.normalize(withoutUnit)
    }

    /// The department id a header or owner cell names, by id or name (blanks ignored).
    static func department(_ text: String, in departments: [(id: String, name: String)]) -> String? {
        let wanted = ControlField.normalize(text)
        return departments.first { ControlField.normalize($0.id) == wanted || ControlField.normalize($0.name) == wanted }?.id
    }

    /// Full-width letters and digits (`Ｒ`, `８`) as ASCII.
    static func halfWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0xFF01...0xFF5E).contains(scalar.value) ? UnicodeScalar(scalar.value - 0xFEE0)! : scalar
        }))
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

extension ImportReport {
    mutating func add(_ kind: Kind, cell: String, _ text: String?, _ message: String) {
        items.append(Item(kind, excerpt: text.map { cell + " " + Self.excerpt($0) } ?? cell, message))
    }
}

/// 职责分配表 → responsibilities.csv.
struct MatrixSheet {
    let sheet: XlsxSheet
    let options: SheetImportOptions

    static let clauseHeaders: Set<String> = ["条款", "条款号", "条款编号", "标准条款", "章节", "章节号", "条目", "标准章节", "clause",
                                             "clauseno", "clauseid", "clausenumber", "section", "iso20000条款", "iso200001条款"]
    static let titleHeaders: Set<String> = ["条款名称", "条款标题", "标题", "名称", "要求", "条款内容", "标准要求", "内容", "过程",
                                            "title", "clausetitle", "requirement", "process", "name"]
    static let ignoredHeaders: Set<String> = ["序号", "no", "sn", "备注", "说明", "remarks", "notes", "note", "部门", "责任部门",
                                              "departments", "department", "部门职责"]

    /// The clause id a cell holds (`8.1`, `A.5.1`, `8.10`), or nil for notes and legends.
    static func clause(_ text: String) -> String? {
        let value = SheetImporter.halfWidth(text).replacingOccurrences(of: "．", with: ".")
            .trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        return CachedRegex.range(#"^([A-Za-z][A-Za-z0-9-]*:)?([A-Z]\.)?\d{1,2}(\.\d{1,3}){0,4}$"#, in: value) != nil ? value : nil
    }

    func convert(into report: inout ImportReport) -> String? {
        // The header row: the first row with a clause cell among the first rows.
        var header: (row: Int, clause: Int)?
        for row in sheet.rows.indices.prefix(SheetImporter.headerSearchRows) {
            if let column = sheet.rows[row].firstIndex(where: { Self.clauseHeaders.contains(SheetImporter.key($0)) }) {
                header = (row, column)
                break
            }
        }
        guard let header else { return nil }
        var names = sheet.rows[header.row]
        var firstData = header.row + 1
        // A second header row under merged cells (条款 | 名称 | 责任部门 spanning the departments):
        // its clause cell is empty or the merged 条款 again, and it holds names, not marks.
        if firstData < sheet.rows.count {
            let next = sheet.rows[firstData]
            let clauseCell = sheet[firstData, header.clause]
            let names2 = next.enumerated().filter { $0.offset != header.clause && !$0.element.isEmpty }
            if (clauseCell.isEmpty || clauseCell == names[header.clause]),
               !names2.isEmpty, names2.allSatisfy({ Self.mark($0.element) == nil }) {
                names += Array(repeating: "", count: max(0, next.count - names.count))
                for (column, value) in names2 where column != header.clause {
                    if names[column].isEmpty || sheet.mergedFill.contains(.init(row: header.row, column: column))
                        || SheetImporter.key(names[column]).hasSuffix("部门") || ["department", "departments"].contains(SheetImporter.key(names[column])) {
                        names[column] = value
                    }
                }
                firstData += 1
                report.items.append(.init(.found, excerpt: sheet.reference(row: header.row, column: header.clause),
                                          "a two-row header: department names from row \(sheet.rowNumbers[header.row + 1])"))
            }
        }
        var titleColumn: Int?
        var departmentColumns: [(column: Int, name: String, id: String?)] = []
        var seenDepartments = Set<String>()
        for (column, name) in names.enumerated() where column != header.clause && !name.isEmpty {
            let key = SheetImporter.key(name)
            if titleColumn == nil, Self.titleHeaders.contains(key) { titleColumn = column; continue }
            if Self.ignoredHeaders.contains(key) {
                report.add(.dropped, cell: sheet.reference(row: header.row, column: column), name, "column '\(name)' is not a department; it was not carried over")
                continue
            }
            let id = SheetImporter.department(name, in: options.departments)
            let written = id ?? name
            if seenDepartments.contains(written) {
                report.add(.fix, cell: sheet.reference(row: header.row, column: column), name, "department '\(name)' has a second column; only the first is carried over")
                continue
            }
            seenDepartments.insert(written)
            departmentColumns.append((column, name, id))
            if id == nil {
                report.add(.fix, cell: sheet.reference(row: header.row, column: column), name,
                           options.departments.isEmpty ? "column '\(name)' is carried over as a department name; the set has no organization.yaml departments to match it"
                                                       : "column '\(name)' is not a department of organization.yaml (by id or name): add it there or rename the column")
            }
        }
        guard !departmentColumns.isEmpty else {
            report.add(.fix, cell: sheet.reference(row: header.row, column: header.clause), nil, "the header row names no department columns")
            return nil
        }
        report.items.append(.init(.found, excerpt: sheet.reference(row: header.row, column: header.clause),
                                  "header row \(sheet.rowNumbers[header.row]): clause in column \(XlsxWorkbook.columnName(header.clause))"
                                  + (titleColumn.map { ", title in column \(XlsxWorkbook.columnName($0))" } ?? "")
                                  + ", \(departmentColumns.count) department\(departmentColumns.count == 1 ? "" : "s")"))

        var lines = [(["clause"] + (titleColumn == nil ? [] : ["title"]) + departmentColumns.map { $0.id ?? $0.name })
            .map(SheetImporter.csvField).joined(separator: ",")]
        var seenClauses = Set<String>()
        var rowCount = 0
        var mergedMarks = 0
        var recoded = 0
        var badCells: [String] = []
        for row in sheet.rows.indices.dropFirst(firstData) {
            let raw = sheet[row, header.clause]
            let rest = sheet.rows[row].enumerated().filter { $0.offset != header.clause && !$0.element.isEmpty }
            if raw.isEmpty && rest.isEmpty { continue }
            guard var clause = Self.clause(raw) else {
                let text = raw.isEmpty ? rest.map(\.element).joined(separator: " ") : raw
                report.add(.dropped, cell: sheet.reference(row: row, column: header.clause), text,
                           "row \(sheet.rowNumbers[row]) has no clause id; it was not carried over (a legend or a note?)")
                continue
            }
            // `8.10` typed into a General cell is stored as 8.1: a second 8.1 after 8.9 is 8.10.
            if sheet.generalNumbers.contains(.init(row: row, column: header.clause)), seenClauses.contains(clause),
               clause.contains("."), !seenClauses.contains(clause + "0") {
                report.add(.guessed, cell: sheet.reference(row: row, column: header.clause), raw,
                           "clause \(clause) is a number and comes a second time; read as \(clause)0 (format the column as Text so that 8.10 stays 8.10)")
                clause += "0"
            }
            if seenClauses.contains(clause) {
                report.add(.fix, cell: sheet.reference(row: row, column: header.clause), raw, "clause \(clause) has a second row")
            }
            seenClauses.insert(clause)
            var cells = [clause]
            if let titleColumn { cells.append(sheet[row, titleColumn]) }
            for department in departmentColumns {
                let value = sheet[row, department.column]
                if !value.isEmpty, sheet.mergedFill.contains(.init(row: row, column: department.column)) { mergedMarks += 1 }
                let (mark, changed) = Self.normalizedMark(value)
                if changed { recoded += 1 }
                if !mark.isEmpty, Self.mark(mark) == nil {
                    badCells.append(sheet.reference(row: row, column: department.column) + " '" + mark + "'")
                }
                cells.append(mark)
            }
            lines.append(cells.map(SheetImporter.csvField).joined(separator: ","))
            rowCount += 1
        }
        report.counts.rows = rowCount
        report.items.append(.init(.found, "\(rowCount) clause row\(rowCount == 1 ? "" : "s")"))
        if mergedMarks > 0 {
            report.items.append(.init(.guessed, "\(mergedMarks) cell\(mergedMarks == 1 ? "" : "s") covered by merged ranges took the merged mark"))
        }
        if recoded > 0 {
            report.items.append(.init(.guessed, "\(recoded) cell\(recoded == 1 ? "" : "s") written as a RACI combination or in full-width or lower case were written as one mark"))
        }
        if !badCells.isEmpty {
            report.items.append(.init(.fix, "\(badCells.count) cell\(badCells.count == 1 ? " is" : "s are") not ●, ○, R, A, C, I or empty (kept as written): "
                                      + badCells.prefix(8).joined(separator: ", ") + (badCells.count > 8 ? ", …" : "")))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The matrix mark of a cell, or nil when it is not one (●, ○, R, A, C, I, 主责, 配合).
    static func mark(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces)
        return ["●", "○", "R", "A", "C", "I", "S", "主", "主责", "配合", "协助"].contains(value) ? value : nil
    }

    /// A cell as one mark: `Ｒ` → `R`, `r` → `R`, `R/A` → `A` (lead), `C、I` → `C`; whether it changed.
    static func normalizedMark(_ text: String) -> (String, Bool) {
        let value = SheetImporter.halfWidth(text).trimmingCharacters(in: .whitespaces)
        if value.isEmpty || mark(value) != nil { return (value, value != text) }
        let upper = value.uppercased()
        if mark(upper) != nil { return (upper, true) }
        let letters = upper.filter { !" /,，、;；+&".contains($0) }
        if !letters.isEmpty, letters.allSatisfy({ "RACI".contains($0) }) {
            for letter in ["A", "R", "C", "I"] where letters.contains(letter) { return (letter, true) }
        }
        return (value, value != text)
    }
}

/// 记录清单 → records.yaml.
struct RecordsSheet {
    let sheet: XlsxSheet
    let options: SheetImportOptions

    enum Field: String, CaseIterable {
        case id, title, owner, retention, procedure, form

        var headers: Set<String> {
            switch self {
            case .id: ["记录编号", "编号", "记录号", "记录代码", "记录id", "id", "recordid", "recordno", "recordnumber", "no"]
            case .title: ["记录名称", "名称", "记录", "记录表单名称", "表单名称", "title", "recordtitle", "recordname", "name", "record"]
            case .owner: ["保管部门", "保存部门", "责任部门", "归口部门", "部门", "保管单位", "保存单位", "归档部门", "owner", "department", "keeper", "custodian"]
            case .retention: ["保存期限", "保管期限", "保存期", "保存时间", "保存年限", "保管年限", "retention", "retentionperiod", "keepfor"]
            case .procedure: ["相关程序", "程序文件", "产生记录的程序文件", "来源程序", "依据文件", "所属程序", "相关文件", "程序", "procedure", "source", "sourceprocedure"]
            case .form: ["表单编号", "表格编号", "表单号", "表格号", "模板编号", "form", "formno", "formnumber"]
            }
        }
    }

    func convert(into report: inout ImportReport) -> String? {
        var header: (row: Int, columns: [Field: Int], units: [Int: String])?
        for row in sheet.rows.indices.prefix(SheetImporter.headerSearchRows) {
            var columns: [Field: Int] = [:]
            var units: [Int: String] = [:]
            for (column, text) in sheet.rows[row].enumerated() where !text.isEmpty {
                let key = SheetImporter.key(text)
                if let field = Field.allCases.first(where: { $0.headers.contains(key) }), columns[field] == nil {
                    columns[field] = column
                    if let unit = CachedRegex.range(#"[（(]\s*(年|月|个月|years?|months?)\s*[)）]"#, in: text) {
                        units[column] = text[unit].contains("月") || text[unit].lowercased().contains("month") ? "months" : "years"
                    }
                }
            }
            // 表单名称 is the title only when there is no 记录名称.
            if columns[.title] != nil, columns.count >= 2 {
                header = (row, columns, units)
                break
            }
        }
        guard let header else { return nil }
        let columns = header.columns
        let described = Field.allCases.compactMap { field in columns[field].map { "\(field.rawValue) \(XlsxWorkbook.columnName($0))" } }
        report.items.append(.init(.found, excerpt: sheet.reference(row: header.row, column: columns[.title]!),
                                  "header row \(sheet.rowNumbers[header.row]): " + described.joined(separator: ", ")))
        for (column, name) in sheet.rows[header.row].enumerated() where !name.isEmpty && !columns.values.contains(column) {
            report.add(.dropped, cell: sheet.reference(row: header.row, column: column), name, "column '\(name)' is not a field of records.yaml; it was not carried over")
        }
        var lines = ["# 记录清单 — imported from \((sheet.name)) of \(report.source); check owners, retention and procedures"]
        var ids = Set<String>()
        var generated = 0
        var count = 0
        for row in sheet.rows.indices.dropFirst(header.row + 1) {
            func value(_ field: Field) -> String {
                columns[field].map { sheet[row, $0].replacingOccurrences(of: "\n", with: " ") } ?? ""
            }
            let title = value(.title)
            if title.isEmpty {
                let rest = sheet.rows[row].filter { !$0.isEmpty }
                if !rest.isEmpty {
                    report.add(.dropped, cell: sheet.reference(row: row, column: columns[.title]!), rest.joined(separator: " "),
                               "row \(sheet.rowNumbers[row]) has no record title; it was not carried over")
                }
                continue
            }
            let place = sheet.reference(row: row, column: columns[.title]!)
            var id = SheetImporter.halfWidth(value(.id))
            if id.isEmpty || Int(id) != nil {
                generated += 1
                var candidate = String(format: "REC-%02d", generated)
                while ids.contains(candidate) { generated += 1; candidate = String(format: "REC-%02d", generated) }
                report.add(.guessed, cell: place, title, id.isEmpty ? "no record id: '\(candidate)'" : "record id '\(id)' is a serial number: '\(candidate)'")
                id = candidate
            }
            if ids.contains(id) {
                report.add(.fix, cell: place, title, "record id '\(id)' comes a second time")
            }
            ids.insert(id)
            var fields: [(String, String)] = [("id", id), ("title", title)]
            let ownerText = value(.owner)
            if !ownerText.isEmpty {
                if let department = SheetImporter.department(ownerText, in: options.departments) {
                    fields.append(("owner", department))
                } else {
                    fields.append(("owner", ownerText))
                    report.add(.fix, cell: place, title, "owner '\(ownerText)' is not a department of organization.yaml (by id or name)")
                }
            } else {
                report.add(.fix, cell: place, title, "record \(id) has no owner (保管部门)")
            }
            let retentionText = value(.retention)
            if !retentionText.isEmpty {
                fields.append(("retention", retention(retentionText, unit: columns[.retention].flatMap { header.units[$0] }, place: place, report: &report)))
            } else {
                report.add(.fix, cell: place, title, "record \(id) has no retention period (保存期限)")
            }
            let procedureText = value(.procedure)
            if !procedureText.isEmpty { fields.append(("procedure", procedure(procedureText, place: place, report: &report))) }
            let form = SheetImporter.halfWidth(value(.form))
            if !form.isEmpty { fields.append(("form", form)) }
            lines.append("- { " + fields.map { "\($0.0): \(YAMLScalarText.format($0.1, inFlow: true))" }.joined(separator: ", ") + " }")
            count += 1
        }
        report.counts.rows = count
        report.items.append(.init(.found, "\(count) record\(count == 1 ? "" : "s")"))
        if count == 0 { lines.append("[]") }
        return lines.joined(separator: "\n") + "\n"
    }

    static let chineseNumbers: [Character: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]

    /// `3` under 保存期限（年） → `3 years`; `三年` → `3年`; `3 yrs` kept and reported.
    func retention(_ text: String, unit: String?, place: String, report: inout ImportReport) -> String {
        var value = SheetImporter.halfWidth(text).trimmingCharacters(in: .whitespaces)
        if let first = value.first, let number = Self.chineseNumbers[first], value.count <= 4 {
            value = String(number) + value.dropFirst()
        }
        if Int(value) != nil {
            if unit == nil { report.add(.guessed, cell: place, text, "retention '\(text)' has no unit; read as \(value) years") }
            let unit = unit ?? "years"
            return "\(value) \(value == "1" ? String(unit.dropLast()) : unit)"
        }
        let compact = value.replacingOccurrences(of: " ", with: "").lowercased()
        let digits = compact.prefix { $0.isASCII && $0.isNumber }
        let rest = compact.dropFirst(digits.count)
        let known = ["permanent", "永久", "长期"].contains(compact)
            || (!digits.isEmpty && ["year", "years", "month", "months", "年", "个月", "月"].contains(String(rest)))
        if !known {
            report.add(.fix, cell: place, text, "retention '\(text)' is not a period docctl reads (3 years, 6 months, 3 年, permanent, 永久)")
        }
        return value
    }

    /// A procedure cell: a document number of the set (also inside `《事件管理程序》QP-04`), or a
    /// document title; otherwise kept as written and reported.
    func procedure(_ text: String, place: String, report: inout ImportReport) -> String {
        let value = SheetImporter.halfWidth(text).trimmingCharacters(in: .whitespaces)
        if options.documents.contains(where: { $0.number == value }) { return value }
        if let number = options.documents.first(where: { value.contains($0.number) })?.number {
            if value != number { report.add(.guessed, cell: place, text, "procedure '\(text)' read as \(number)") }
            return number
        }
        let title = value.trimmingCharacters(in: CharacterSet(charactersIn: "《》<> "))
        if let number = options.documents.first(where: { $0.title == title })?.number {
            report.add(.guessed, cell: place, text, "procedure '\(text)' read as \(number) by its title")
            return number
        }
        report.add(.fix, cell: place, text, "procedure '\(text)' is not a document of the set")
        return value
    }
}
