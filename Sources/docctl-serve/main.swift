import ArgumentParser
import DocCtlCommandLine
import DocCtlCore
import DocCtlServe
import Foundation

/// `docctl-serve`: the live preview's server, started by `docctl serve` (ServeCommand) with the
/// same options. A program of its own so that only the preview links the HTTP server and its
/// networking libraries.
struct ServeProgram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docctl-serve",
        abstract: "The live preview of `docctl serve` (run `docctl serve`; this is the program it starts).",
        version: "docctl-serve \(DocCtlVersion.description)"
    )

    @OptionGroup var options: ServeOptions

    func run() throws {
        try options.validateSet()
        let (set, port, host, templates, poll) = (options.set, options.port, options.host, options.templates, options.poll)
        let root = URL(fileURLWithPath: set).standardizedFileURL
        let day = try options.day()
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

ServeProgram.main()
