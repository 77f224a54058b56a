/// The paragraph styles of `word/styles.xml`: names, inheritance, outline levels and numbering.
struct WordStyles {
    struct Style {
        var id: String
        var name: String
        var basedOn: String?
        var outlineLevel: Int?
        var numbering: NumberingReference?
        var bold: Bool?
    }

    private(set) var styles: [String: Style] = [:]

    init() {}

    init(root: XMLElement?) {
        guard let root else { return }
        for element in root.childElements where element.name == "style" {
            guard element.attr("type") == nil || element.attr("type") == "paragraph",
                  let id = element.attr("styleId") else { continue }
            let pPr = element.child("pPr")
            styles[id] = Style(
                id: id,
                name: element.childValue("name") ?? id,
                basedOn: element.childValue("basedOn"),
                outlineLevel: pPr?.childValue("outlineLvl").flatMap(Int.init),
                numbering: pPr?.child("numPr").map(NumberingReference.init),
                bold: element.child("rPr")?.isOn("b")
            )
        }
    }

    /// The style chain from `id` up through `basedOn` (cycles cut).
    func chain(_ id: String?) -> [Style] {
        var result: [Style] = []
        var seen = Set<String>()
        var current = id
        while let key = current, !seen.contains(key), let style = styles[key], result.count < 20 {
            seen.insert(key)
            result.append(style)
            current = style.basedOn
        }
        return result
    }

    /// The heading level (1…9) a style gives, from its name (Heading 2, 标题 2) or outline level,
    /// looking through the styles it is based on.
    func headingLevel(_ id: String?) -> Int? {
        for style in chain(id) {
            if let level = Self.headingLevel(name: style.name) { return level }
            if let outline = style.outlineLevel, (0...8).contains(outline) { return outline + 1 }
        }
        return nil
    }

    /// Whether the style is a table-of-contents style (TOC 1, 目录 1, TOC Heading).
    func isTOC(_ id: String?) -> Bool {
        chain(id).contains { style in
            let name = style.name.lowercased()
            return name.hasPrefix("toc") || name.hasPrefix("目录")
        }
    }

    /// Whether the style is a title/caption style, by name.
    func name(_ id: String?) -> String? { id.flatMap { styles[$0]?.name } }

    func numbering(_ id: String?) -> NumberingReference? {
        chain(id).lazy.compactMap(\.numbering).first
    }

    func isBold(_ id: String?) -> Bool {
        chain(id).lazy.compactMap(\.bold).first ?? false
    }

    static func headingLevel(name: String) -> Int? {
        let lower = name.lowercased()
        for prefix in ["heading", "标题", "titre", "überschrift"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            if let level = Int(rest), (1...9).contains(level) { return level }
        }
        return nil
    }
}

/// `w:numPr`: which numbering and which level a paragraph (or style) uses.
struct NumberingReference: Hashable {
    var numID: String?
    var level: Int?

    init(numID: String?, level: Int?) {
        self.numID = numID
        self.level = level
    }

    init(_ element: XMLElement) {
        numID = element.childValue("numId")
        level = element.childValue("ilvl").flatMap(Int.init)
    }
}

import DocCtlCore
import Foundation
