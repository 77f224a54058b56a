import Foundation
import ZIPFoundation

/// A small .xlsx built in code: one or more sheets of cells, zipped with ZIPFoundation. A cell is
/// written as Excel writes it: text as a shared string (or an inline string), `Number` as a
/// number in a given format, with merged ranges.
public struct XlsxFixture {
    /// A cell value.
    public enum Cell: ExpressibleByStringLiteral {
        /// Text through the shared-strings table (what Excel writes).
        case text(String)
        /// Text written inline (`t="inlineStr"`, what many exporters write).
        case inline(String)
        /// A number as stored (`8.1`), shown with number format `format` (0 = General, 2 = `0.00`).
        case number(String, format: Int)
        case empty

        public init(stringLiteral value: String) { self = value.isEmpty ? .empty : .text(value) }
    }

    public struct Sheet {
        public var name: String
        public var rows: [[Cell]]
        /// `A1:C1` ranges.
        public var merges: [String] = []
        /// The row number of the first row (rows above it are absent, as in a sheet that starts lower).
        public var firstRow = 1
        public var hidden = false

        public init(name: String, rows: [[Cell]], merges: [String] = [], firstRow: Int = 1) {
            self.name = name
            self.rows = rows
            self.merges = merges
            self.firstRow = firstRow
        }
    }

    public var sheets: [Sheet]
    /// Other entries, by name (hostile extras), or replacements of generated ones.
    public var entries: [(String, Data)] = []
    /// Custom number formats (`numFmtId` ≥ 164) by id.
    public var customFormats: [Int: String] = [:]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    public init(rows: [[Cell]], merges: [String] = []) {
        self.sheets = [Sheet(name: "Sheet1", rows: rows, merges: merges)]
    }

    static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `0` → `A`.
    public static func column(_ index: Int) -> String {
        var name = ""
        var value = index + 1
        while value > 0 {
            name = String(UnicodeScalar(UInt8(65 + (value - 1) % 26))) + name
            value = (value - 1) / 26
        }
        return name
    }

    /// The zipped package.
    public func data() throws -> Data {
        var strings: [String] = []
        var formats: [Int] = [0]
        func styleIndex(_ format: Int) -> Int {
            if let index = formats.firstIndex(of: format) { return index }
            formats.append(format)
            return formats.count - 1
        }
        var sheetParts: [String] = []
        for sheet in sheets {
            var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>"#
            for (offset, row) in sheet.rows.enumerated() {
                let number = sheet.firstRow + offset
                xml += #"<row r="\#(number)">"#
                for (column, cell) in row.enumerated() {
                    let ref = Self.column(column) + String(number)
                    switch cell {
                    case .empty: continue
                    case .text(let text):
                        strings.append(text)
                        xml += #"<c r="\#(ref)" t="s"><v>\#(strings.count - 1)</v></c>"#
                    case .inline(let text):
                        xml += #"<c r="\#(ref)" t="inlineStr"><is><t>\#(Self.xml(text))</t></is></c>"#
                    case .number(let value, let format):
                        xml += #"<c r="\#(ref)" s="\#(styleIndex(format))"><v>\#(value)</v></c>"#
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData>"
            if !sheet.merges.isEmpty {
                xml += #"<mergeCells count="\#(sheet.merges.count)">"# + sheet.merges.map { #"<mergeCell ref="\#($0)"/>"# }.joined() + "</mergeCells>"
            }
            sheetParts.append(xml + "</worksheet>")
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let workbook = #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\#(main)" xmlns:r="\#(relNS)"><sheets>"#
            + sheets.enumerated().map { #"<sheet name="\#(Self.xml($0.element.name))" sheetId="\#($0.offset + 1)" r:id="rId\#($0.offset + 1)"\#($0.element.hidden ? #" state="hidden""# : "")/>"# }.joined()
            + "</sheets></workbook>"
        let workbookRels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="\#(relNS)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
            + "</Relationships>"
        let sharedStrings = #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="\#(main)" count="\#(strings.count)" uniqueCount="\#(strings.count)">"#
            + strings.map { #"<si><t xml:space="preserve">\#(Self.xml($0))</t></si>"# }.joined() + "</sst>"
        let styles = #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\#(main)">"#
            + (customFormats.isEmpty ? "" : "<numFmts>" + customFormats.sorted { $0.key < $1.key }.map { #"<numFmt numFmtId="\#($0.key)" formatCode="\#(Self.xml($0.value))"/>"# }.joined() + "</numFmts>")
            + "<cellXfs>" + formats.map { #"<xf numFmtId="\#($0)"/>"# }.joined() + "</cellXfs></styleSheet>"

        var parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.utf8)),
            ("_rels/.rels", Data(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8)),
            ("xl/workbook.xml", Data(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Data(workbookRels.utf8)),
            ("xl/sharedStrings.xml", Data(sharedStrings.utf8)),
            ("xl/styles.xml", Data(styles.utf8)),
        ]
        for (index, part) in sheetParts.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", Data(part.utf8))) }
        for (name, data) in entries {
            if let index = parts.firstIndex(where: { $0.0 == name }) { parts[index].1 = data } else { parts.append((name, data)) }
        }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
