import DocCtlCore
@testable import DocCtlImport
import DocCtlTestSupport
import Foundation

typealias D = DocxFixture

/// Imports a fixture built in code.
func importing(_ fixture: DocxFixture, type: DocumentType? = .procedure, number: String? = "QP-99",
               known: Set<String> = [], tree: ClauseTree? = nil) throws -> ImportedDocument {
    var options = ImportOptions()
    options.type = type
    options.number = number
    options.knownNumbers = known
    options.clauseTree = tree
    return try DocxImporter.importDocument(fixture.data(), name: "fixture.docx", options: options)
}

extension ImportedDocument {
    /// The file at `path` as text.
    func file(_ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// Every Markdown file, in order, joined.
    var markdown: String {
        files.filter { $0.path.hasSuffix(".md") }.map { String(decoding: $0.data, as: UTF8.self) }.joined()
    }

    /// Heading lines of the Markdown.
    var headingLines: [String] {
        markdown.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
    }

    func items(_ kind: ImportReport.Kind) -> [ImportReport.Item] { report.items.filter { $0.kind == kind } }
}

/// The standard styles of a Word template, in English or Chinese names.
let headingStyles = D.style("Heading1", name: "heading 1") + D.style("Heading2", name: "heading 2") + D.style("Heading3", name: "heading 3")
