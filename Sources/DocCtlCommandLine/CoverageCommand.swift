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

    @Option(name: .customLong("min-percent"), help: "Exit 1 when coverage of required clauses of any standard is below this percentage.")
    var minPercent: Double?

    @Option(help: "Only this standard (its key in docset.yaml's standards, or its id); with --format csv and a standard that keeps a Statement of Applicability, the SoA table.")
    var standard: String?

    @Option(help: "The date to check against (YYYY-MM-DD); with --format html also the date stamped on the page.")
    var today: String?

    @Option(help: "With --format html: a folder of templates to use instead of the built-in ones.")
    var templates: String?

    func run() throws {
        let session = try SetSession.open(set, today: DiagnosticOptions.day(today), strict: false, runChecks: false)
        let errors = session.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            Terminal.error(session.formatter(colour: Terminal.isColourTerminal(2)).text(errors), terminator: "")
        }
        guard let combined = CoverageReport.compute(session.set) else {
            Terminal.error("error: the document set's standard is unknown; coverage cannot be computed")
            throw ExitCode(session.exitStatus == 2 ? 2 : 1)
        }
        var report = combined
        if let standard {
            guard let part = combined.part(standard) else {
                Terminal.error("error: the set has no standard '\(standard)'; its standards are \(combined.parts.map(\.key).joined(separator: ", "))")
                throw ExitCode(2)
            }
            report = part
        }
        let language = session.set.config.language
        switch format {
        case .text: print(CoverageFormatter.text(report, language: language), terminator: "")
        case .json: print(CoverageFormatter.json(report, language: language), terminator: "")
        case .csv:
            if standard != nil, report.standard.needsStatementOfApplicability {
                print(CoverageFormatter.statementOfApplicabilityCSV(report, language: language), terminator: "")
            } else {
                print(CoverageFormatter.csv(report, language: language), terminator: "")
            }
        case .html:
            do {
                let settings = try WorkflowReport.renderSettings(for: session.set, templates: templates,
                                                                 today: try today.map { try DiagnosticOptions.day($0) })
                let renderer = try settings.renderer(for: session.set)
                print(try renderer.coveragePage(standalone: true) ?? "", terminator: "")
            } catch {
                Terminal.error("error: \(error)")
                throw ExitCode(2)
            }
        }
        if let minPercent {
            let below = report.parts.filter { $0.percent < minPercent }
            for part in below {
                let name = report.parts.count > 1 ? "coverage of \(part.key)" : "coverage"
                Terminal.error(name + String(format: " %.1f %% is below the minimum %.1f %%", part.percent, minPercent))
            }
            if !below.isEmpty { throw ExitCode(1) }
        }
        if session.exitStatus == 2 { throw ExitCode(2) }
    }
}
