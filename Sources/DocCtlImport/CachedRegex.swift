import Foundation

/// Regular expressions compiled once per pattern. `String.range(of:options: .regularExpression)`
/// compiles its pattern on every call on Linux, which was a tenth of an import's time.
enum CachedRegex {
    nonisolated(unsafe) private static var cache: [String: NSRegularExpression] = [:]
    private static let lock = NSLock()

    static func regex(_ pattern: String) -> NSRegularExpression {
        lock.lock()
        defer { lock.unlock() }
        if let regex = cache[pattern] { return regex }
        // The patterns are literals of this module: one that does not compile is a programming error.
        let regex = try! NSRegularExpression(pattern: pattern)
        cache[pattern] = regex
        return regex
    }

    /// The first match of `pattern` in `text`, as `CachedRegex.range(pattern, in: text)`.
    static func range(_ pattern: String, in text: String) -> Range<String.Index>? {
        guard let match = regex(pattern).firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return Range(match.range, in: text)
    }

    /// Every non-overlapping match, left to right.
    static func ranges(_ pattern: String, in text: String) -> [Range<String.Index>] {
        regex(pattern).matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
    }
}
