import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl coverage`: clause → covering sections, procedures, lead department.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Show which sections, procedures and departments cover each clause of the standard."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, html }

    @Argument(help: "The document set folder.")
    var set = "manual-src"

    @Option(help: "Output format: text, json, csv or html (one self-contained page).")
    var format: Format = .text

    @Option(name: .customLong("min-percent"), help: "Exit 1 when coverage of required clauses is below this percentage.")
    var minPercent: Double?

    @Option(help: "The date to check against (YYYY-MM-DD).")
    var today: String?

    func run() throws {
        let session = try SetSession.open(set, today: DiagnosticOptions.day(today), strict: false, runChecks: false)
        let errors = session.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            Terminal.error(session.formatter(colour: Terminal.isColourTerminal(2)).text(errors), terminator: "")
        }
        guard let report = CoverageReport.compute(session.set) else {
            Terminal.error("error: the document set's standard is unknown; coverage cannot be computed")
            throw ExitCode(session.exitStatus == 2 ? 2 : 1)
        }
        let language = session.set.config.language
        switch format {
        case .text: print(CoverageFormatter.text(report, language: language), terminator: "")
        case .json: print(CoverageFormatter.json(report, language: language), terminator: "")
        case .csv: print(CoverageFormatter.csv(report, language: language), terminator: "")
        case .html:
            do {
                let date = try SiteRenderer.buildDate(for: session.set, environment: ProcessInfo.processInfo.environment)
                let renderer = try SiteRenderer(set: session.set, templates: TemplateSet.bundled(), buildDate: date,
                                                today: try today.map { try DiagnosticOptions.day($0) })
                print(try renderer.coveragePage(standalone: true) ?? "", terminator: "")
            } catch {
                Terminal.error("error: \(error)")
                throw ExitCode(2)
            }
        }
        if let minPercent, report.percent < minPercent {
            Terminal.error(String(format: "coverage %.1f %% is below the minimum %.1f %%", report.percent, minPercent))
            throw ExitCode(1)
        }
        if session.exitStatus == 2 { throw ExitCode(2) }
    }
}
