import DocCtlCore
import Foundation

/// Reads a .docx and turns it into a docctl document folder (document.yaml, history.yaml,
/// Markdown body, media) and a report. Writes nothing: ``ImportWriter`` places the files.
public enum DocxImporter {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// Imports the .docx bytes `data` (called `name` in messages).
    public static func importDocument(_ data: Data, name: String, options: ImportOptions,
                                      limits: DocxPackage.Limits = .init()) throws(ImportError) -> ImportedDocument {
        var package = try DocxPackage(data: data, name: name, limits: limits)
        return try importPackage(&package, options: options)
    }

    /// Imports parts given without a zip (`word/document.xml`, `word/styles.xml`, …).
    public static func importParts(_ parts: [String: Data], name: String, options: ImportOptions) throws(ImportError) -> ImportedDocument {
        var package = DocxPackage(parts: parts, name: name)
        return try importPackage(&package, options: options)
    }

    static func importPackage(_ package: inout DocxPackage, options: ImportOptions) throws(ImportError) -> ImportedDocument {
        let name = package.name
        let main = try mainDocumentPath(&package)
        guard let document = try WordXML.root(main, in: &package) else {
            throw ImportError("\(name) is a zip package but not a Word document (it has no \(main))")
        }
        guard document.name == "document" else {
            throw ImportError("\(name): \(main) is not a WordprocessingML document (root element '\(document.name)')")
        }
        let folder = (main as NSString).deletingLastPathComponent
        let styles = WordStyles(root: try WordXML.root(folder + "/styles.xml", in: &package))
        let numbering = WordNumbering(root: try WordXML.root(folder + "/numbering.xml", in: &package))
        let relationships = try Relationships(root: WordXML.root(folder + "/_rels/" + (main as NSString).lastPathComponent + ".rels", in: &package),
                                              base: folder)
        var footnotes: [String: String] = [:]
        if let root = try WordXML.root(folder + "/footnotes.xml", in: &package) {
            for note in root.childElements where note.name == "footnote" {
                guard let id = note.attr("id"), note.attr("type") == nil || note.attr("type") == "normal" else { continue }
                let text = WordDocumentReader.read(note).compactMap { block -> String? in
                    if case .paragraph(let paragraph) = block { return paragraph.plainText } else { return nil }
                }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
                footnotes[id] = text
            }
        }
        let blocks = WordDocumentReader.read(document)
        var converter = ImportConverter(
            source: name, blocks: blocks, styles: styles, numbering: numbering,
            relationships: relationships, footnotes: footnotes, options: options
        )
        converter.margins = try PageMargins.read(&package, main: main)
        return try converter.convert(package: &package)
    }

    /// The main part named by `_rels/.rels` (normally `word/document.xml`).
    static func mainDocumentPath(_ package: inout DocxPackage) throws(ImportError) -> String {
        if let rels = try WordXML.root("_rels/.rels", in: &package) {
            for relationship in rels.childElements where relationship.name == "Relationship" {
                if relationship.attr("Type")?.hasSuffix("/officeDocument") == true, let target = relationship.attr("Target") {
                    let path = target.hasPrefix("/") ? String(target.dropFirst()) : target
                    if DocxPackage.unsafeNameProblem(path) == nil, package.names.contains(path) { return path }
                }
            }
        }
        if package.names.contains("xl/workbook.xml") {
            throw ImportError("\(package.name) is an Excel workbook, not a Word document")
        }
        if package.names.contains("ppt/presentation.xml") {
            throw ImportError("\(package.name) is a PowerPoint presentation, not a Word document")
        }
        return "word/document.xml"
    }
}

/// `document.xml.rels`: relationship id → target part (inside the package) or external URL.
struct Relationships {
    struct Target {
        var path: String
        var external: Bool
    }

    private(set) var targets: [String: Target] = [:]

    init(root: XMLElement?, base: String) {
        guard let root else { return }
        for relationship in root.childElements where relationship.name == "Relationship" {
            guard let id = relationship.attr("Id"), let target = relationship.attr("Target") else { continue }
            if relationship.attr("TargetMode") == "External" {
                targets[id] = Target(path: target, external: true)
            } else if let path = Self.resolve(target, base: base) {
                targets[id] = Target(path: path, external: false)
            }
        }
    }

    subscript(id: String) -> Target? { targets[id] }

    /// `media/image1.png` relative to `word` → `word/media/image1.png`; nil when it leaves the package.
    static func resolve(_ target: String, base: String) -> String? {
        var segments: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for segment in target.split(separator: "/") {
            if segment == "." || segment.isEmpty { continue }
            if segment == ".." {
                if segments.isEmpty { return nil }
                segments.removeLast()
            } else {
                segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}
