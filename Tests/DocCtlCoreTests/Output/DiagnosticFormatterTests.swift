@testable import DocCtlCore
import Foundation
import Testing

/// One diagnostic in every output format.
@Suite struct DiagnosticFormatterTests {
    static let source = SourceFile(path: "manual/05.md", text: "# 5 领导作用\n\n## 5.1.9 方针\n")
    static let diagnostic = Diagnostic(.error, rule: "unknown-clause", at: SourceLocation(path: "manual/05.md", line: 3, column: 1),
                                       "clause 5.1.9 does not exist", notes: [.init("see the tree")], fix: "did you mean 5.1?")
    static var formatter: DiagnosticFormatter { DiagnosticFormatter(pathPrefix: "set", sources: ["manual/05.md": source]) }

    @Test func textHasThePathLineColumnSnippetAndNotes() {
        let text = Self.formatter.format([Self.diagnostic], as: .text)
        #expect(text.hasPrefix("set/manual/05.md:3:1: error[unknown-clause]: clause 5.1.9 does not exist\n"))
        #expect(text.contains("## 5.1.9 方针"))
        #expect(text.contains("note: see the tree"))
        #expect(text.contains("did you mean 5.1?"))
    }

    @Test func jsonSarifJUnitAndGitHubCarryTheRuleAndPlace() throws {
        let json = Self.formatter.format([Self.diagnostic], as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 1)
        #expect(json.contains("\"rule\" : \"unknown-clause\""))
        let sarif = Self.formatter.format([Self.diagnostic], as: .sarif)
        #expect(sarif.contains("\"version\" : \"2.1.0\""))
        #expect(sarif.contains("\"ruleId\" : \"unknown-clause\""))
        let junit = Self.formatter.format([Self.diagnostic], as: .junit)
        #expect(junit.contains("<testsuite"))
        #expect(junit.contains("unknown-clause"))
        let github = Self.formatter.format([Self.diagnostic], as: .github)
        #expect(github.hasPrefix("::error file=set/manual/05.md,line=3,col=1,title=unknown-clause::"))
    }

    @Test func summaryCountsErrorsAndWarnings() {
        let warning = Diagnostic(.warning, rule: "raw-html", at: nil, "raw HTML")
        #expect(DiagnosticFormatter.summary([Self.diagnostic, warning]).contains("1 error"))
        #expect(DiagnosticFormatter.summary([Self.diagnostic, warning]).contains("1 warning"))
    }
}
