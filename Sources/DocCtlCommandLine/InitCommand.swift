import ArgumentParser
import DocCtlCore
import DocCtlImport
import Foundation

/// `docctl init DIR --standard ID`: a new document set with a heading stub for every clause.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new document set with a manual stub for every clause of a standard.",
        discussion: """
            Writes docset.yaml, organization.yaml, responsibilities.csv, records.yaml and manual/ with a \
            heading and a TODO paragraph for every clause down to coverage-depth. Several --standard \
            options make an integrated manual (e.g. ISO 9001, 14001 and 45001): the first numbers it, \
            a heading serves the others' same-numbered clause when the titles match, and each clause of \
            another standard that none serves gets its own heading. `docctl check` reports \
            each TODO section (unfinished-section) and the empty approvals until they are written. \
            With --from FILE.docx the manual is imported from an existing Word manual instead (as \
            `docctl import` does, with its report), and the organisation's name is read from its \
            page header or cover; exit status 1 then means created with content to fix before release.
            """
    )

    @Argument(help: "The folder to create; it must be new or empty.")
    var folder: String

    @Option(help: ArgumentHelp("The standard's id (see `docctl standards`), e.g. iso-iec-20000-1-2018; repeat it for an integrated manual, the primary first.",
                               valueName: "id"))
    var standard: [String] = []

    @Option(help: "Label and heading language: zh-CN or en.")
    var language = "zh-CN"

    @Option(help: "The organisation's name.")
    var organization: String?

    @Option(help: "The date of the first history entry (YYYY-MM-DD); defaults to SOURCE_DATE_EPOCH or today.")
    var date: String?

    @Option(help: "An existing Word (.docx) manual to import as the set's manual instead of the heading stubs.")
    var from: String?

    func run() throws {
        let library = StandardsLibrary.builtIn
        guard !standard.isEmpty else { throw ValidationError("Missing expected argument '--standard <id>'") }
        var trees: [ClauseTree] = []
        for id in standard {
            guard let tree = library.tree(id) else {
                Terminal.error("error: init: unknown standard '\(id)'; known: \(library.ids.joined(separator: ", "))")
                throw ExitCode(2)
            }
            trees.append(tree)
        }
        guard let language = Language(rawValue: language) else {
            throw ValidationError("--language must be zh-CN or en, found '\(language)'")
        }
        let day = try WorkflowReport.day(date, option: "--date") ?? WorkflowReport.defaultDay()
        guard var template = DocumentSetTemplate(standards: trees, language: language, organization: organization, date: day) else {
            Terminal.error("error: init: a standard is named twice, or two editions of one standard are named (\(standard.joined(separator: ", "))); name each once")
            throw ExitCode(2)
        }
        let tree = trees[0]
        var imported: ImportedDocument?
        if let from {
            do {
                var options = ImportOptions()
                options.type = .manual
                options.clauseTree = tree
                var document = try DocxImporter.importDocument(ImportCommand.readInput(from), name: URL(fileURLWithPath: from).lastPathComponent, options: options)
                if document.number?.isEmpty ?? true {
                    document.number = template.manualNumber
                    document.report.items.append(.init(.guessed, "no document number (文件编号) in the Word file: the manual is \(template.manualNumber)"))
                    if let index = document.files.firstIndex(where: { $0.path == "document.yaml" }) {
                        let text = String(decoding: document.files[index].data, as: UTF8.self)
                            .replacingOccurrences(of: "number: \n", with: "number: \(template.manualNumber)\n")
                        document.files[index].data = Array(text.utf8)
                    }
                }
                if organization == nil, let name = document.organization { template.organization = name }
                template.importedManual = (document.number!, document.files)
                imported = document
            } catch {
                Terminal.error("error: init: \(error.message); nothing was written")
                throw ExitCode(2)
            }
        }
        do throws(WorkflowError) {
            try template.create(at: URL(fileURLWithPath: folder))
        } catch {
            throw WorkflowReport.fail(error, command: "init", session: nil)
        }
        let files = template.allFiles()
        guard let imported else {
            print("created \(folder) for \(template.designation): \(files.count) files, \(template.headingCount) clause headings")
            for file in files { print("  \(WorkflowReport.display(file.path, set: folder))") }
            print("next: write each TODO section, fill in the approvals and names, then `docctl check \(folder)`")
            return
        }
        print("created \(folder) for \(template.designation) (organisation: \(template.organization)): \(files.count) files, the manual \(template.manualNumber) imported from \(imported.report.source)")
        for file in files { print("  \(WorkflowReport.display(file.path, set: folder))") }
        print(imported.report.text(), terminator: "")
        let session = try SetSession.open(folder, today: day, strict: false)
        print(session.formatter(colour: false).format(session.diagnostics, as: .text), terminator: "")
        print("check: \(DiagnosticFormatter.summary(session.diagnostics))")
        print("next: fix what the report and the check name (departments in organization.yaml, the matrix and records), then `docctl check \(folder)`")
        if imported.report.needsFixing || DiagnosticEngine.exitStatus(for: session.diagnostics) != 0 { throw ExitCode(1) }
    }
}
