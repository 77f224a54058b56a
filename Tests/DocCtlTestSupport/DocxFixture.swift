import Foundation
import ZIPFoundation

/// A small .docx built in code: the body XML and the other parts as strings, zipped with
/// ZIPFoundation. Helpers write the WordprocessingML of paragraphs and tables.
public struct DocxFixture {
    public static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let namespaces = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#

    /// The children of `w:body`.
    public var body: String
    /// The children of `w:styles` (`w:style` elements); nil leaves styles.xml out.
    public var styles: String?
    /// The children of `w:numbering`; nil leaves numbering.xml out.
    public var numbering: String?
    /// `Relationship` elements of document.xml.rels.
    public var relationships: [String] = []
    /// Footnotes (`w:footnote` elements); nil leaves footnotes.xml out.
    public var footnotes: String?
    /// Other entries, by name (media, or hostile extras).
    public var entries: [(String, Data)] = []
    /// Replaces word/document.xml as a whole when set.
    public var rawDocument: String?

    public init(body: String, styles: String? = nil, numbering: String? = nil) {
        self.body = body
        self.styles = styles
        self.numbering = numbering
    }

    /// The zipped package.
    public func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ name: String, _ data: Data) throws {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.utf8))
        try add("_rels/.rels", Data(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.utf8))
        let document = rawDocument ?? #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document \#(Self.namespaces)><w:body>\#(body)<w:sectPr/></w:body></w:document>"#
        try add("word/document.xml", Data(document.utf8))
        if let styles {
            try add("word/styles.xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><w:styles \#(Self.namespaces)>\#(styles)</w:styles>"#.utf8))
        }
        if let numbering {
            try add("word/numbering.xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><w:numbering \#(Self.namespaces)>\#(numbering)</w:numbering>"#.utf8))
        }
        if let footnotes {
            try add("word/footnotes.xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes \#(Self.namespaces)>\#(footnotes)</w:footnotes>"#.utf8))
        }
        try add("word/_rels/document.xml.rels", Data((#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"# + relationships.joined() + "</Relationships>").utf8))
        for (name, data) in entries { try add(name, data) }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    // MARK: WordprocessingML helpers

    /// Escapes text for XML.
    public static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A run of text.
    public static func run(_ text: String, bold: Bool = false, italic: Bool = false) -> String {
        var properties = ""
        if bold { properties += "<w:b/>" }
        if italic { properties += "<w:i/>" }
        let rPr = properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>"
        return #"<w:r>\#(rPr)<w:t xml:space="preserve">\#(xml(text))</w:t></w:r>"#
    }

    /// A paragraph of one run, with an optional style and numbering.
    public static func p(_ text: String, style: String? = nil, bold: Bool = false, numID: Int? = nil, level: Int = 0) -> String {
        paragraph(runs: run(text, bold: bold), style: style, numID: numID, level: level)
    }

    /// A paragraph of the given runs.
    public static func paragraph(runs: String, style: String? = nil, numID: Int? = nil, level: Int = 0) -> String {
        var properties = ""
        if let style { properties += #"<w:pStyle w:val="\#(style)"/>"# }
        if let numID { properties += #"<w:numPr><w:ilvl w:val="\#(level)"/><w:numId w:val="\#(numID)"/></w:numPr>"# }
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs + "</w:p>"
    }

    /// A table; a cell `"<<"` continues the cell on its left (gridSpan), `"^^"` the cell above (vMerge).
    public static func table(_ rows: [[String]]) -> String {
        var xmlRows = ""
        for (rowIndex, row) in rows.enumerated() {
            xmlRows += "<w:tr>"
            var column = 0
            while column < row.count {
                var span = 1
                while column + span < row.count, row[column + span] == "<<" { span += 1 }
                var properties = span > 1 ? #"<w:gridSpan w:val="\#(span)"/>"# : ""
                let text = row[column]
                let below = rowIndex + 1 < rows.count && column < rows[rowIndex + 1].count && rows[rowIndex + 1][column] == "^^"
                if text == "^^" { properties += "<w:vMerge/>" } else if below { properties += #"<w:vMerge w:val="restart"/>"# }
                xmlRows += "<w:tc>" + (properties.isEmpty ? "" : "<w:tcPr>\(properties)</w:tcPr>")
                    + p(text == "^^" ? "" : text) + "</w:tc>"
                column += span
            }
            xmlRows += "</w:tr>"
        }
        return "<w:tbl>\(xmlRows)</w:tbl>"
    }

    /// A paragraph style: `style("Heading1", name: "heading 1")`.
    public static func style(_ id: String, name: String, basedOn: String? = nil, outlineLevel: Int? = nil,
                             numID: Int? = nil, level: Int? = nil) -> String {
        var pPr = ""
        if let numID { pPr += "<w:numPr>" + (level.map { #"<w:ilvl w:val="\#($0)"/>"# } ?? "") + #"<w:numId w:val="\#(numID)"/></w:numPr>"# }
        if let outlineLevel { pPr += #"<w:outlineLvl w:val="\#(outlineLevel)"/>"# }
        return #"<w:style w:type="paragraph" w:styleId="\#(id)"><w:name w:val="\#(xml(name))"/>"#
            + (basedOn.map { #"<w:basedOn w:val="\#($0)"/>"# } ?? "")
            + (pPr.isEmpty ? "" : "<w:pPr>\(pPr)</w:pPr>") + "</w:style>"
    }

    /// An abstract numbering with one level per `(format, text)` (the first starting at `start`) and its `w:num`.
    public static func numbering(abstractID: Int, numID: Int, levels: [(format: String, text: String)], start: Int = 1,
                                 startOverride: (level: Int, start: Int)? = nil, extraNums: [(numID: Int, override: Int?)] = []) -> String {
        var result = #"<w:abstractNum w:abstractNumId="\#(abstractID)">"#
        for (index, level) in levels.enumerated() {
            result += #"<w:lvl w:ilvl="\#(index)"><w:start w:val="\#(index == 0 ? start : 1)"/><w:numFmt w:val="\#(level.format)"/><w:lvlText w:val="\#(xml(level.text))"/></w:lvl>"#
        }
        result += "</w:abstractNum>"
        result += #"<w:num w:numId="\#(numID)"><w:abstractNumId w:val="\#(abstractID)"/>"#
            + (startOverride.map { #"<w:lvlOverride w:ilvl="\#($0.level)"><w:startOverride w:val="\#($0.start)"/></w:lvlOverride>"# } ?? "")
            + "</w:num>"
        for extra in extraNums {
            result += #"<w:num w:numId="\#(extra.numID)"><w:abstractNumId w:val="\#(abstractID)"/>"#
                + (extra.override.map { #"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="\#($0)"/></w:lvlOverride>"# } ?? "")
                + "</w:num>"
        }
        return result
    }

    /// A paragraph holding one inline picture of relationship `id`.
    public static func picture(_ id: String, description: String = "") -> String {
        #"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="\#(xml(description))"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="\#(id)"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
    }

    /// An image relationship to `word/media/<name>`.
    public static func imageRelationship(_ id: String, _ name: String) -> String {
        #"<Relationship Id="\#(id)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/\#(name)"/>"#
    }
}
