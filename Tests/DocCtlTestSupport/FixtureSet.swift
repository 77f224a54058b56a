import DocCtlCore
import Foundation

/// A small document set held in memory: a valid one to start from, changed file by file, then
/// written to a temporary folder and checked.
///
/// ``valid()`` passes `docctl check --strict` with ``FixtureSet/today``: a docset.yaml for
/// iso-iec-20000-1-2018, an organization with three departments, a matrix, a records register, a
/// manual whose headings are generated from the built-in clause tree (every clause of chapters 4–10
/// down to depth 3) and one procedure.
public struct FixtureSet: Sendable {
    /// The date the fixture's periodic reviews are checked against (`--today`).
    public static let today = Day(year: 2026, month: 1, day: 15)!
    /// `today` as written on a command line.
    public static let todayText = "2026-01-15"

    public static let manualNumber = "CS-ITSM-M-01"
    public static let procedureNumber = "QP-01"
    public static let manualFolder = "manual"
    public static let procedureFolder = "procedures/QP-01-documented-information"

    /// Relative path → file contents.
    public var files: [String: Data]
    /// Marker (`1️⃣`…) → where it stood in the file written with it.
    public var markers: [String: SourceLocation] = [:]
    /// Folders to create even when empty.
    public var folders: Set<String> = []

    public init(files: [String: Data] = [:]) { self.files = files }

    // MARK: Editing

    /// Replaces (or adds) a text file; markers in `text` are recorded and stripped.
    public mutating func write(_ path: String, _ text: String) {
        let marked = MarkedText(text)
        for (name, location) in markers where location.path == path { markers[name] = nil }
        for (name, position) in marked.markers {
            markers[name] = SourceLocation(path: path, line: position.line, column: position.column)
        }
        files[path] = Data(marked.text.utf8)
    }

    /// Replaces (or adds) a file with raw bytes.
    public mutating func write(_ path: String, data: Data) {
        for (name, location) in markers where location.path == path { markers[name] = nil }
        files[path] = data
    }

    /// Appends text (with markers) to a text file, creating it when missing.
    public mutating func append(_ path: String, _ text: String) {
        let existing = self.text(path) ?? ""
        let marked = MarkedText(text)
        let lineOffset = existing.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        let lastLine = existing.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        for (name, position) in marked.markers {
            let column = position.line == 1 ? position.column + lastLine.unicodeScalars.count : position.column
            markers[name] = SourceLocation(path: path, line: position.line + lineOffset, column: column)
        }
        files[path] = Data((existing + marked.text).utf8)
    }

    /// Replaces the first occurrence of `old` in a text file by `new` (with markers).
    ///
    /// Fails the precondition when `old` is not in the file: a fixture that silently stops
    /// applying would make its test pass for the wrong reason.
    public mutating func replace(_ old: String, with new: String, in path: String) {
        guard let existing = text(path), let range = existing.range(of: old) else {
            preconditionFailure("'\(old)' is not in fixture file \(path)")
        }
        let prefix = String(existing[..<range.lowerBound])
        let suffix = String(existing[range.upperBound...])
        let marked = MarkedText(new)
        let lineOffset = prefix.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        let lastLine = prefix.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        for (name, position) in marked.markers {
            let column = position.line == 1 ? position.column + lastLine.unicodeScalars.count : position.column
            markers[name] = SourceLocation(path: path, line: position.line + lineOffset, column: column)
        }
        files[path] = Data((prefix + marked.text + suffix).utf8)
    }

    /// Removes a file, or every file under a folder.
    public mutating func remove(_ path: String) {
        files[path] = nil
        for key in files.keys where key.hasPrefix(path + "/") { files[key] = nil }
    }

