import DocCtlCore
import Testing

/// YAML through Yams nodes: values kept as written, positions kept, errors as diagnostics.
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
}
