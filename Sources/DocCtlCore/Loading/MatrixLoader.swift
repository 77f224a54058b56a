import Foundation

/// Reads the responsibility matrix from responsibilities.csv or responsibilities.yaml.
enum MatrixLoader {
    static func load(_ context: inout LoadContext) -> ResponsibilityMatrix? {
        let csv = context.root.appendingPathComponent("responsibilities.csv", isDirectory: false)
        let yaml = context.root.appendingPathComponent("responsibilities.yaml", isDirectory: false)
        if FileManager.default.fileExists(atPath: csv.path) {
            guard let file = context.readText(csv) else { return nil }
            return fromCSV(file, sink: &context.reader.sink)
        }
        if FileManager.default.fileExists(atPath: yaml.path) {
            guard let node = context.readYAML(yaml) else { return nil }
            return fromYAML(node, path: context.relative(yaml), reader: &context.reader)
        }
        return nil
    }

    static func mark(_ cell: String) -> (Responsibility?, valid: Bool) {
        switch Whitespace.trimming(cell) {
        case "": (nil, true)
        case "●", "R", "A", "主", "主责": (.lead, true)
        case "○", "C", "I", "S", "配合", "协助": (.support, true)
        default: (nil, false)
        }
    }

    static func fromCSV(_ file: SourceFile, sink: inout DiagnosticSink) -> ResponsibilityMatrix? {
        var matrix = ResponsibilityMatrix(path: file.path)
        let rows: [(cells: [String], line: Int)]
        do {
            rows = try CSVParser.parse(file.text)
        } catch let error as CSVParser.Failure {
            sink.report(Rules.csvSyntax, at: SourceLocation(path: file.path, line: error.line, column: 1), error.message)
            return nil
        } catch { return nil }
        guard var header = rows.first?.cells else {
            sink.report(Rules.csvSyntax, at: SourceLocation(path: file.path, line: 1), "the matrix is empty; it needs a header row")
            return nil
        }
        while header.last.map({ Whitespace.trimming($0) })?.isEmpty == true { header.removeLast() }
        guard header.count >= 2, ["clause", "条款", "id"].contains(Whitespace.trimming(header[0]).lowercased()) else {
            sink.report(Rules.csvSyntax, at: SourceLocation(path: file.path, line: 1, column: 1),
                        "the first header cell must be 'clause' (then optionally 'title', then one column per department)")
            return nil
        }
        let hasTitle = ["title", "标题", "条款名称"].contains(Whitespace.trimming(header[1]).lowercased())
        let firstDepartment = hasTitle ? 2 : 1
        matrix.departments = header[firstDepartment...].map { Whitespace.trimming($0) }
        for row in rows.dropFirst() {
            let cells = row.cells
            if cells.allSatisfy({ Whitespace.trimming($0).isEmpty }) { continue }
            let clause = Whitespace.trimming(cells[0])
            var entry = MatrixRow(clause: clause, title: hasTitle && cells.count > 1 ? cells[1] : nil, cells: [:],
                                  location: SourceLocation(path: file.path, line: row.line, column: 1))
            for (offset, department) in matrix.departments.enumerated() {
                let index = firstDepartment + offset
                guard index < cells.count else { continue }
                let (value, valid) = mark(cells[index])
                if !valid {
                    sink.report(Rules.matrixBadCell, at: entry.location,
                                "cell '\(cells[index])' for clause \(clause), department \(department) is not ●, ○, R, A, C, I or empty")
                }
                if let value { entry.cells[department] = value }
            }
            if cells.count > firstDepartment + matrix.departments.count,
               cells[(firstDepartment + matrix.departments.count)...].contains(where: { !Whitespace.trimming($0).isEmpty }) {
                sink.report(Rules.csvSyntax, at: entry.location, "row for clause \(clause) has more cells than the header has columns")
            }
            matrix.rows.append(entry)
        }
        return matrix
    }

    static func fromYAML(_ node: YAMLNode, path: String, reader r: inout NodeReader) -> ResponsibilityMatrix? {
        var matrix = ResponsibilityMatrix(path: path)
        guard let map = r.mapping(node, allowed: ["departments", "rows"], required: ["rows"], what: path) else { return nil }
        matrix.departments = r.strings(map["departments"], key: "departments").map(\.0)
        for item in r.sequence(map["rows"], key: "rows") {
            guard case .mapping(let pairs, let location) = item else {
                r.sink.report(Rules.invalidValue, at: item.location, "a matrix row must be a mapping with 'clause'")
                continue
            }
            var row = MatrixRow(clause: "", title: nil, cells: [:], location: location)
            for (key, value) in pairs {
                let text = value.scalar?.text ?? ""
                switch key.text {
                case "clause": row.clause = text
                case "title": row.title = text
                default:
                    if !matrix.departments.contains(key.text) { matrix.departments.append(key.text) }
                    let (mark, valid) = mark(text)
                    if !valid { r.sink.report(Rules.matrixBadCell, at: value.location, "cell '\(text)' is not ●, ○, R, A, C, I or empty") }
                    if let mark { row.cells[key.text] = mark }
                }
            }
            if row.clause.isEmpty { r.sink.report(Rules.missingKey, at: location, "matrix row has no 'clause'"); continue }
            matrix.rows.append(row)
        }
        return matrix
    }
}

/// RFC 4180 CSV with the tolerance spreadsheet exports need (BOM and CRLF are handled upstream).
public enum CSVParser {
    public struct Failure: Error {
        public var line: Int
        public var message: String
    }

    /// Rows with the line each starts on.
    public static func parse(_ text: String, maximumRows: Int = 100_000) throws -> [(cells: [String], line: Int)] {
        var rows: [(cells: [String], line: Int)] = []
        var cells: [String] = []
        var cell = ""
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var quoteLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let character = next() {
            if inQuotes {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" { cell.append("\"") } else { inQuotes = false; pending = following }
                    } else { inQuotes = false }
                } else {
                    if character == "\n" { line += 1 }
                    cell.append(character)
                }
                continue
            }
            switch character {
            case "\"" where cell.isEmpty:
                inQuotes = true
                quoteLine = line
            case ",":
                cells.append(cell)
                cell = ""
            case "\n":
                cells.append(cell)
                rows.append((cells, rowLine))
                if rows.count > maximumRows { throw Failure(line: line, message: "more than \(maximumRows) rows") }
                cells = []
                cell = ""
                line += 1
                rowLine = line
            default:
                cell.append(character)
            }
        }
        if inQuotes { throw Failure(line: quoteLine, message: "a quoted cell is never closed (missing \")") }
        if !cell.isEmpty || !cells.isEmpty {
            cells.append(cell)
            rows.append((cells, rowLine))
        }
        return rows
    }
}
