@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// A fixture set written to a temporary folder, for the document-control workflow: load, check,
/// release and revise it there, and compare its files before and after.
final class WorkflowWorkspace {
    let folder: TemporaryFolder
    var url: URL { folder.url }

    init(_ fixture: FixtureSet = .valid()) throws {
        folder = try TemporaryFolder(prefix: "docctl-workflow")
        try fixture.materialize(in: folder.url)
    }

    deinit { folder.remove() }

    /// Loads and checks the set as `docctl check` does.
    func check(today: Day = FixtureSet.today) throws -> CheckOutcome {
        try CheckOutcome.check(url, today: today)
    }

    /// `docctl release NUMBER [--date D]`.
    func release(_ number: String, date: Day? = nil) throws -> Release.Outcome {
        let outcome = try check()
        let document = try DocumentResolver.resolve(number, in: outcome.set)
        return try Release(set: outcome.set, diagnostics: outcome.diagnostics).run(document, date: date)
    }

    /// `docctl revise NUMBER …`.
    func revise(_ number: String, _ kind: Revise.Kind = .revision, change: String = "修订", author: String = "林若溪",
                approver: String? = "周明远", date: Day = FixtureSet.today, force: Bool = false) throws -> Revise.Outcome {
        let (set, _) = try DocumentSetLoader().load(url)
        let document = try DocumentResolver.resolve(number, in: set)
        return try Revise(set: set).run(document, Revise.Request(kind: kind, change: change, author: author, approver: approver,
                                                                  date: date, force: force))
    }

    /// Records the approval of a document's newest revision in its document.yaml: approved, issued
    /// and effective on `date` (what a team does between `revise` and `release`).
    func approve(_ number: String, on date: Day = FixtureSet.today) throws {
        let (set, _) = try DocumentSetLoader().load(url)
        let document = try DocumentResolver.resolve(number, in: set)
        try Approvals.approve(documentYAML: url.appendingPathComponent("\(document.folder)/document.yaml"), on: "\(date)")
    }

    /// The text of a file of the set.
    func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(path)), as: UTF8.self)
    }

    /// Replaces a file of the set.
    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// Replaces the first `old` in a file by `new`.
    func replace(_ old: String, with new: String, in path: String) throws {
        let existing = try text(path)
        let range = try #require(existing.range(of: old), "'\(old)' is not in \(path)")
        try write(path, existing.replacingCharacters(in: range, with: new))
    }

    /// Every file below the set, relative path → bytes.
    func snapshot() throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        while let file = enumerator?.nextObject() as? URL {
            guard (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            result[String(file.standardizedFileURL.path.dropFirst(url.standardizedFileURL.path.count + 1))] = try Data(contentsOf: file)
        }
        return result
    }
}

/// The refusal a throwing call ends in, or nil when it did not throw one.
func refusal<T>(_ body: () throws -> T) -> WorkflowError? {
    do {
        _ = try body()
        return nil
    } catch let error as WorkflowError {
        return error
    } catch {
        return nil
    }
}
