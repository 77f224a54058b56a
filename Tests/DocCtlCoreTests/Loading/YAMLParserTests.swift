import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing
import Yams

/// YAML from libyaml's events: values kept as written, positions kept, errors as diagnostics, and
/// the same nodes Yams' composer gives.
@Suite struct YAMLParserTests {
    static func parse(_ text: String) -> (YAMLNode?, [Diagnostic]) {
        var sink = DiagnosticSink()
        let node = YAMLParser.parse(text, path: "t.yaml", into: &sink)
        return (node, sink.diagnostics)
    }

    @Test func scalarsKeepTheirTextSo810IsNot81And01IsNot1() throws {
        let (node, diagnostics) = Self.parse("clauses: [8.10, 8.1, 5.10]\ncopy: 01\nrevision: A/0\nyes: on\n")
        #expect(diagnostics.isEmpty)
        guard case .mapping(let pairs, _) = try #require(node) else { Issue.record("not a mapping"); return }
        guard case .sequence(let items, _) = pairs[0].value else { Issue.record("not a list"); return }
        #expect(items.compactMap(\.scalar?.text) == ["8.10", "8.1", "5.10"])
        #expect(pairs[1].value.scalar?.text == "01")
        #expect(pairs[2].value.scalar?.text == "A/0")
        #expect(pairs[3].key.text == "yes" && pairs[3].value.scalar?.text == "on")
    }

    @Test func locationsAreOneBasedLinesAndColumns() throws {
        let (node, _) = Self.parse("# comment\nnumber: QP-01\nlist:\n  - 组织: 环境\n")
        guard case .mapping(let pairs, let location) = try #require(node) else { Issue.record("not a mapping"); return }
        #expect(location == SourceLocation(path: "t.yaml", line: 2, column: 1))
        #expect(pairs[0].value.location == SourceLocation(path: "t.yaml", line: 2, column: 9))
        guard case .sequence(let items, _) = pairs[1].value, case .mapping(let inner, _) = items[0] else { Issue.record("shape"); return }
        #expect(inner[0].value.location == SourceLocation(path: "t.yaml", line: 4, column: 9))
    }