    /// The text of a file, if it is one of the fixture's and valid UTF-8.
    public func text(_ path: String) -> String? {
        files[path].flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Where a marker stood.
    public func marker(_ name: String = "1️⃣") -> SourceLocation {
        guard let location = markers[name] else { preconditionFailure("no marker \(name) in the fixture") }
        return location
    }

    /// The location of the first line of `path` that contains `needle`, at the column where it starts.
    public func location(of needle: String, in path: String) -> SourceLocation {
        guard let text = text(path) else { preconditionFailure("no fixture file \(path)") }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: needle) {
                let column = line[..<range.lowerBound].unicodeScalars.count + 1
                return SourceLocation(path: path, line: index + 1, column: column)
            }
        }
        preconditionFailure("'\(needle)' is not in fixture file \(path)")
    }

    // MARK: Writing and checking

    /// Writes every file (and folder) below `root`.
    public func materialize(in root: URL) throws {
        let manager = FileManager.default
        for folder in folders.sorted() {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let url = root.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }

    /// Writes the set into a temporary folder, lets `prepare` change the folder (symbolic links,
    /// permissions), then loads and checks it.
    public func check(today: Day = FixtureSet.today, strict: Bool = false,
                      prepare: (URL) throws -> Void = { _ in }) throws -> CheckOutcome {
        try TemporaryFolder.with { folder in
            try materialize(in: folder.url)
            try prepare(folder.url)
            return try CheckOutcome.check(folder.url, today: today, strict: strict)
        }
    }

    /// Writes the set into a temporary folder and loads it without running the checks.
    public func load() throws -> (DocumentSet, [Diagnostic]) {
        try TemporaryFolder.with { folder in
            try materialize(in: folder.url)
            return try DocumentSetLoader().load(folder.url)
        }
    }

    /// The content digest `release` would seal for document `number` as the fixture stands.
    public func digest(of number: String) throws -> String {
        let (set, _) = try load()
        guard let document = set.document(number: number) else { preconditionFailure("no document \(number)") }
        return ContentDigest.digest(document, sources: set.sources)
    }
}

/// The result of loading and checking a set, with the diagnostics as the user sees them.
public struct CheckOutcome: Sendable {
    public var set: DocumentSet
    /// Finalized: severity overrides and `--strict` applied, sorted, de-duplicated.
    public var diagnostics: [Diagnostic]

    public var exitStatus: Int32 { DiagnosticEngine.exitStatus(for: diagnostics) }

    /// The diagnostics of one rule.
    public func diagnostics(_ rule: Rule) -> [Diagnostic] { diagnostics.filter { $0.rule == rule.id } }

    /// The rule ids that fired.
    public var rules: Set<String> { Set(diagnostics.map(\.rule)) }

    /// `path:line:column: severity[rule]: message`, one per line, for failure messages.
    public var summary: String {
        diagnostics.map { "\($0.location?.description ?? "-"): \($0.severity.rawValue)[\($0.rule)]: \($0.message)" }
            .joined(separator: "\n")
    }

    /// Loads and checks the set at `root` as `docctl check` does.
    ///
    /// The set is loaded twice, with its parsed bodies kept (the outcome's set) and dropped as
    /// `docctl check` and `build` load it (``DocumentSetLoader/dropsBodies``): when the two give
    /// other diagnostics, the outcome holds one more, `test-dropped-bodies`, naming the difference,
    /// so that every rule test also holds the body-less check to the same findings.
    public static func check(_ root: URL, today: Day = FixtureSet.today, strict: Bool = false) throws(DocCtlError) -> CheckOutcome {
        let checked = try CheckedSet.load(root, today: today, strict: strict)
        let dropped = try CheckedSet.load(root, today: today, strict: strict, dropsBodies: true)
        var diagnostics = checked.diagnostics
        if dropped.diagnostics != checked.diagnostics {
            let kept = Set(checked.diagnostics), without = Set(dropped.diagnostics)
            let differences = checked.diagnostics.filter { !without.contains($0) }.map { "only with bodies: \($0.rule) \($0.message)" }
                + dropped.diagnostics.filter { !kept.contains($0) }.map { "only without bodies: \($0.rule) \($0.message)" }
            diagnostics.append(Diagnostic(.error, rule: "test-dropped-bodies", at: nil,
                                          "the set checked without its parsed bodies gives other diagnostics: "
                                              + (differences.isEmpty ? "the same ones in another order" : differences.joined(separator: "; "))))
        }
        return CheckOutcome(set: checked.set, diagnostics: diagnostics)
    }
}
