import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl copy DOC (--copy-no N | --uncontrolled) [-o FILE]`: one print-ready HTML file.
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Write one self-contained, print-ready HTML file: a registered controlled copy or an uncontrolled reference copy.",
        // Written out: the generated line shows the two alternatives as independent options.
        usage: "docctl copy <document> --copy-no <copy-no>|--uncontrolled [-o <output>] [--set <set>] [--templates <templates>] [--format <format>] [--strict] [--today <today>]",
        discussion: """
            --copy-no needs a copy number registered in the document's distribution and a released, approved, \
            controlled document; the copy carries its number and holder. --uncontrolled stamps the copy \
            不受控 / uncontrolled with the print date (--today, SOURCE_DATE_EPOCH or today).
            """
    )

    @Argument(help: "The document: its number (QP-04) or its folder.")
    var document: String

    @Option(name: .customLong("copy-no"), help: "The registered copy number (分发号), e.g. 01.")
    var copyNumber: String?

    @Flag(help: "An uncontrolled reference copy.")
    var uncontrolled = false

    @Option(name: [.short, .customLong("output")], help: "The file to write (default: <number>_<L-N>_copy-<N>.html or …_uncontrolled.html).")
    var output: String?

    @Option(name: .customLong("set"), help: "The document set folder.")
    var set = "manual-src"

    @Option(help: "A folder of templates to use instead of the built-in ones.")
    var templates: String?

    @OptionGroup var options: DiagnosticOptions

    func validate() throws {
        if (copyNumber == nil) == !uncontrolled {
            throw ValidationError("give exactly one of --copy-no N and --uncontrolled")
        }
    }

    func run() throws {
        let session = try SetSession.open(set, options: options)
        let date = try options.today.map { try DiagnosticOptions.day($0) } ?? WorkflowReport.defaultDay()
        do throws(WorkflowError) {
            let target = try DocumentResolver.resolve(document, in: session.set)
            let templateSet: TemplateSet
            do {
                templateSet = try templates.map { try TemplateSet(folder: URL(fileURLWithPath: $0)) } ?? TemplateSet.bundled()
            } catch {
                throw WorkflowError.environment("\(error)")
            }
            let copy = DocumentCopy(set: session.set, diagnostics: session.diagnostics, templates: templateSet, date: date)
            let page = try copy.render(target, copyNumber.map { .registered($0) } ?? .uncontrolled)
            let path = output ?? page.fileName
            try WorkflowReport.checkOutside(path, of: session.set)
            try AtomicFile.write(Data(page.html.utf8), to: URL(fileURLWithPath: path))
            print("wrote \(path): \(target.number) \(copyNumber.map { "controlled copy no. \($0)" } ?? "uncontrolled copy, \(date)")")
        } catch {
            throw WorkflowReport.fail(error, command: "copy", session: session, format: options.format)
        }
    }
}
