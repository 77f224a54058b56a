import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl serve`: a live preview of the set while it is written (issue 18).
///
/// The preview's HTTP server lives in a program of its own, `docctl-serve`, installed next to
/// `docctl`: the server library brings in FoundationNetworking and with it libcurl and some thirty
/// system libraries, which the dynamic loader would otherwise map and bind at every start of every
/// other command (about 5 ms of the example's `check`; BENCHMARKS.md). This command parses the
/// options (so that help, the man page and the completions describe them), then replaces itself
/// with `docctl-serve` and the same options.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the set in a browser while you write: a draft build, served and rebuilt on every save.",
        discussion: """
            Builds the set as `build --draft` does (every page marked 草稿 / DRAFT with its problems at the top, \
            the set's problems on the master list) into a temporary folder, serves it over HTTP, and watches the \
            set's folder (inotify, or polling where it is missing). After a save, only the documents whose \
            sources, or whose referenced documents, changed are rendered again, and the open pages reload \
            (Server-Sent Events from docctl itself). Listens on 127.0.0.1 unless --host says otherwise; serves \
            nothing outside the build folder. Ctrl-C (or SIGTERM) stops it and removes the build folder.
            """
    )

    @OptionGroup var options: ServeOptions

    func run() throws {
        try options.validateSet()
        guard let program = ServeOptions.serveProgram() else {
            Terminal.error("error: docctl serve needs the docctl-serve program installed next to docctl (\(ServeOptions.executableFolder?.path ?? "?")); `make install` installs both")
            throw ExitCode(2)
        }
        let arguments = [program.path] + options.arguments
        let pointers = arguments.map { strdup($0) } + [nil]
        execv(program.path, pointers)
        let reason = String(cString: strerror(errno))
        Terminal.error("error: cannot start \(program.path): \(reason)")
        throw ExitCode(2)
    }
}

/// The options of `docctl serve`, shared with the `docctl-serve` program that runs the preview.
package struct ServeOptions: ParsableArguments {
    @Argument(help: "The document set folder.")
    package var set = "manual-src"

    @Option(help: "The port to listen on (0: any free port).")
    package var port: UInt16 = 8000

    @Option(help: "The address to listen on; anything but a loopback address makes the preview visible to the network.")
    package var host = "127.0.0.1"

    @Option(help: "A folder of templates to use instead of the built-in ones (see templates/).")
    package var templates: String?

    @Flag(help: "Compare file sizes and times a few times a second instead of using inotify.")
    package var poll = false

    @Option(help: "The date to check periodic reviews against (YYYY-MM-DD); defaults to today.")
    package var today: String?

    package init() {}

    /// The options again as command-line arguments, for `docctl-serve`.
    package var arguments: [String] {
        var result = [set, "--port", String(port), "--host", host]
        if let templates { result += ["--templates", templates] }
        if poll { result.append("--poll") }
        if let today { result += ["--today", today] }
        return result
    }

    /// A usage error (exit status 2) for a `--today` that is not a date, before anything starts.
    package func validate() throws { _ = try day() }

    /// `--today`, or the current date.
    package func day() throws -> Day { try DiagnosticOptions.day(today) }

    /// Fails with exit status 2 when the set folder is missing.
    package func validateSet() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: URL(fileURLWithPath: set).standardizedFileURL.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            Terminal.error("error: \(set): no such document set folder")
            throw ExitCode(2)
        }
    }

    /// The folder of the running executable (symbolic links resolved, as the loader found it).
    static var executableFolder: URL? {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
        return path.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().deletingLastPathComponent() }
    }

    /// `docctl-serve` next to this executable, when it is there and executable.
    static func serveProgram() -> URL? {
        guard let candidate = executableFolder?.appendingPathComponent("docctl-serve", isDirectory: false),
              FileManager.default.isExecutableFile(atPath: candidate.path) else { return nil }
        return candidate
    }
}
