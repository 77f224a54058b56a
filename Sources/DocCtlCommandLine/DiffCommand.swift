import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl diff DOC FROM TO`: a redline page between two released revisions.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Write a redline page between two released revisions of a document, from their XML archives.",
        discussion: """
            Archives come from the published site (--site): <number>/<L-N>/<number>_<L-N>.xml. The current \
            released revision can also be taken from the sources. Sections are matched by number; added, \
            removed and changed sections are listed, with deletions and insertions marked in the text.
            """
    )

    @Argument(help: "The document: its number (QP-04) or its folder.")
    var document: String

    @Argument(help: "The older revision, e.g. B/1.")
    var from: String

    @Argument(help: "The newer revision, e.g. B/2.")
    var to: String

    @Option(help: "The published site that holds the archives.")
    var site: String?

    @Option(name: [.short, .customLong("output")], help: "The file to write (default: <number>_<FROM>_<TO>_diff.html).")
    var output: String?

    @Option(name: .customLong("set"), help: "The document set folder.")
    var set = "manual-src"

    @Option(help: "A folder of templates to use instead of the built-in ones (its stylesheet styles the page).")
    var templates: String?

    @Option(help: "The date to judge the document's state against (YYYY-MM-DD); defaults to SOURCE_DATE_EPOCH or today.")
    var today: String?

    func run() throws {
        guard let fromMark = RevisionMark(from.replacingOccurrences(of: "-", with: "/")),
              let toMark = RevisionMark(to.replacingOccurrences(of: "-", with: "/")) else {
            throw ValidationError("revisions are written like B/1 (or B-1)")
        }
        let day = try WorkflowReport.day(today, option: "--today")
        let session = try SetSession.open(set, today: day ?? WorkflowReport.defaultDay(), strict: false, runChecks: false)
        do throws(WorkflowError) {
            let action = DiffAction(checked: session.checked, document: document, from: fromMark, to: toMark,
                                    site: site.map { URL(fileURLWithPath: $0) }, output: output, templatesFolder: templates, today: day)
            let outcome = try action.run()
            let list = outcome.diff.changes.map { "\($0.label) (\($0.kind.rawValue))" }.joined(separator: ", ")
            print("wrote \(outcome.path): \(outcome.document.number) \(fromMark) → \(toMark): \(outcome.diff.changes.isEmpty ? "no section changed" : list)")
        } catch {
            throw WorkflowReport.fail(error, command: "diff", session: session)
        }
    }
}
