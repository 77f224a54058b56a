import ArgumentParser
import DocCtlCore
import Foundation

/// Options shared by commands that read a document set and print diagnostics.
struct DiagnosticOptions: ParsableArguments {
    @Option(help: "Diagnostic format: text, json, junit, sarif or github.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "The date to check periodic reviews against (YYYY-MM-DD); defaults to today.")
    var today: String?

    func resolvedToday() throws -> Day { try DiagnosticOptions.day(today) }

    /// `--today`, or the current date.
    static func day(_ text: String?) throws -> Day {
        if let text {
            guard let day = Day(text) else { throw ValidationError("--today must be a date YYYY-MM-DD, found '\(text)'") }
            return day
        }
        return Day(epochSeconds: Int(Date().timeIntervalSince1970))
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}

/// Loads a set, checks it and prints diagnostics: the common first half of most commands (the
/// loading and checking is the core's ``CheckedSet``; this adds the path as typed and the printing).
struct SetSession {
    let path: String
    let checked: CheckedSet
    var set: DocumentSet { checked.set }
    var diagnostics: [Diagnostic] { checked.diagnostics }

    /// Loads and checks the set at `path`; environment failures become exit status 2.
    /// `checks`: the per-document part of an earlier check to take over where unchanged (`build -o`).
    /// With `dropsBodies` (`check`, `build`), the set holds no parsed bodies (see ``DocumentSetLoader/dropsBodies``)
    /// when its Markdown is at least ``keptBodiesBudget`` bytes.
    static func open(_ path: String, options: DiagnosticOptions, runChecks: Bool = true, checks: DocumentCheckCache? = nil,
                     dropsBodies: Bool = false) throws -> SetSession {
        try open(path, today: options.resolvedToday(), strict: options.strict, runChecks: runChecks, checks: checks, dropsBodies: dropsBodies)
    }

    static func open(_ path: String, today: Day, strict: Bool, runChecks: Bool = true, checks: DocumentCheckCache? = nil,
                     dropsBodies: Bool = false) throws -> SetSession {
        do {
            return SetSession(path: path, checked: try CheckedSet.load(URL(fileURLWithPath: path), today: today, strict: strict,
                                                                      runChecks: runChecks, checks: checks, dropsBodies: dropsBodies,
                                                                      keepsBodiesUnder: keptBodiesBudget))
        } catch {
            Terminal.error("error: \(error.description)")
            throw ExitCode(2)
        }
    }

    var exitStatus: Int32 { checked.exitStatus }

    /// The Markdown under which `check` and `build` keep the parsed bodies:
    /// ``DocumentSetLoader/keptBodiesBudget``, or `DOCCTL_KEEP_BODIES_UNDER` (bytes; 0 drops them
    /// in every set).
    static var keptBodiesBudget: Int {
        ProcessInfo.processInfo.environment["DOCCTL_KEEP_BODIES_UNDER"].flatMap { Int($0) }.map { max(0, $0) }
            ?? DocumentSetLoader.keptBodiesBudget
    }

    func formatter(colour: Bool) -> DiagnosticFormatter {
        DiagnosticFormatter(pathPrefix: path, sources: set.sources, colour: colour)
    }

    /// Prints diagnostics in `format` to `stream` (text ones with a summary line on stderr).
    func report(_ format: DiagnosticFormat, toStandardError: Bool) {
        let output = formatter(colour: format == .text && Terminal.isColourTerminal(toStandardError ? 2 : 1))
            .format(diagnostics, as: format)
        if toStandardError { Terminal.error(output, terminator: "") } else { print(output, terminator: "") }
    }
}

/// Terminal helpers: stderr and colour detection.
package enum Terminal {
    package static func error(_ text: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }

    static func isColourTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }
}