    @Test func columnsCountCharactersNotBytesAfterChineseText() throws {
        let (node, _) = Self.parse("- { 名称: 值, titel: x }\n")
        guard case .sequence(let items, _) = try #require(node), case .mapping(let pairs, _) = items[0] else {
            Issue.record("shape")
            return
        }
        #expect(pairs[1].key.location.column == 12)
    }

    @Test func quotedAndNullScalarsAreToldApart() throws {
        let (node, _) = Self.parse("a: ~\nb: \"~\"\nc:\nd: null\n")
        guard case .mapping(let pairs, _) = try #require(node) else { Issue.record("not a mapping"); return }
        #expect(pairs.map(\.value.isNull) == [true, false, true, true])
    }

    @Test func syntaxErrorIsADiagnosticAtItsLine() {
        let (node, diagnostics) = Self.parse("a: 1\nb: [1, 2\nc: 3\n")
        #expect(node == nil)
        #expect(diagnostics.map(\.rule) == ["yaml-syntax"])
        #expect((diagnostics.first?.location?.line ?? 0) >= 2)
    }

    @Test func tabIndentationIsASyntaxError() {
        let (_, diagnostics) = Self.parse("a:\n\t- b\n")
        #expect(diagnostics.map(\.rule) == ["yaml-syntax"])
        #expect(diagnostics.first?.location?.line == 2)
    }

    @Test func deepFlowNestingIsRefusedBeforeYams() {
        let (node, diagnostics) = Self.parse("a: " + String(repeating: "[", count: 10_000))
        #expect(node == nil)
        #expect(diagnostics.map(\.rule) == ["yaml-syntax"])
    }

    @Test func deepBlockNestingIsRefused() {
        var text = ""
        for depth in 0..<200 { text += String(repeating: "  ", count: depth) + "k:\n" }
        let (node, diagnostics) = Self.parse(text)
        #expect(node == nil)
        #expect(diagnostics.map(\.rule) == ["yaml-syntax"])
    }

    @Test func aliasesExpandToTheAnchoredValue() throws {
        let (node, diagnostics) = Self.parse("a: &x [1, 2]\nb: *x\n")
        #expect(diagnostics.isEmpty)
        guard case .mapping(let pairs, _) = try #require(node), case .sequence(let items, _) = pairs[1].value else {
            Issue.record("b is not the list of a")
            return
        }
        #expect(items.compactMap(\.scalar?.text) == ["1", "2"])
    }

    /// Regression: nine levels of ten aliases made the conversion walk a billion values.
    @Test func aliasBombIsRefusedQuickly() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let start = ContinuousClock.now
        let (node, diagnostics) = Self.parse(text)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(node == nil)
        #expect(diagnostics.map(\.rule) == ["yaml-syntax"])
        #expect(diagnostics.first?.message.contains("aliases") == true)
    }

    @Test func aKeyWrittenTwiceIsReportedAtTheSecondWithTheFirstAsANote() throws {
        let (node, diagnostics) = Self.parse("number: QP-01\ntitle: 程序\nnumber: QP-02\n")
        #expect(node == nil)
        let finding = try #require(diagnostics.first)
        #expect(diagnostics.count == 1 && finding.rule == "invalid-value")
        #expect(finding.message == "key 'number' appears twice in a mapping")
        #expect(finding.location == SourceLocation(path: "t.yaml", line: 3, column: 1))
        #expect(finding.notes.first?.location == SourceLocation(path: "t.yaml", line: 1, column: 1))
        // In a flow mapping too, where no line starts with the key.
        let (_, flow) = Self.parse("a: {x: 1, y: 2, x: 3}\n")
        #expect(flow.first?.location == SourceLocation(path: "t.yaml", line: 1, column: 17))
        #expect(flow.first?.notes.first?.location == SourceLocation(path: "t.yaml", line: 1, column: 5))
    }

    @Test func aSecondDocumentAndAnUndefinedAliasAreSyntaxErrors() {
        let (node, second) = Self.parse("a: 1\n---\nb: 2\n")
        #expect(node == nil)
        #expect(second.map(\.message) == ["YAML syntax error: expected a single document in the stream, but found another document"])
        #expect(second.first?.location?.line == 2)
        let (_, alias) = Self.parse("a: *nowhere\n")
        #expect(alias.map(\.message) == ["YAML syntax error: found undefined alias"])
        #expect(alias.first?.location == SourceLocation(path: "t.yaml", line: 1, column: 4))
        let (empty, none) = Self.parse("# only a comment\n")
        #expect(empty == nil && none.isEmpty)
    }

    /// Every YAML file of the example, and of the test fixtures, gives the nodes Yams' composer
    /// gives (the reader docctl used before): same shape, text, quoting and positions.
    @Test func nodesEqualYamsComposersOnEveryYAMLFileOfTheRepository() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var files: [URL] = []
        for folder in ["manual-src", "Tests", "templates", "docs"] {
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if ["yaml", "yml"].contains(url.pathExtension) { files.append(url) }
            }
        }
        #expect(files.count > 40)
        var compared = 0
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            var sink = DiagnosticSink()
            let ours = YAMLParser.parse(text, path: "f", into: &sink)
            // The hostile fixtures (nesting, alias bombs) are refused by docctl's own bounds.
            if sink.diagnostics.contains(where: { $0.message.contains("nests deeper") || $0.message.contains("once aliases") }) { continue }
            guard let theirs = try? Yams.compose(yaml: text, .basic, .default, .utf8) else {
                #expect(ours == nil, "\(file.path): Yams refuses it, docctl read it")
                continue
            }
            let same = Self.describe(ours) == Self.describe(theirs)
            #expect(same, "\(file.path): not the nodes Yams composes")
            compared += 1
        }
        #expect(compared > 40)
    }

    /// A node as text: kind, text, quoting and position of every value.
    static func describe(_ node: YAMLNode?) -> String {
        guard let node else { return "nil" }
        switch node {
        case .scalar(let scalar): return "s(\(scalar.text)|\(scalar.isQuoted)|\(scalar.location.line):\(scalar.location.column))"
        case .sequence(let items, let location): return "q\(location.line):\(location.column)[" + items.map { describe($0) }.joined(separator: ",") + "]"
        case .mapping(let pairs, let location):
            return "m\(location.line):\(location.column){" + pairs.map {
                "\($0.key.text)@\($0.key.location.line):\($0.key.location.column)=" + describe($0.value)
            }.joined(separator: ",") + "}"
        }
    }

    static func describe(_ node: Node?) -> String {
        guard let node else { return "nil" }
        let mark = "\(node.mark?.line ?? 0):\(node.mark?.column ?? 0)"
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal || scalar.style == .folded
            return "s(\(scalar.string)|\(quoted)|\(mark))"
        case .sequence(let sequence): return "q\(mark)[" + sequence.map { describe($0) }.joined(separator: ",") + "]"
        case .mapping(let mapping):
            return "m\(mark){" + mapping.map { key, value in
                "\(key.string ?? "")@\(key.mark?.line ?? 0):\(key.mark?.column ?? 0)=" + describe(value)
            }.joined(separator: ",") + "}"
        case .alias: return "alias"
        }
    }
}
