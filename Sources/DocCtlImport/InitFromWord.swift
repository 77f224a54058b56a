import DocCtlCore
import Foundation

/// `docctl init --from FILE.docx`: the new set's manual imported from an existing Word manual
/// instead of the heading stubs. The manual keeps the number on its cover (else the template's,
/// reported as guessed), and the organisation's name comes from the Word file's page header or
/// cover unless `--organization` gave one.
public enum InitFromWord {
    public static func importManual(_ file: String, into template: inout DocumentSetTemplate, organizationGiven: Bool) throws(ImportError) -> ImportedDocument {
        var options = ImportOptions()
        options.type = .manual
        options.clauseTree = template.combined
        var document = try DocxImporter.importDocument(ImportAction.readInput(file), name: URL(fileURLWithPath: file).lastPathComponent, options: options)
        if document.number?.isEmpty ?? true {
            document.number = template.manualNumber
            document.report.items.append(.init(.guessed, "no document number (文件编号) in the Word file: the manual is \(template.manualNumber)"))
            if let index = document.files.firstIndex(where: { $0.path == "document.yaml" }) {
                let text = String(decoding: document.files[index].data, as: UTF8.self)
                    .replacingOccurrences(of: "number: \n", with: "number: \(template.manualNumber)\n")
                document.files[index].data = Array(text.utf8)
            }
        }
        if !organizationGiven, let name = document.organization { template.organization = name }
        template.importedManual = (document.number ?? template.manualNumber, document.files)
        return document
    }
}
