import ArgumentParser
import DocCtlCore
import Foundation

/// Output shared by the document-control commands (release, revise, init).
enum WorkflowReport {
    /// Prints a refusal or failure — its check findings, the message and notes — and exits 1 or 2.
    static func fail(_ error: WorkflowError, command: String, session: SetSession?, format: DiagnosticFormat = .text) -> ExitCode {
        if !error.diagnostics.isEmpty, let session {
            let formatter = session.formatter(colour: format == .text && Terminal.isColourTerminal(2))
            if format == .text {
                Terminal.error(formatter.text(error.diagnostics), terminator: "")
            } else {
                print(formatter.format(error.diagnostics, as: format), terminator: "")
            }
        }
        Terminal.error("error: \(command): \(error.description)")
        for note in error.notes { Terminal.error("  note: \(note)") }
        return ExitCode(error.exitStatus)
    }

    /// `path` as the user sees it: under the set folder they passed.
    static func display(_ relative: String, set: String) -> String {
        set.isEmpty || set == "." ? relative : (set.hasSuffix("/") ? set + relative : set + "/" + relative)
    }

    /// A date option (YYYY-MM-DD), or nil when not given.
    static func day(_ text: String?, option: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(text) else { throw ValidationError("\(option) must be a date YYYY-MM-DD, found '\(text)'") }
        return day
    }

    /// The templates and dates of a rendering run (``RenderSettings``), its errors as one line each.
    static func renderSettings(for set: DocumentSet, templates: String?, today: Day?) throws(WorkflowError) -> RenderSettings {
        do {
            return try RenderSettings.resolve(for: set, templatesFolder: templates, today: today,
                                              environment: ProcessInfo.processInfo.environment)
        } catch {
            throw .environment(error.description)
        }
    }

    /// The date of a new record: SOURCE_DATE_EPOCH when set (reproducible runs), else today.
    static func defaultDay() throws -> Day {
        do {
            if let day = try Day.sourceDateEpoch(ProcessInfo.processInfo.environment) { return day }
        } catch {
            Terminal.error("error: \(error.description)")
            throw ExitCode(2)
        }
        return Day(epochSeconds: Int(Date().timeIntervalSince1970))
    }
}
