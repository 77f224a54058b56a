@testable import DocCtlCore
import Testing

/// Values written into YAML read back as the same text.
@Suite struct YAMLScalarTextTests {
    @Test(arguments: ["2", "-1_000", "5.2", ".5", "1e3", "0x1F", "0o17", "1:20", "+3"])
    func numbersAreQuoted(value: String) {
        #expect(YAMLScalarText.looksNumeric(value))
        #expect(YAMLScalarText.format(value, inFlow: false) == "\"\(value)\"")
    }

    @Test(arguments: ["8.5.1", "4.2、8.5.1", "全部", "A/3", "e", "hello", "sha256:abc", "封面、5.2"])
    func textStaysPlain(value: String) {
        #expect(!YAMLScalarText.looksNumeric(value))
        #expect(YAMLScalarText.format(value, inFlow: false) == value)
    }

    @Test func indicatorsCommentsAndFlowCharactersAreQuoted() {
        #expect(YAMLScalarText.format("- item", inFlow: false) == "\"- item\"")
        #expect(YAMLScalarText.format("a: b", inFlow: false) == "\"a: b\"")
        #expect(YAMLScalarText.format("a #b", inFlow: false) == "\"a #b\"")
        #expect(YAMLScalarText.format("yes", inFlow: false) == "\"yes\"")
        #expect(YAMLScalarText.format("a, b", inFlow: true) == "\"a, b\"")
        #expect(YAMLScalarText.format("sha256:abc", inFlow: true) == "\"sha256:abc\"")
        #expect(YAMLScalarText.format("line\n\"two\"\\", inFlow: false) == "\"line\\n\\\"two\\\"\\\\\"")
        #expect(YAMLScalarText.format("it's", style: .singleQuoted, inFlow: false) == "'it''s'")
    }

    @Test(arguments: ["2", "5.2", "a: b", "- x", "a, b", "yes", "line\nbreak", "全部", "x \"y\" z"])
    func everyFormattedValueParsesBackUnchanged(value: String) {
        for inFlow in [false, true] {
            let text = inFlow ? "{ v: \(YAMLScalarText.format(value, inFlow: true)) }" : "v: \(YAMLScalarText.format(value, inFlow: false))"
            #expect(YAMLValue.parse(text)?.pairs?["v"] == .scalar(value), "\(text)")
        }
    }
}
