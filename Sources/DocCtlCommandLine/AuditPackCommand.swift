import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl audit-pack [SET] [--standard KEY] -o FILE.zip`: the offline bundle for a certification
/// body's document review (stage 1).
struct AuditPackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-pack",
        abstract: "Write the offline audit pack of a set: clause evidence, current documents, registers and a SHA-256 manifest, as one zip.",
        discussion: """
            The zip opens offline: index.html at its root lists, per clause of each standard the set names \
            (or of --standard), the sections that cover it, the procedures that implement it, their records and \
            the lead department, and links to the site in site/ — the master list, the coverage page with the \
            Statement of Applicability, the registers (distribution and recall, external documents, withdrawn \
            documents, record disposition, briefing) and every released document at its current revision, with \
            its approvals and history, ready to print. SHA256SUMS lists the SHA-256 of every entry. Only released \
            revisions go in: a document whose sources are not released is left out and named on the index page; \
            documents above publish-up-to leave no trace. The set is checked first; with errors nothing is \
            written. The same sources give the same bytes: entries sorted, mode 0644, dated with the build date \
            (SOURCE_DATE_EPOCH, else --today, else the latest history date) at 00:00 UTC. The zip is written beside \
            FILE and renamed into place, so an existing FILE is replaced only by a whole pack.
            """
    )

    @Argument(help: "The document set folder.")
    var set = "manual-src"

    @Option(name: [.short, .customLong("output")], help: "The zip file to write (outside the document set).")
    var output: String

    @Option(help: "The key of the standard to list clauses of (e.g. itsm or isms, or its id); default: every standard the set names.")
    var standard: String?

    @Option(help: "A folder of templates to use instead of the built-in ones (see templates/).")
    var templates: String?

    @OptionGroup var options: DiagnosticOptions

    func run() throws {
        let session = try SetSession.open(set, options: options)
        if !session.diagnostics.isEmpty { session.report(options.format, toStandardError: options.format == .text) }
        if session.exitStatus != 0 {
            Terminal.error("audit-pack stopped: \(DiagnosticFormatter.summary(session.diagnostics)); \(output) was not written")
            throw ExitCode(session.exitStatus)
        }
        let today = try options.today.map { try DiagnosticOptions.day($0) }
        do throws(WorkflowError) {
            try OutputPath.checkOutside(output, of: session.set)
            let settings = try WorkflowReport.renderSettings(for: session.set, templates: templates, today: today)
            let pack = AuditPack(set: session.set, diagnostics: session.diagnostics, settings: settings, standard: standard)
            let outcome = try pack.write(to: URL(fileURLWithPath: output))
            print("wrote \(output): audit pack of \(outcome.documents.count) document\(outcome.documents.count == 1 ? "" : "s") "
                + "as of \(settings.buildDate), \(outcome.entries) files, \(outcome.bytes) bytes")
            for line in outcome.standards { print("  clauses: \(line)") }
            if !outcome.withdrawn.isEmpty {
                print("  withdrawn (in the register of withdrawn documents only): \(outcome.withdrawn.joined(separator: ", "))")
            }
            for note in outcome.notReleased { print("  not in the pack (not released): \(note)") }
            if !outcome.withheld.isEmpty {
                print("  not in the pack (above publish-up-to, or without a valid classification): \(outcome.withheld.joined(separator: ", "))")
            }
        } catch {
            throw WorkflowReport.fail(error, command: "audit-pack", session: session, format: options.format)
        }
    }
}
