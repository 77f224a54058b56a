import ArgumentParser
import DocCtlCore

/// `docctl check`: parse and validate everything; no output files.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and validate a document set against its standard and the document-control rules."
    )

    @Argument(help: "The document set folder.")
    var set = "manual-src"

    @OptionGroup var options: DiagnosticOptions

    func run() throws {
        let session = try SetSession.open(set, options: options, dropsBodies: true)
        session.report(options.format, toStandardError: false)
        if options.format == .text {
            let documents = session.set.documents.count
            Terminal.error("checked \(documents) document\(documents == 1 ? "" : "s") in \(set): \(DiagnosticFormatter.summary(session.diagnostics))")
        }
        let status = session.exitStatus
        ProcessLifetime.keep(session)
        if status != 0 { throw ExitCode(status) }
    }
}
