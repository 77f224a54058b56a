@testable import DocCtlCore
import Foundation
import Testing

/// Every input that once crashed or hung a fuzz target (Tests/Fixtures/fuzz-regressions/<target>/,
/// see docs/PERFORMANCE.md) goes through the same entry points here, so `swift test` keeps them fixed
/// without a libFuzzer build.
@Suite(.timeLimit(.minutes(2))) struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz-regressions")

    /// (target, file name, bytes) of every regression input.
    static let inputs: [(String, String, Data)] = {
        let manager = FileManager.default
        var result: [(String, String, Data)] = []
        for target in ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let folder = root.appendingPathComponent(target)
            for name in ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                if let data = try? Data(contentsOf: folder.appendingPathComponent(name)) { result.append((target, name, data)) }
            }
        }
        return result
    }()

    /// The fuzz targets (fuzz/Sources/Fuzz*): each has at least one regression input here.
    static let targets: [String] = {
        let sources = root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fuzz/Sources")
        // FuzzDocx drives DocCtlImport, which this test target does not link: its damaged and hostile
        // inputs are replayed by Tests/DocCtlImportTests (BadInputImportTests, DamagedDocxTests).
        return ((try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? [])
            .filter { $0.hasPrefix("Fuzz") && !["FuzzSupport", "FuzzDocx", "FuzzXlsx"].contains($0) }.sorted()
    }()

    @Test func everyFuzzTargetHasRegressionInputs() {
        #expect(Self.targets.count >= 7)
        for target in Self.targets {
            #expect(Self.inputs.contains { $0.0 == target && !$0.1.hasSuffix(".expected") }, "no regression input for \(target)")
        }
    }

    /// Each input (not only "it did not crash"): what the entry point made of it, compared with the
    /// `<input>.expected` file beside it. `RECORD_SNAPSHOTS=1` writes the files (and fails the run).
    @Test func everyRegressionInputGivesItsRecordedOutcome() throws {
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        // FuzzDocx and FuzzXlsx inputs are replayed by DocCtlImportTests (FuzzDocxRegressionTests,
        // FuzzXlsxRegressionTests): the importer is not in the core.
        for (target, name, data) in Self.inputs where !name.hasSuffix(".expected") && !["FuzzDocx", "FuzzXlsx"].contains(target) {
            let outcome = try Self.outcome(target: target, name: name, data: data)
            let url = Self.root.appendingPathComponent(target).appendingPathComponent(name + ".expected")
            if record {
                try Data(outcome.utf8).write(to: url)
                Issue.record("recorded \(target)/\(name).expected: run again without RECORD_SNAPSHOTS=1")
                continue
            }
            let expected = try #require(try? String(contentsOf: url, encoding: .utf8), "no \(target)/\(name).expected; record it with RECORD_SNAPSHOTS=1")
            #expect(outcome == expected, "\(target)/\(name)")
        }
    }

    /// What one entry point made of an input, as text.
    static func outcome(target: String, name: String, data: Data) throws -> String {
        if target == "FuzzClauseTree" {
            switch ClauseTreeReader.read(data, path: name, schema: ClauseTreeReader.builtInSchema) {
            case .success(let tree): return "tree \(tree.order.count) clauses: \(tree.order.prefix(20).joined(separator: " "))\n"
            case .failure(let failure): return failure.problems.map { "refused \($0.line): \($0.message)" }.joined(separator: "\n") + "\n"
            }
        }
        guard case .success(let text) = SourceReader.decode(data) else { return "not UTF-8\n" }
        switch target {
        case "FuzzRevision": return revision(text)
        case "FuzzYAML":
            var sink = DiagnosticSink()
            let node = YAMLParser.parse(text, path: name, into: &sink)
            return "node \(node?.kindDescription ?? "none")\n" + describe(sink.diagnostics)
        case "FuzzMarkdown", "FuzzHeading":
            var lines = text.split(separator: "\n").prefix(64).map { line -> String in
                let parts = SectionBuilder.parseHeading(line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces))
                return "heading \(parts.number ?? "-") \(parts.title.prefix(40)) \(parts.attributes.map { "\($0.key)=\($0.value)" })"
            }
            let sections = SectionBuilder.build(MarkdownParser.parse(text, path: name), numbering: .standard).sections
            lines += sections.flatMap(\.flattened).prefix(64).map { "section \($0.level) \($0.number ?? "-") \($0.anchor) \($0.clauses)" }
            return lines.joined(separator: "\n") + "\n"
        case "FuzzCSV":
            do { return "rows \(try CSVParser.parse(text).count)\n" } catch { return "refused: \(error)\n" }
        case "FuzzDocumentSet": return try describe(documentSet(text))
        default: return "unknown target\n"
        }
    }

    /// Diagnostics as `severity rule path:line:column`, sorted.
    static func describe(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { "\($0.severity) \($0.rule) \($0.location.map { "\($0.path):\($0.line):\($0.column)" } ?? "-")" }
            .sorted().map { $0 + "\n" }.joined()
    }

    /// FuzzRevision: the first line's capitals are skip-letters; every line a mark, a date or seconds.
    static func revision(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(32).map(String.init)
        let skip = Set((lines.first ?? "").filter { $0.isASCII && $0.isUppercase }.prefix(26))
        var output = ""
        for line in lines {
            if let mark = RevisionMark(line) { output += "mark \(mark) -> \(mark.nextRevision) | \(mark.nextEdition(skipping: skip))\n" }
            if let day = Day(line) {
                output += "day \(day) -> \([1, 6, 12, 120].map { "\(day.adding(months: $0))" })\n"
            }
            if let seconds = Int(line) { output += "epoch \(seconds) -> \(Day(epochSeconds: seconds))\n" }
        }
        return output
    }

    /// FuzzDocumentSet: parts at `=== NAME` lines over a minimal valid set, loaded and checked.
    static func documentSet(_ text: String) throws -> [Diagnostic] {
        var parts: [String: String] = [
            "docset.yaml": "organization: { name: 模糊测试公司 }\nstandard: iso-iec-20000-1-2018\n",
            "organization.yaml": "departments:\n  - { id: gm, name: 总经理, parent: null }\n",
            "document.yaml": "number: QP-01\ntitle: 测试程序\ntype: procedure\nowner: gm\nclassification: 公开\ncontrol: controlled\n",
            "history.yaml": "- { revision: \"A/0\", date: 2026-01-05, change: 新建, author: 甲, approver: 乙 }\n",
            "body.md": "# 1 目的\n\n正文。\n",
        ]
        var current = "body.md"
        var lines: [Substring] = []
        func flush() { if !lines.isEmpty || parts[current] == nil { parts[current] = lines.joined(separator: "\n") } }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("=== ") {
                flush()
                current = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
                lines = []
                parts[current] = ""
            } else {
                lines.append(line)
            }
        }
        flush()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-regression-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, content) in parts {
            let place = ["docset.yaml", "organization.yaml"].contains(name) ? folder : folder.appendingPathComponent("procedures/QP-01")
            try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
            try Data(content.utf8).write(to: place.appendingPathComponent(name))
        }
        let (set, loading) = try DocumentSetLoader().load(folder)
        return loading + Checker(today: Day(year: 2026, month: 12, day: 1)!).run(set)
    }

    @Test func skippingEveryLetterSkipsNone() {
        let every = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        #expect(RevisionMark(edition: "A", revision: 3).nextEdition(skipping: every).description == "B/0")
        #expect(RevisionMark(edition: "P", revision: 0).nextEdition(skipping: every.subtracting(["Q"])).description == "Q/0")
    }
}
