import Foundation

/// A fresh folder under the system's temporary directory, removed by ``remove()``.
public struct TemporaryFolder: Sendable {
    public let url: URL

    /// Creates an empty folder whose name starts with `prefix`.
    public init(prefix: String = "docctl-test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true).resolvingSymlinksInPath()
        url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    /// Deletes the folder and everything in it (permissions are restored first, so that tests that
    /// made a file unreadable still clean up).
    public func remove() {
        if let enumerator = FileManager.default.enumerator(atPath: url.path) {
            for case let relative as String in enumerator {
                _ = try? FileManager.default.setAttributes([.posixPermissions: 0o755],
                                                           ofItemAtPath: url.appendingPathComponent(relative).path)
            }
        }
        try? FileManager.default.removeItem(at: url)
    }

    /// Runs `body` with a new temporary folder and removes the folder afterwards.
    public static func with<T>(prefix: String = "docctl-test", _ body: (TemporaryFolder) throws -> T) throws -> T {
        let folder = try TemporaryFolder(prefix: prefix)
        defer { folder.remove() }
        return try body(folder)
    }
}
