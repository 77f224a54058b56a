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

    @Test func regressionInputsExist() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test func everyRegressionInputRunsToTheEnd() throws {
        for (target, name, data) in Self.inputs {
            guard case .success(let text) = SourceReader.decode(data) else { continue }
            switch target {
            case "FuzzRevision": Self.revision(text)
            case "FuzzYAML":
                var sink = DiagnosticSink()
                _ = YAMLParser.parse(text, path: name, into: &sink)
            case "FuzzMarkdown", "FuzzHeading":
                for line in text.split(separator: "\n").prefix(64) { _ = SectionBuilder.parseHeading(String(line)) }
                _ = SectionBuilder.build(MarkdownParser.parse(text, path: name), numbering: .standard)
            case "FuzzCSV": _ = try? CSVParser.parse(text)
            case "FuzzDocumentSet": try Self.documentSet(text)
            default: break
            }
        }
    }

    /// FuzzRevision: the first line's capitals are skip-letters; every line a mark, a date or seconds.
    static func revision(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(32).map(String.init)
        let skip = Set((lines.first ?? "").filter { $0.isASCII && $0.isUppercase }.prefix(26))
        for line in lines {
            if let mark = RevisionMark(line) { _ = mark.nextEdition(skipping: skip) }
            if let day = Day(line) { for months in [1, 6, 12, 120] { _ = day.adding(months: months) } }
            if let seconds = Int(line) { _ = Day(epochSeconds: seconds) }
        }
    }

    /// FuzzDocumentSet: parts at `=== NAME` lines over a minimal valid set, loaded and checked.
    static func documentSet(_ text: String) throws {
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
        let (set, _) = try DocumentSetLoader().load(folder)
        _ = Checker(today: Day(year: 2026, month: 12, day: 1)!).run(set)
    }

    @Test func skippingEveryLetterSkipsNone() {
        let every = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        #expect(RevisionMark(edition: "A", revision: 3).nextEdition(skipping: every).description == "B/0")
        #expect(RevisionMark(edition: "P", revision: 0).nextEdition(skipping: every.subtracting(["Q"])).description == "Q/0")
    }
}
