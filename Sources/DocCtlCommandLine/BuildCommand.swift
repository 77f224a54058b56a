import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl build`: render the current state of every document into a static site (SPEC §5).
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render every document, the master list and the coverage page as HTML, with an XML archive per document.",
        discussion: """
            The set is checked first; when there are errors nothing is written. The output folder is \
            replaced as a whole, atomically, and only if docctl wrote it before (or it is empty). \
            SOURCE_DATE_EPOCH sets the build date stamped on the pages (default: the latest history date). \
            With --draft, a set that does not pass check yet is rendered anyway as a preview: every page is \
            marked 草稿 / DRAFT and lists the problems found in it, no document is 受控, and the folder is \
            marked so that publish and verify refuse it. When the output folder holds an earlier build \
            of the same set, documents whose sources, templates, labels and referenced documents did not \
            change are taken from it (checked by hash) instead of being rendered again; the result is \
            byte for byte that of a clean build. --clean renders everything.
            """
    )

    @Argument(help: "The document set folder.")
    var set = "manual-src"

    @Option(name: [.short, .customLong("output")], help: "The output folder.")
    var output = "output"

    @Option(help: "A folder of templates to use instead of the built-in ones (see templates/).")
    var templates: String?

    @Flag(help: "Render whatever loads, even with errors: every page marked 草稿 / DRAFT with its problems listed; never publishable.")
    var draft = false

    @Flag(help: "Render every document again, even those an earlier build in the output folder holds unchanged.")
    var clean = false

    @OptionGroup var options: DiagnosticOptions

    func run() throws {
        // The check takes over the per-document findings the previous build in the folder kept, and
        // the render its documents: its cache is read once.
        var cache = clean ? nil : Build.cache(in: URL(fileURLWithPath: output))
        let checks = clean ? nil : Build.checkCache(from: cache)
        cache?.checks = [:]
        cache?.bodies = [:]
        let session = try SetSession.open(set, options: options, checks: checks, dropsBodies: true)
        if !session.diagnostics.isEmpty { session.report(options.format, toStandardError: options.format == .text) }
        let diagnostics = session.diagnostics
        // Consumed: the build drops the set's parsed bodies once it is checked, and only frees
        // them if nothing here still holds the set.
        let build = Build(checked: (consume session).checked, templatesFolder: templates,
                          today: try options.today.map { try DiagnosticOptions.day($0) }, draft: draft, incremental: !clean,
                          keepsBodiesUnder: SetSession.keptBodiesBudget, previousCache: cache)
        let outcome: Build.Outcome
        do {
            outcome = try (consume build).run(to: URL(fileURLWithPath: output), keeping: { ProcessLifetime.keep($0) })
        } catch {
            switch error {
            case .stopped(let status):
                Terminal.error("build stopped: \(DiagnosticFormatter.summary(diagnostics)); \(output) was not touched")
                throw ExitCode(status)
            case .environment(let message):
                Terminal.error("error: \(message)")
                throw ExitCode(2)
            }
        }
        let count = outcome.published.count
        var line = "built \(draft ? "a draft of " : "")\(count) document\(count == 1 ? "" : "s") into \(output)/"
        if draft {
            line += " (\(DiagnosticFormatter.summary(diagnostics)), listed on the pages; every page is marked 草稿 / DRAFT, never publish it)"
        }
        if outcome.reused > 0 { line += " (\(outcome.reused) unchanged, taken from the previous build)" }
        if !outcome.withheld.isEmpty {
            line += "; not published (classified above publish-up-to, or without a valid classification): "
                + outcome.withheld.joined(separator: ", ")
        }
        Terminal.error(line)
    }
}
