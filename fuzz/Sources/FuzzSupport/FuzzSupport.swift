import DocCtlCore
import Foundation

/// Helpers shared by the fuzz targets: decoding inputs the way docctl decodes files.
public enum FuzzInput {
    /// The input as a source file would reach the parsers: strict UTF-8 (BOM and CRLF handled),
    /// or nil when docctl would already refuse it with an `encoding` diagnostic.
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String? {
        let bytes = Data(bytes: data, count: size)
        guard case .success(let text) = SourceReader.decode(bytes) else { return nil }
        return text
    }

    /// The raw bytes.
    public static func data(_ data: UnsafePointer<UInt8>, _ size: Int) -> Data {
        Data(bytes: data, count: size)
    }

    /// The repository root, found from this file's path (fuzz/Sources/FuzzSupport/…).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh temporary folder for this process (document sets built from inputs).
    public static func temporaryFolder(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("docctl-fuzz-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `url`, creating folders.
    public static func write(_ text: String, to url: URL) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url)
    }
}

/// Splits an input into named parts at lines `=== NAME`, so one input can carry several files.
public enum FuzzParts {
    public static func split(_ text: String) -> [String: String] {
        var parts: [String: String] = [:]
        var current = ""
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("=== ") {
                parts[current, default: ""] += lines.joined(separator: "\n")
                current = String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)
                lines = []
            } else {
                lines.append(line)
            }
        }
        parts[current, default: ""] += lines.joined(separator: "\n")
        return parts
    }
}
