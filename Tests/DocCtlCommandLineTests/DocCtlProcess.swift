import Foundation
import Testing

/// Runs the built `docctl` executable, as a user or a CI job would.
struct DocCtlProcess {
    /// Exit status and both output streams of one run.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Where `docctl` is: `DOCCTL_EXECUTABLE`, else next to the test bundle (SwiftPM puts every product
    /// of the package in the same products folder), else next to the running test process.
    static let executable: URL? = {
        let manager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["DOCCTL_EXECUTABLE"], manager.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        var folders: [URL] = []
        for bundle in [Bundle.main] + Bundle.allBundles {
            let url = bundle.bundleURL
            // Linux: the test bundle is an executable in the products folder, and `bundleURL` is that folder.
            folders.append(url)
            // macOS: products/…PackageTests.xctest/Contents/MacOS.
            var candidate = url
            while candidate.path != "/" && candidate.pathExtension != "xctest" { candidate.deleteLastPathComponent() }
            if candidate.pathExtension == "xctest" { folders.append(candidate.deletingLastPathComponent()) }
        }
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        if let exe = try? manager.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent("docctl")
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               manager.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }()

    /// Runs `docctl arguments…` in `directory`, without colour and without the crash backtracer.
    static func run(_ arguments: [String], in directory: URL = repositoryRoot, executable other: URL? = nil,
                    environment extra: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Result {
        let executable = try other ?? #require(executable, "the docctl executable was not found next to the test bundle; run `swift build` (or set DOCCTL_EXECUTABLE)",
                                               sourceLocation: sourceLocation)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.merge(extra) { $1 }
        process.environment = environment
        // Files, not pipes: a full pipe would block the child while we wait for it.
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("docctl-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let stdoutURL = output.appendingPathComponent("stdout"), stderrURL = output.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL), stderr = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}
