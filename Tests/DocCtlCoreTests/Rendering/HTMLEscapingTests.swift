@testable import DocCtlCore
import Testing

@Suite struct HTMLEscapingTests {
    @Test func textEscapesMarkupAndQuotes() {
        #expect(HTMLEscaping.text("<script>alert(\"x\")</script> & 'y'")
            == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
    }

    @Test func controlCharactersNeverReachAPage() {
        #expect(HTMLEscaping.text("a\u{0}b\u{7}c\u{1B}d\u{FFFE}e\u{85}f\tg\nh") == "abcdef\tg\nh")
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
