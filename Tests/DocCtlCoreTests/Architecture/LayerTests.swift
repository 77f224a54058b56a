import Foundation
import Testing

/// The folders of `Sources/DocCtlCore` form one-way layers (docs/ARCHITECTURE.md): a file may use
/// the types declared in its own folder and in the folders its layer lists, never those of a layer
/// above it. The compiler sees one module, so this test is what keeps the layers from drifting.
@Suite struct LayerTests {
    /// Each folder and the folders whose types it may use. A new folder must be placed here.
    static let allowed: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        func layer(_ name: String, _ below: [String]) {
            // A layer may use what its own dependencies may use: the relation is transitive.
            table[name] = below.reduce(into: Set(below)) { $0.formUnion(table[$1] ?? []) }
        }
        layer("Basics", [])
        layer("Diagnostics", ["Basics"])
        layer("XML", ["Diagnostics"])
        layer("Output", ["Diagnostics", "XML"])
        layer("Standards", ["Diagnostics", "XML"])
        layer("Markdown", ["Diagnostics"])
        layer("Model", ["Standards", "Markdown"])
        layer("Loading", ["Model", "XML"])
        layer("Coverage", ["Model"])
        layer("Checks", ["Loading", "Coverage"])
        layer("Rendering", ["Coverage", "XML", "Output"])
        layer("Workflow", ["Rendering", "Checks", "Loading"])
        layer("Editing", ["Workflow"])
        layer("Revisions", ["Editing"])
        layer("Site", ["Revisions"])
        layer("Pack", ["Site"])
        return table
    }()

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/DocCtlCore")

    /// (folder, file name, text) of every Swift file of the core.
    static let files: [(folder: String, name: String, text: String)] = {
        guard let walker = FileManager.default.enumerator(atPath: sources.path) else { return [] }
        var result: [(String, String, String)] = []
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let folder = String(relative.split(separator: "/").first ?? "")
            let text = (try? String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)) ?? ""
            result.append((folder, relative, text))
        }
        return result.sorted { $0.1 < $1.1 }
    }()

    static let declaration = try! NSRegularExpression(
        pattern: #"^(?:(?:public|internal|fileprivate|private|final|indirect|@\w+)\s+)*(?:struct|class|enum|protocol|typealias|actor)\s+([A-Z]\w*)"#)
    static let identifier = try! NSRegularExpression(pattern: #"\b[A-Z][A-Za-z0-9_]*\b"#)
    static let stringLiteral = try! NSRegularExpression(pattern: #""(?:\\.|[^"\\])*""#)

    /// The code of a file without comments and string literals, line by line.
    static func code(_ text: String) -> [String] {
        var inMultilineString = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { raw -> String in
            var line = String(raw)
            if line.contains("\"\"\"") {
                let opens = line.components(separatedBy: "\"\"\"").count - 1
                if opens % 2 == 1 { inMultilineString.toggle() }
                return ""
            }
            if inMultilineString { return "" }
            line = stringLiteral.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line), withTemplate: "\"\"")
            if let comment = line.range(of: "//") { line = String(line[..<comment.lowerBound]) }
            return line
        }
    }

    /// Top-level type names and the folder that declares each.
    static let owners: [String: String] = {
        var owners: [String: String] = [:]
        for file in files {
            for line in code(file.text) {
                let range = NSRange(line.startIndex..., in: line)
                if let match = declaration.firstMatch(in: line, range: range), let name = Range(match.range(at: 1), in: line) {
                    owners[String(line[name])] = file.folder
                }
            }
        }
        return owners
    }()

    @Test func everyFolderHasAPlaceInTheLayers() {
        let folders = Set(Self.files.map(\.folder))
        #expect(folders.count >= 10)
        for folder in folders.sorted() where Self.allowed[folder] == nil {
            Issue.record("Sources/DocCtlCore/\(folder) has no layer: add it to LayerTests.allowed and docs/ARCHITECTURE.md")
        }
    }

    @Test func noFolderUsesATypeOfALayerAboveIt() {
        var violations: [String] = []
        for file in Self.files {
            guard let allowed = Self.allowed[file.folder] else { continue }
            var seen: Set<String> = []
            for (number, line) in Self.code(file.text).enumerated() {
                for match in Self.identifier.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                    guard let range = Range(match.range, in: line) else { continue }
                    let name = String(line[range])
                    guard let owner = Self.owners[name], owner != file.folder, !allowed.contains(owner), seen.insert(name).inserted else { continue }
                    violations.append("\(file.name):\(number + 1) uses \(name), declared in \(owner)/ — a layer above \(file.folder)/")
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.count) references against the layers:\n\(violations.joined(separator: "\n"))")
    }

    /// The check itself can fail: a reference from a low layer to a high one is found.
    @Test func aReferenceUpwardsIsFound() {
        #expect(Self.owners["Publish"] == "Site")
        #expect(Self.owners["DocumentSet"] == "Model")
        #expect(!(Self.allowed["Model"] ?? []).contains("Site"))
        let line = Self.code("let x = Publish.run() // Publish in a comment\nlet s = \"Publish\"")
        #expect(line == ["let x = Publish.run() ", "let s = \"\""])
    }

    /// Every choice between a zh-CN and an en text is made in the word tables (``Labels``,
    /// `EvidenceLabels`, `StarterWords`), so a page and a command never word the same thing twice.
    @Test func languageChoicesAreMadeOnlyInTheWordTables() {
        let choice = try! NSRegularExpression(pattern: #"(== \.en|== "en"|\ben) \? ""#)
        var found: [String] = []
        for file in Self.files where !["Labels.swift", "Labels+Phrases.swift", "EvidenceLabels.swift", "StarterWords.swift"].contains(file.name) {
            for (number, line) in Self.code(file.text).enumerated()
            where choice.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                found.append("\(file.folder)/\(file.name):\(number + 1)")
            }
        }
        #expect(found.isEmpty, "zh-CN/en text chosen outside the word tables: \(found)")
    }
}
