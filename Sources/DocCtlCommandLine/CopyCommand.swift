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
            controlled document; the copy carries its number and holder, and its issue is recorded in the \
            document's distribution register (distribution.yaml) unless --no-register. A copy number recorded \
            lost is void and refused. --uncontrolled stamps the copy \
            不受控 / uncontrolled with the print date (--today, SOURCE_DATE_EPOCH or today).
            """
    )

    @OptionGroup var copy: CopyOptions

    @OptionGroup var options: DiagnosticOptions

    func run() throws {
        try CopyCommand.issue(copy, options: options, command: "copy", what: "") { page, _ in Data(page.html.utf8) }
    }

    /// Issues the copy through the core's ``CopyAction`` (what `produce` makes of the page: the HTML
    /// itself, or a PDF of it), then prints what was written: shared by `copy` and `pdf`.
    static func issue(_ arguments: CopyOptions, options: DiagnosticOptions, command: String, what: String,
                      produce: ((html: String, fileName: String), Document) throws(WorkflowError) -> Data) throws {
        let session = try SetSession.open(arguments.set, options: options)
        let date = try options.today.map { try DiagnosticOptions.day($0) } ?? WorkflowReport.defaultDay()
        do throws(WorkflowError) {
            let action = CopyAction(checked: session.checked, document: arguments.document, copyNumber: arguments.copyNumber,
                                    register: !arguments.noRegister, output: arguments.output, templatesFolder: arguments.templates,
                                    date: date, pdf: command == "pdf")
            let outcome = try action.run(produce: produce)
            print("wrote \(outcome.path): \(outcome.document.number) \(arguments.copyNumber.map { "controlled copy no. \($0)" } ?? "uncontrolled copy, \(date)")\(what)")
            switch outcome.register {
            case .write(let register, _)?:
                print("  recorded the issue in \(WorkflowReport.display(register, set: arguments.set))")
            case .alreadyRecorded(let issued)?:
                print("  already recorded as issued\(issued.map { " on \($0)" } ?? "") in \(WorkflowReport.display(DistributionRegister.path(of: outcome.document), set: arguments.set))")
            case nil:
                break
            }
        } catch {
            throw WorkflowReport.fail(error, command: command, session: session, format: options.format)
        }
    }
}

/// What `copy` and `pdf` both take: the document, which copy, where to write it.
struct CopyOptions: ParsableArguments {
    @Argument(help: "The document: its number (QP-04) or its folder.")
    var document: String

    @Option(name: .customLong("copy-no"), help: "The registered copy number (分发号), e.g. 01.")
    var copyNumber: String?

    @Flag(help: "An uncontrolled reference copy.")
    var uncontrolled = false

    @Flag(name: .customLong("no-register"), help: "Do not record the issue of the controlled copy in distribution.yaml.")
    var noRegister = false

    @Option(name: [.short, .customLong("output")], help: "The file to write (default: <number>_<L-N>_copy-<N>.html or …_uncontrolled.html; .pdf for pdf).")
    var output: String?

    @Option(name: .customLong("set"), help: "The document set folder.")
    var set = "manual-src"

    @Option(help: "A folder of templates to use instead of the built-in ones.")
    var templates: String?

    func validate() throws {
        if (copyNumber == nil) == !uncontrolled {
            throw ValidationError("give exactly one of --copy-no N and --uncontrolled")
        }
        if noRegister && uncontrolled {
            throw ValidationError("--no-register goes with --copy-no: uncontrolled copies are not registered")
        }
    }
}
