import ArgumentParser
import DocCtlCore
import DocCtlServe
import Foundation

/// `docctl serve`: a live preview of the set while it is written (issue 18).
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

    @Argument(help: "The document set folder.")
    var set = "manual-src"

    @Option(help: "The port to listen on (0: any free port).")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on; anything but a loopback address makes the preview visible to the network.")
    var host = "127.0.0.1"

    @Option(help: "A folder of templates to use instead of the built-in ones (see templates/).")
    var templates: String?

    @Flag(help: "Compare file sizes and times a few times a second instead of using inotify.")
    var poll = false

    @Option(help: "The date to check periodic reviews against (YYYY-MM-DD); defaults to today.")
    var today: String?

    func run() throws {
        let root = URL(fileURLWithPath: set).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            Terminal.error("error: \(set): no such document set folder")
            throw ExitCode(2)
        }
        let day = try DiagnosticOptions.day(today)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("docctl-serve-\(ProcessInfo.processInfo.processIdentifier)")
        let output = work.appendingPathComponent("site")
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            let templateSet = try templates.map { try TemplateSet(folder: URL(fileURLWithPath: $0)) } ?? TemplateSet.bundled()
            let session = PreviewSession(set: root, output: output, templates: templateSet, today: day)
            Terminal.error("serve: built \(try session.rebuild())")
            let server = try PreviewServer(root: output, host: host, port: port)
            try Self.serve(session, server: server, host: host, poll: poll, set: set)
        } catch let error as ExitCode {
            try? FileManager.default.removeItem(at: work)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: work)
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
        try? FileManager.default.removeItem(at: work)
        Terminal.error("serve: stopped")
    }

    /// Runs the server and the watcher until SIGINT or SIGTERM.
    static func serve(_ session: PreviewSession, server: PreviewServer, host: String, poll: Bool, set: String) throws {
        let stop = StopFlag()
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let signals = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.set() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        Task {
            do { try await server.run() } catch { failure.set(error); stop.set() }
            done.signal()
        }
        let listening = DispatchSemaphore(value: 0)
        let portBox = FailureBox()
        Task {
            do { portBox.port = try await server.waitUntilListening(timeout: 10) } catch { failure.set(error); stop.set() }
            listening.signal()
        }
        listening.wait()
        if let error = failure.error {
            Terminal.error("error: cannot listen on \(host): \(error)")
            throw ExitCode(2)
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        Terminal.error("serve: http://\(shown):\(portBox.port)/ (Ctrl-C to stop)")
        if !PreviewServer.isLoopback(host) {
            Terminal.error("serve: warning: listening on \(host): anyone who can reach this machine can read the preview")
        }
        let watcher = SourceWatcher(root: session.setRoot, forcePolling: poll)
        Terminal.error("serve: watching \(set) (\(watcher.mode.rawValue))")
        session.watch(watcher, server: server, shouldStop: { stop.isSet }) { Terminal.error("serve: \($0)") }
        let stopped = DispatchSemaphore(value: 0)
        Task {
            await server.stop()
            stopped.signal()
        }
        _ = stopped.wait(timeout: .now() + 5)
        _ = done.wait(timeout: .now() + 5)
    }
}

/// Set once from a signal handler, read by the watch loop.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// An error from the server task, and the port it listens on.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    private var storedPort: UInt16 = 0
    func set(_ error: any Error) { lock.lock(); if stored == nil { stored = error }; lock.unlock() }
    var error: (any Error)? { lock.lock(); defer { lock.unlock() }; return stored }
    var port: UInt16 {
        get { lock.lock(); defer { lock.unlock() }; return storedPort }
        set { lock.lock(); storedPort = newValue; lock.unlock() }
    }
}
