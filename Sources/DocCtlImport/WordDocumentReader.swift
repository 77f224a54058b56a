import DocCtlCore

/// Walks `w:body` into ``WordBlock``s: paragraphs and tables in reading order, fields tracked
/// across paragraphs so that a table of contents (a `TOC` field) is known as one.
struct WordDocumentReader {
    private(set) var blocks: [WordBlock] = []
    private var paragraphCount = 0
    /// Open fields: whether each is a TOC and whether its result has started.
    private var fields: [(isTOC: Bool, instruction: String, inResult: Bool)] = []
    private var tocControlDepth = 0
    /// Text boxes met in the paragraph being read: their paragraphs follow it.
    private var pendingTextBoxes: [XMLElement] = []

    static func read(_ root: XMLElement) -> [WordBlock] {
        var reader = WordDocumentReader()
        let body = root.child("body") ?? root
        reader.blocks = reader.readBlocks(in: body)
        return reader.blocks
    }

    private mutating func readBlocks(in container: XMLElement) -> [WordBlock] {
        var result: [WordBlock] = []
        for node in container.children {
            guard case .element(let element) = node else { continue }
            switch element.name {
            case "p":
                result.append(.paragraph(paragraph(element)))
                // A text box's paragraphs (a flowchart label, a framed note) come after the
                // paragraph it is anchored in.
                let boxes = pendingTextBoxes
                pendingTextBoxes = []
                for box in boxes.prefix(64) { result += readBlocks(in: box) }
            case "tbl":
                result.append(.table(table(element)))
            case "sdt":
                let isTOC = element.child("sdtPr").map { properties in
                    var galleries: [XMLElement] = []
                    properties.descendants("docPartGallery", into: &galleries)
                    return galleries.contains { ($0.attr("val") ?? "").lowercased().contains("table of contents") }
                } ?? false
                if isTOC { tocControlDepth += 1 }
                if let content = element.child("sdtContent") { result += readBlocks(in: content) }
                if isTOC { tocControlDepth -= 1 }
            case "customXml", "ins", "smartTag":
                result += readBlocks(in: element)
            default:
                break // sectPr, bookmarks, deleted text, …
            }
        }
        return result
    }

    private var inTOCField: Bool { fields.contains { $0.isTOC && $0.inResult } }

    private mutating func paragraph(_ element: XMLElement) -> WordParagraph {
        paragraphCount += 1
        let properties = element.child("pPr")
        var paragraph = WordParagraph(
            index: paragraphCount,
            style: properties?.childValue("pStyle"),
            numbering: properties?.child("numPr").map(NumberingReference.init),
            outlineLevel: properties?.childValue("outlineLvl").flatMap(Int.init)
        )
        var touchedTOC = inTOCField || tocControlDepth > 0
        paragraph.inlines = inlines(in: element, touchedTOC: &touchedTOC)
        paragraph.inTOC = touchedTOC
        return paragraph
    }

    private mutating func inlines(in container: XMLElement, touchedTOC: inout Bool) -> [WordInline] {
        var result: [WordInline] = []
        for node in container.children {
            guard case .element(let element) = node else { continue }
            switch element.name {
            case "r":
                result += run(element, touchedTOC: &touchedTOC)
            case "hyperlink":
                let children = inlines(in: element, touchedTOC: &touchedTOC)
                if let id = element.attr("id") {
                    result.append(.link(url: "rel:" + id, children))
                } else {
                    result += children
                }
            case "fldSimple":
                let instruction = (element.attr("instr") ?? "").trimmingCharacters(in: .whitespaces)
                if instruction.uppercased().hasPrefix("TOC") {
                    touchedTOC = true
                } else {
                    result += inlines(in: element, touchedTOC: &touchedTOC)
                }
            case "ins", "smartTag", "customXml", "sdt", "sdtContent", "moveTo":
                result += inlines(in: element, touchedTOC: &touchedTOC)
            default:
                break // pPr, del, bookmarks, proofErr, moveFrom
            }
        }
        return result
    }

