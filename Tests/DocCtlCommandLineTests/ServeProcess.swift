import Foundation
import Testing

/// A running `docctl serve` (the built executable) on a free loopback port: started, read line by
/// line from its standard error until it says where it listens, stopped with SIGINT.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var buffer = Data()
    private let reader: Thread
    private(set) var port: UInt16 = 0

    /// Starts `docctl serve set --port 0 arguments…` and waits (at most `timeout` seconds) until it
    /// listens and watches.
    init(set: URL, arguments: [String] = [], timeout: TimeInterval = 120, executable: URL? = nil,
         sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        process.executableURL = try executable ?? #require(DocCtlProcess.executable, "the docctl executable was not found; run `swift build`",
                                                           sourceLocation: sourceLocation)
        process.arguments = ["serve", set.path, "--port", "0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let handle = pipe.fileHandleForReading
        let box = Reader()
        reader = Thread {
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                box.owner?.append(data)
            }
        }
        box.owner = self
        try process.run()
        reader.start()
        var started = false
        defer { if !started { stop() } }
        try #require(waitForLine(containing: "serve: watching", timeout: timeout) != nil, "serve did not start: \(log)",
                     sourceLocation: sourceLocation)
        let listening = log.split(separator: "\n").lazy.compactMap { line -> UInt16? in
            guard let range = line.range(of: "http://127.0.0.1:") else { return nil }
            return UInt16(line[range.upperBound...].prefix { $0.isNumber })
        }.first
        port = try #require(listening, "no port in: \(log)", sourceLocation: sourceLocation)
        started = true
    }

    private final class Reader: @unchecked Sendable { weak var owner: ServeProcess? }

    private func append(_ data: Data) {
        lock.lock()
        buffer.append(data)
        lock.unlock()
    }

    /// Everything it wrote to standard error so far.
    var log: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The first line holding `text` (after `after` occurrences of it), or nil at the timeout.
    func waitForLine(containing text: String, after earlier: Int = 0, timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let lines = log.split(separator: "\n").filter { $0.contains(text) }
            if lines.count > earlier { return String(lines[earlier]) }
            if !process.isRunning && lines.count <= earlier { return nil }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    /// The folder it builds into (`docctl-serve-PID/site` in the temporary folder).
    var buildFolder: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("docctl-serve-\(process.processIdentifier)/site")
    }

    /// SIGINT (Ctrl-C), then waits (at most `timeout` seconds) for the exit; returns its status,
    /// or nil when it had to be killed.
    @discardableResult
    func stop(timeout: TimeInterval = 30) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        process.interrupt()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
