import DocCtlCore
import Foundation

/// One worksheet of an .xlsx as text: each cell as Excel shows it (shared and inline strings,
/// numbers in their number format, dates as YYYY-MM-DD), merged ranges filled with the value of
/// their top-left cell.
struct XlsxSheet {
    var name: String
    /// Rows of the used area, top to bottom; `rowNumbers[i]` is the row's number in Excel.
    var rows: [[String]] = []
    var rowNumbers: [Int] = []
    /// Cells holding a number in the General format (where `8.10` was typed, `8.1` is stored).
    var generalNumbers = Set<CellPosition>()
    /// Cells that were filled from a merged range (not their top-left cell).
    var mergedFill = Set<CellPosition>()

    struct CellPosition: Hashable {
        var row: Int
        var column: Int
    }

    subscript(row: Int, column: Int) -> String {
        column < rows[row].count ? rows[row][column] : ""
    }

    /// `B12` for report lines.
    func reference(row: Int, column: Int) -> String {
        XlsxWorkbook.columnName(column) + String(rowNumbers.indices.contains(row) ? rowNumbers[row] : row + 1)
    }
}

/// Reads the sheets of an .xlsx through ZIPFoundation and the libxml2 shim. Bounded: at most
/// `maxRows` rows and `maxColumns` columns are read, merged ranges fill at most `maxFilledCells`.
enum XlsxWorkbook {
    static let maxRows = 100_000
    static let maxColumns = 512
    static let maxFilledCells = 1_000_000

    /// The visible sheets (name and part path) in workbook order; hidden ones after them.
    static func sheets(_ package: inout DocxPackage) throws(ImportError) -> [(name: String, path: String)] {
        guard let workbook = try WordXML.root("xl/workbook.xml", in: &package) else {
            if package.names.contains("word/document.xml") {
                throw ImportError("\(package.name) is a Word document, not an Excel workbook; import it without --as")
            }
            throw ImportError("\(package.name) is a zip package but not an Excel workbook (it has no xl/workbook.xml)")
        }
        let relationships = Relationships(root: try WordXML.root("xl/_rels/workbook.xml.rels", in: &package), base: "xl")
        var visible: [(String, String)] = []
        var hidden: [(String, String)] = []
        for sheet in workbook.child("sheets")?.childElements ?? [] where sheet.name == "sheet" {
            guard let name = sheet.attr("name"), let id = sheet.attr("id"),
                  let target = relationships[id], !target.external, DocxPackage.unsafeNameProblem(target.path) == nil else { continue }
            if sheet.attr("state") == "hidden" || sheet.attr("state") == "veryHidden" {
                hidden.append((name, target.path))
            } else {
                visible.append((name, target.path))
            }
        }
        if visible.isEmpty && hidden.isEmpty {
            throw ImportError("\(package.name): the workbook has no worksheet")
        }
        return visible + hidden
    }

    /// Shared strings (`xl/sharedStrings.xml`), rich text runs joined, phonetic runs left out.
    static func sharedStrings(_ package: inout DocxPackage) throws(ImportError) -> [String] {
        guard let root = try WordXML.root("xl/sharedStrings.xml", in: &package) else { return [] }
        return root.childElements.filter { $0.name == "si" }.map(text(of:))
    }

    /// The text of an `si` or `is` element: its `t`, or the `t` of each run; `rPh` is furigana.
    static func text(of item: XMLElement) -> String {
        var result = ""
        for child in item.childElements {
            switch child.name {
            case "t": result += child.textContent
            case "r": result += child.child("t")?.textContent ?? ""
            default: break
            }
        }
        return unescape(result)
    }

    /// Excel writes control characters as `_x000D_`; `_x005F_` escapes an underscore.
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: #"_x[0-9A-Fa-f]{4}_"#, options: .regularExpression) {
            result += rest[..<range.lowerBound]
            let hex = rest[range].dropFirst(2).prefix(4)
            if let code = UInt32(hex, radix: 16), let scalar = UnicodeScalar(code) {
                result += scalar == "\r" || scalar == "\n" ? "\n" : String(Character(scalar))
            }
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// How each cell style (`s`) shows a number: decimals, a date, or General.
    enum NumberFormat: Equatable {
        case general
        case decimals(Int)
        case percent(Int)
        case date
        case text
    }

