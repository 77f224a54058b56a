@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

@Suite struct HTMLEscapingTests {
    @Test func textEscapesMarkupAndQuotes() {
        #expect(HTMLEscaping.text("<script>alert(\"x\")</script> & 'y'")
            == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
    }

    @Test func controlCharactersNeverReachAPage() {
        #expect(HTMLEscaping.text("a\u{0}b\u{7}c\u{1B}d\u{FFFE}e\u{85}f\tg\nh") == "abcdef\tg\nh")
    }

    /// The escaper's byte scan skips clean text; it must agree with the scalar-by-scalar form on
    /// every character near the edges it tests (C1 controls, U+FDD0…U+FDEF, plane ends, full-width forms).
    @Test func fastPathAgreesWithTheScalarByScalarForm() {
        func reference(_ text: String, markup: Bool) -> String {
            var output = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&" where markup: output += "&amp;"
                case "<" where markup: output += "&lt;"
                case ">" where markup: output += "&gt;"
                case "\"" where markup: output += "&quot;"
                case "'" where markup: output += "&#39;"
                default: if HTMLEscaping.isAllowed(scalar) { output.unicodeScalars.append(scalar) }
                }
            }
            return output
        }
        let edges: [UInt32] = [0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xBF, 0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0,
                               0xFF08, 0xFF1A, 0xFFFD, 0xFFFE, 0xFFFF, 0x1FFFD, 0x1FFFE, 0x1FFFF, 0x2FFFE, 0x10FFFE, 0x10FFFF, 0x4E00,
                               0x3000, 0x3001, 0x300A, 0x26, 0x3C, 0x22, 0x27, 0x20BF, 0xEFBF]
        let pieces = edges.compactMap(Unicode.Scalar.init).map(String.init) + ["质量", "《手册》", "a", " "]
        var generator = SeededGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(HTMLEscaping.text(text) == reference(text, markup: true), "\(text.debugDescription), \(generator)")
            #expect(HTMLEscaping.removingForbidden(text) == reference(text, markup: false), "\(text.debugDescription), \(generator)")
        }
    }

    /// The archive's plain text splits lines on bytes unless a CR is present; both forms agree
    /// with splitting on Characters (where "\r\n" is one Character and stays whole).
    @Test func plainTextSplitsLinesLikeTheCharacterForm() {
        func reference(_ nodes: [HTMLNode]) -> String {
            var output = ""
            for node in nodes { output += node.textContent + "\n" }
            return output.split(separator: "\n", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
        }
        for text in ["一\n二", " 前后 \n\n\u{3000}全角\u{3000}\n", "a\r\nb\n c ", "\n\n", "", "x \u{301}\ny", "tab\t\nend"] {
            let nodes: [HTMLNode] = [.el("p", [], text: text)]
            #expect(DocumentArchive.plainText(nodes) == reference(nodes), "\(text.debugDescription)")
        }
    }

    @Test func serializerEscapesTextAndAttributes() {
        let node = HTMLNode.el("a", [("href", "x\" onmouseover=\"alert(1)"), ("title", "</textarea>")], text: "<b>")
        #expect(HTMLSerializer.html([node])
            == "<a href=\"x&quot; onmouseover=&quot;alert(1)\" title=\"&lt;/textarea&gt;\">&lt;b&gt;</a>")
    }

    @Test func voidElementsHaveNoEndTagAndSVGElementsSelfClose() {
        #expect(HTMLSerializer.html([.el("br"), .el("svg", [], [.el("rect", [("x", "1")])])]) == "<br><svg><rect x=\"1\"/></svg>")
    }

    @Test(arguments: ["https://example.com/a?b#c", "http://intranet/x", "mailto:qa@example.com", "../QP-01/A-0/index.html",
                      "#sec-4", "page.html", "?q=1", "HTTPS://EXAMPLE.COM"])
    func safeURLKeepsWebLinksAndRelativeOnes(_ url: String) {
        #expect(HTMLEscaping.safeURL(url) != nil)
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                      "java\nscript:alert(1)", "\u{1}javascript:x", "data:text/html,<script>", "vbscript:x", "file:///etc/passwd",
                      "", "  "])
    func safeURLDropsEverythingElse(_ url: String) {
        #expect(HTMLEscaping.safeURL(url) == nil)
    }

    @Test func cssStringsCannotBreakOut() {
        let css = HTMLEscaping.cssString("a\"}</style><script>x</script>\\ 第1页")
        #expect(!css.dropFirst().dropLast().contains("\""))
        #expect(!css.contains("<"))
        #expect(!css.contains("}"))
        #expect(css.hasSuffix("第1页\""))
    }

    @Test func safeHTMLCannotBeBuiltFromPlainStringsOutsideTheModule() {
        // The only public ways in are the serialiser and `empty`.
        #expect(SafeHTML.empty.isEmpty)
        #expect(HTMLSerializer.safe([.text("<i>")]).html == "&lt;i&gt;")
    }
}
