import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl init DIR --standard ID`: a new document set with a heading stub for every clause.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new document set with a manual stub for every clause of a standard.",
        discussion: """
            Writes docset.yaml, organization.yaml, responsibilities.csv, records.yaml and manual/ with a \
            heading and a TODO paragraph for every clause down to coverage-depth. `docctl check` reports \
            each TODO section (unfinished-section) and the empty approvals until they are written.
            """
    )

    @Argument(help: "The folder to create; it must be new or empty.")
    var folder: String

    @Option(help: "The standard's id (see `docctl standards`), e.g. iso-iec-20000-1-2018.")
    var standard: String

    @Option(help: "Label and heading language: zh-CN or en.")
    var language = "zh-CN"

    @Option(help: "The organisation's name.")
    var organization: String?

    @Option(help: "The date of the first history entry (YYYY-MM-DD); defaults to SOURCE_DATE_EPOCH or today.")
    var date: String?

    func run() throws {
        let library = StandardsLibrary.builtIn
        guard let tree = library.tree(standard) else {
            Terminal.error("error: init: unknown standard '\(standard)'; known: \(library.ids.joined(separator: ", "))")
            throw ExitCode(2)
        }
        guard let language = Language(rawValue: language) else {
            throw ValidationError("--language must be zh-CN or en, found '\(language)'")
        }
        let day = try WorkflowReport.day(date, option: "--date") ?? WorkflowReport.defaultDay()
        let template = DocumentSetTemplate(standard: tree, language: language, organization: organization, date: day)
        do throws(WorkflowError) {
            try template.create(at: URL(fileURLWithPath: folder))
        } catch {
            throw WorkflowReport.fail(error, command: "init", session: nil)
        }
        let files = template.files()
        print("created \(folder) for \(tree.designation): \(files.count) files, \(template.clauses.count) clause headings")
        for file in files { print("  \(WorkflowReport.display(file.path, set: folder))") }
        print("next: write each TODO section, fill in the approvals and names, then `docctl check \(folder)`")
    }
}