    static func numberFormats(_ package: inout DocxPackage) throws(ImportError) -> [NumberFormat] {
        guard let root = try WordXML.root("xl/styles.xml", in: &package) else { return [] }
        var codes: [Int: String] = [:]
        for format in root.child("numFmts")?.childElements ?? [] where format.name == "numFmt" {
            if let id = format.attr("numFmtId").flatMap(Int.init), let code = format.attr("formatCode") { codes[id] = code }
        }
        return (root.child("cellXfs")?.childElements ?? []).filter { $0.name == "xf" }.map { xf in
            let id = xf.attr("numFmtId").flatMap(Int.init) ?? 0
            return format(id: id, code: codes[id])
        }
    }

    static func format(id: Int, code: String?) -> NumberFormat {
        switch id {
        case 0: return .general
        case 1, 3: return .decimals(0)
        case 2, 4: return .decimals(2)
        case 9: return .percent(0)
        case 10: return .percent(2)
        case 14...22, 45...47: return .date
        case 49: return .text
        default: break
        }
        guard let code else { return .general }
        // The first section, without quoted text, escapes and colours.
        let section = code.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? code
        let cleaned = section.replacingOccurrences(of: #""[^"]*"|\\.|\[[^\]]*\]"#, with: "", options: .regularExpression)
        if cleaned == "@" { return .text }
        if cleaned.lowercased() == "general" { return .general }
        if cleaned.lowercased().contains(where: { "ymdhs".contains($0) }) { return .date }
        let decimals = cleaned.split(separator: ".", maxSplits: 1).dropFirst().first.map { $0.prefix { "0#?".contains($0) }.count } ?? 0
        return cleaned.contains("%") ? .percent(decimals) : .decimals(decimals)
    }

    /// A stored number as the cell shows it.
    static func display(_ raw: String, format: NumberFormat) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else { return trimmed }
        switch format {
        case .general, .text:
            return general(value)
        case .decimals(let places):
            return String(format: "%.\(min(places, 15))f", value)
        case .percent(let places):
            return String(format: "%.\(min(places, 15))f%%", value * 100)
        case .date:
            // The 1900 date system: serial 1 is 1900-01-01, with Excel's phantom 1900-02-29.
            guard value >= 1, value < 2_958_466 else { return general(value) }
            let serial = Int(value.rounded(.down))
            let days = serial - (serial > 59 ? 25_569 : 25_568)
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }
    }