    private mutating func run(_ element: XMLElement, touchedTOC: inout Bool) -> [WordInline] {
        let properties = element.child("rPr")
        let bold = properties?.isOn("b") ?? false
        let italic = properties?.isOn("i") ?? false
        let hidden = properties?.isOn("vanish") ?? false
        var result: [WordInline] = []
        for node in element.children {
            guard case .element(let child) = node else { continue }
            switch child.name {
            case "fldChar":
                switch child.attr("fldCharType") {
                case "begin": fields.append((false, "", false))
                case "separate":
                    if !fields.isEmpty {
                        fields[fields.count - 1].inResult = true
                        let instruction = fields[fields.count - 1].instruction.trimmingCharacters(in: .whitespaces)
                        fields[fields.count - 1].isTOC = instruction.uppercased().hasPrefix("TOC")
                    }
                case "end": if !fields.isEmpty { fields.removeLast() }
                default: break
                }
                if inTOCField { touchedTOC = true }
            case "instrText":
                if !fields.isEmpty { fields[fields.count - 1].instruction += child.textContent }
            case "t":
                if inTOCField { touchedTOC = true }
                guard !hidden, !fields.contains(where: { !$0.inResult }) else { continue }
                result.append(.text(child.textContent, bold: bold, italic: italic))
            case "tab", "ptab":
                if !hidden { result.append(.text(" ", bold: false, italic: false)) }
            case "br", "cr":
                if child.attr("type") == nil || child.attr("type") == "textWrapping" { result.append(.lineBreak) }
            case "noBreakHyphen":
                result.append(.text("-", bold: bold, italic: italic))
            case "sym":
                if let code = child.attr("char").flatMap({ UInt32($0, radix: 16) }), let scalar = UnicodeScalar(code), code >= 0x20, code < 0xF000 {
                    result.append(.text(String(scalar), bold: bold, italic: italic))
                }
            case "footnoteReference":
                if let id = child.attr("id") { result.append(.footnote(id)) }
            case "drawing", "pict", "object":
                result += images(in: child)
                Self.textBoxes(in: child, into: &pendingTextBoxes)
            case "AlternateContent":
                // mc:Choice is preferred; mc:Fallback repeats the same picture for old readers.
                if let choice = child.child("Choice") {
                    result += images(in: choice)
                    Self.textBoxes(in: choice, into: &pendingTextBoxes)
                }
            default:
                break
            }
        }
        return result
    }

    /// The outermost `w:txbxContent` elements under `element` (DrawingML or VML text boxes).
    static func textBoxes(in element: XMLElement, into result: inout [XMLElement]) {
        for node in element.children {
            guard case .element(let child) = node else { continue }
            if child.name == "txbxContent" { result.append(child) } else { textBoxes(in: child, into: &result) }
        }
    }

    private func images(in element: XMLElement) -> [WordInline] {
        var blips: [XMLElement] = []
        element.descendants("blip", into: &blips)
        var legacy: [XMLElement] = []
        element.descendants("imagedata", into: &legacy)
        var properties: [XMLElement] = []
        element.descendants("docPr", into: &properties)
        let description = properties.first.flatMap { $0.attr("descr") ?? $0.attr("title") }.flatMap { $0.isEmpty ? nil : $0 }
        let ids = blips.compactMap { $0.attr("embed") } + legacy.compactMap { $0.attr("id") }
        return ids.prefix(1).map { .image(WordImageReference(relationshipID: $0, description: description)) }
    }

    private mutating func table(_ element: XMLElement) -> WordTable {
        let start = paragraphCount + 1
        var rows: [[WordCell]] = []
        for row in element.childElements where row.name == "tr" {
            var cells: [WordCell] = []
            for cell in row.childElements where cell.name == "tc" || cell.name == "sdt" {
                let tc = cell.name == "sdt" ? (cell.child("sdtContent")?.child("tc") ?? cell) : cell
                let properties = tc.child("tcPr")
                var wordCell = WordCell(paragraphs: [])
                wordCell.span = max(1, min(64, properties?.childValue("gridSpan").flatMap(Int.init) ?? 1))
                if let merge = properties?.child("vMerge") {
                    wordCell.verticalMerge = merge.attr("val") == "restart" ? .restart : .continue
                }
                for block in readBlocks(in: tc) {
                    switch block {
                    case .paragraph(let paragraph): wordCell.paragraphs.append(paragraph)
                    case .table(let nested):
                        wordCell.nestedTables += 1
                        for nestedRow in nested.rows {
                            var merged = WordParagraph(index: nested.index)
                            merged.inlines = [.text(nestedRow.map(\.plainText).joined(separator: " "), bold: false, italic: false)]
                            wordCell.paragraphs.append(merged)
                        }
                    }
                }
                cells.append(wordCell)
            }
            rows.append(cells)
        }
        return WordTable(index: start, rows: rows)
    }
}

import Foundation
