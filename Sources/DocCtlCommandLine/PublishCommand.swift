import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl publish [SET] --to SITE`: add newly released revisions to the intranet site.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Add every newly released revision to a static intranet site; never rewrites a published revision.",
        discussion: """
            The site is verified against its SHA-256 manifests first and left alone if it was edited by hand; \
            an existing folder is replaced only when docctl published it (SITE/.docctl-site and exactly the \
            layout publish writes). \
            Published revision folders (<number>/<L-N>/) are copied unchanged; the master list, coverage page, \
            search index, pointers and assets are regenerated, and older revisions show a superseded (作废) \
            banner linking to the current one. Documents above publish-up-to never reach the site. A document \
            whose last history entry is not released keeps its last published revision as current (or stays \
            off the site if it was never published); --require-all-released refuses instead. The new site is staged beside the old one and swapped in \
            atomically, under a lock.
            """
    )

    @Argument(help: "The document set folder.")
    var set = "manual-src"

    @Option(help: "The site folder (created on the first publish).")
    var to: String

    @Option(help: "A folder of templates to use instead of the built-in ones.")
    var templates: String?

    @Flag(help: "Publish nothing while any publishable document has an unreleased revision.")
    var requireAllReleased = false

    @Option(name: .customLong("withdraw"), help: ArgumentHelp("Remove a document that may no longer be published (e.g. raised above publish-up-to) from the site, with every revision; recorded in SITE/.docctl-log. Repeatable.", valueName: "DOC"))
    var withdraw: [String] = []

    @Option(name: .customLong("renamed-from"), help: ArgumentHelp("The organisation's former name in docset.yaml: accept the site published under it as this set's site (its marker is rewritten).", valueName: "NAME"))
    var renamedFrom: String?

    @OptionGroup var options: DiagnosticOptions

    func run() throws {
        let session = try SetSession.open(set, options: options)
        let today = try options.today.map { try DiagnosticOptions.day($0) }
        do throws(WorkflowError) {
            let settings = try WorkflowReport.renderSettings(for: session.set, templates: templates, today: today)
            var publish = Publish(set: session.set, diagnostics: session.diagnostics, templates: settings.templates,
                                  buildDate: settings.buildDate, today: today)
            publish.requireAllReleased = requireAllReleased
            publish.withdraw = withdraw
            publish.renamedFrom = renamedFrom
            let outcome = try publish.run(to: URL(fileURLWithPath: to))
            if outcome.added.isEmpty {
                print("\(to) already holds every released revision; site pages regenerated (\(outcome.files) files)")
            } else {
                // One revision per line: a first publish of a large set is readable, and CI logs can be searched.
                print("published \(outcome.added.count) revision\(outcome.added.count == 1 ? "" : "s") to \(to):")
                for revision in outcome.added { print("  added \(revision)") }
            }
            if !outcome.kept.isEmpty { print("  kept unchanged: \(outcome.kept.count) revision\(outcome.kept.count == 1 ? "" : "s") already published") }
            for revision in outcome.superseded { print("  superseded \(revision)") }
            for note in outcome.notReleased { print("  not released: \(note)") }
            for line in outcome.recall { print("  recall: \(line)") }
            for entry in outcome.withdrawn { print("  withdrawn \(entry) (recorded in \(to)/.docctl-log)") }
            for document in outcome.exposed {
                Terminal.error("warning: \(document) may no longer be published, but \(to) still holds its earlier revisions; "
                    + "remove them with: docctl publish \(set) --to \(to) --withdraw \(document.split(separator: " ").first ?? "")")
            }
            if !outcome.withheld.isEmpty { print("  not published (above publish-up-to, or without a valid classification): \(outcome.withheld.joined(separator: ", "))") }
        } catch {
            throw WorkflowReport.fail(error, command: "publish", session: session, format: options.format)
        }
    }
}