    /// The shortest text that reads back as `value`, without `.0` on whole numbers.
    static func general(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Reads worksheet `path` named `name`.
    static func sheet(_ path: String, name: String, in package: inout DocxPackage, strings: [String],
                      formats: [NumberFormat]) throws(ImportError) -> XlsxSheet {
        guard let root = try WordXML.root(path, in: &package) else {
            throw ImportError("\(package.name): sheet '\(name)' (\(path)) is missing from the package")
        }
        guard root.name == "worksheet" else {
            throw ImportError("\(package.name): sheet '\(name)' is not a worksheet (a chart or dialog sheet?); name another one with --sheet")
        }
        var cells: [Int: [Int: String]] = [:]
        var general = Set<XlsxSheet.CellPosition>()
        var maxRow = 0
        var nextRow = 1
        for row in root.child("sheetData")?.childElements ?? [] where row.name == "row" {
            let rowNumber = row.attr("r").flatMap(Int.init) ?? nextRow
            nextRow = rowNumber + 1
            guard rowNumber >= 1 else { continue }
            if rowNumber > maxRows {
                throw ImportError("\(package.name): sheet '\(name)' has rows past \(maxRows); refusing it as too large for a matrix or register")
            }
            var nextColumn = 0
            for cell in row.childElements where cell.name == "c" {
                let column = cell.attr("r").flatMap { parse(reference: $0)?.column } ?? nextColumn
                nextColumn = column + 1
                guard column < maxColumns else { continue }
                let value: String
                switch cell.attr("t") {
                case "s":
                    let raw = cell.child("v")?.textContent.trimmingCharacters(in: .whitespaces) ?? ""
                    guard let index = Int(raw), strings.indices.contains(index) else {
                        throw ImportError("\(package.name): sheet '\(name)' cell \(columnName(column))\(rowNumber) names shared string '\(DocxPackage.excerpt(raw))', which does not exist; the workbook is damaged")
                    }
                    value = strings[index]
                case "inlineStr":
                    value = cell.child("is").map(text(of:)) ?? ""
                case "str", "e":
                    value = unescape(cell.child("v")?.textContent ?? "")
                case "b":
                    value = cell.child("v")?.textContent == "1" ? "TRUE" : "FALSE"
                case "d":
                    value = String((cell.child("v")?.textContent ?? "").prefix(10))
                default:
                    guard let raw = cell.child("v")?.textContent else { continue }
                    let style = cell.attr("s").flatMap(Int.init) ?? 0
                    let format = formats.indices.contains(style) ? formats[style] : .general
                    value = display(raw, format: format)
                    if format == .general || format == .text { general.insert(.init(row: rowNumber, column: column)) }
                }
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{A0}")))
                guard !trimmed.isEmpty else { continue }
                cells[rowNumber, default: [:]][column] = trimmed
                maxRow = max(maxRow, rowNumber)
            }
        }
        // Merged ranges: every covered cell takes the top-left cell's value (within the used rows).
        var filled = Set<XlsxSheet.CellPosition>()
        var budget = maxFilledCells
        for merge in root.child("mergeCells")?.childElements ?? [] where merge.name == "mergeCell" {
            guard let ref = merge.attr("ref") else { continue }
            let ends = ref.split(separator: ":")
            guard ends.count == 2, let from = parse(reference: String(ends[0])), let to = parse(reference: String(ends[1])),
                  from.row <= to.row, from.column <= to.column else { continue }
            guard let value = cells[from.row]?[from.column] else { continue }
            for row in from.row...min(to.row, maxRow) {
                for column in from.column...min(to.column, maxColumns - 1) where row != from.row || column != from.column {
                    budget -= 1
                    if budget < 0 {
                        throw ImportError("\(package.name): sheet '\(name)' merges more than \(maxFilledCells) cells; refusing it")
                    }
                    cells[row, default: [:]][column] = value
                    filled.insert(.init(row: row, column: column))
                }
            }
        }
        var sheet = XlsxSheet(name: name)
        for rowNumber in cells.keys.sorted() {
            let row = cells[rowNumber]!
            let width = (row.keys.max() ?? -1) + 1
            var values = Array(repeating: "", count: width)
            for (column, value) in row { values[column] = value }
            let index = sheet.rows.count
            sheet.rows.append(values)
            sheet.rowNumbers.append(rowNumber)
            for column in 0..<width {
                if general.contains(.init(row: rowNumber, column: column)) { sheet.generalNumbers.insert(.init(row: index, column: column)) }
                if filled.contains(.init(row: rowNumber, column: column)) { sheet.mergedFill.insert(.init(row: index, column: column)) }
            }
        }
        return sheet
    }

    /// `B12` → row 12, column 1 (0-based); nil when it is not a cell reference.
    static func parse(reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var letters = 0
        var digits = Substring(reference.replacingOccurrences(of: "$", with: ""))
        while let first = digits.first, first.isASCII, first.isLetter {
            column = column * 26 + Int(first.uppercased().unicodeScalars.first!.value - 64)
            letters += 1
            digits = digits.dropFirst()
            if letters > 3 { return nil }
        }
        guard letters > 0, let row = Int(digits), row >= 1 else { return nil }
        return (row, column - 1)
    }

    /// 0 → `A`, 27 → `AB`.
    static func columnName(_ column: Int) -> String {
        var name = ""
        var value = column + 1
        while value > 0 {
            let remainder = (value - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            value = (value - 1) / 26
        }
        return name
    }
}
