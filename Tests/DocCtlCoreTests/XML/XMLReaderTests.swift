import Foundation
import Testing
@testable import DocCtlCore

@Suite struct XMLReaderTests {
    @Test func readsElementsAttributesAndTextInDocumentOrder() throws {
        let root = try XMLReader.parse(Data(xml: """
            <?xml version="1.0" encoding="UTF-8"?>
            <standard id="iso9001" year="2015">
              <clause id="4">Context <b>of</b> the organisation</clause>
              <clause id="5"/>
            </standard>
            """), path: "s.xml")

        #expect(root.name == "standard")
        #expect(root.attributes.map(\.name) == ["id", "year"])
        #expect(root.attribute("year") == "2015")
        #expect(root.elements(named: "clause").map { $0.attribute("id") } == ["4", "5"])
        let first = try #require(root.firstElement(named: "clause"))
        #expect(first.textContent == "Context of the organisation")
        #expect(first.children.count == 3)
    }

    @Test func dropsIndentationButKeepsTextWithContent() throws {
        let root = try XMLReader.parse(Data(xml: "<r>\n  <a> x </a>\n  <b/>\n</r>"), path: "r.xml")
        #expect(root.children == [
            .element(XMLElement(name: "a", children: [.text(" x ")], line: 2)),
            .element(XMLElement(name: "b", line: 3)),
        ])
    }

    @Test func resolvesNamespacesOfElementsAndAttributes() throws {
        let root = try XMLReader.parse(Data(xml: """
            <c:tree xmlns:c="urn:docctl:clauses" xmlns="urn:default" xml:lang="zh-CN">
              <c:clause c:id="4"/>
              <plain id="x"/>
            </c:tree>
            """), path: "n.xml")

        #expect(root.name == "tree")
        #expect(root.namespace == "urn:docctl:clauses")
        #expect(root.attributes == [
            XMLAttribute(name: "lang", value: "zh-CN", namespace: "http://www.w3.org/XML/1998/namespace"),
        ])
        let clause = try #require(root.firstElement(named: "clause", namespace: "urn:docctl:clauses"))
        #expect(clause.attribute("id", namespace: "urn:docctl:clauses") == "4")
        #expect(clause.attribute("id") == nil)
        #expect(root.firstElement(named: "plain")?.namespace == "urn:default")
        #expect(root.firstElement(named: "plain", namespace: "urn:other") == nil)
    }

    @Test func recordsTheLineOfEachStartTag() throws {
        let root = try XMLReader.parse(Data(xml: """
            <?xml version="1.0"?>
            <!-- a comment -->
            <r>

              <a>
                <b
                   x="1"/>
              </a>
            </r>
            """), path: "l.xml")
        #expect(root.line == 3)
        let a = try #require(root.firstElement(named: "a"))
        #expect(a.line == 5)
        #expect(a.firstElement(named: "b")?.line == 6)
    }

    @Test func malformedXMLReportsPathLineAndColumn() {
        let error = caughtXMLError(try XMLReader.parse(Data(xml: "<r>\n  <a>\n  </b>\n</r>"), path: "docs/bad.xml"))
        #expect(error?.kind == .malformed)
        #expect(error?.path == "docs/bad.xml")
        #expect(error?.line == 3)
        #expect((error?.column ?? 0) > 0)
        #expect(error?.message.contains("mismatch") == true)
        #expect(error?.description.hasPrefix("docs/bad.xml:3:") == true)
    }

    @Test func errorColumnsCountCharactersNotBytes() {
        // The second "<" cannot start a tag name: it is character 7 but byte 11 ("中文" is 2
        // characters, 6 bytes of UTF-8).
        let error = caughtXMLError(try XMLReader.parse(Data(xml: "<r>中文<</r>"), path: "c.xml"))
        #expect(error?.line == 1)
        #expect(error?.column == 7)
    }

    @Test func undeclaredNamespacePrefixIsAnError() {
        let error = caughtXMLError(try XMLReader.parse(Data(xml: "<p:r/>"), path: "p.xml"))
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("p") == true)
    }

    @Test func emptyInputIsMalformed() {
        let error = caughtXMLError(try XMLReader.parse(Data(), path: "empty.xml"))
        #expect(error?.kind == .malformed)
        #expect(error?.message == "the document is empty")
    }

    @Test func inputOverTheSizeLimitIsRefusedBeforeParsing() {
        let data = Data(xml: "<r>" + String(repeating: "x", count: 2_000) + "</r>")
        let error = caughtXMLError(try XMLReader.parse(data, path: "big.xml", maxBytes: 1_024))
        #expect(error?.kind == .tooLarge)
        #expect(error?.path == "big.xml")
        #expect(error?.message.contains("2007 bytes") == true)
        #expect(error?.message.contains("1024") == true)
        #expect(XMLReader.defaultMaxBytes == 16 * 1024 * 1024)
    }

    @Test func cdataBecomesTextAndCommentsAreSkipped() throws {
        let root = try XMLReader.parse(
            Data(xml: "<r><!-- note --><![CDATA[a < b]]><?pi x?></r>"), path: "c.xml")
        #expect(root.children == [.text("a < b")])
    }

    @Test func chineseTextAndAttributesAreRead() throws {
        let root = try XMLReader.parse(
            Data(xml: "<条款 编号=\"8.5.1\">服务请求管理</条款>"), path: "zh.xml")
        #expect(root.name == "条款")
        #expect(root.attribute("编号") == "8.5.1")
        #expect(root.textContent == "服务请求管理")
    }

    @Test func utf16InputWithByteOrderMarkIsRead() throws {
        var data = Data([0xFF, 0xFE])
        data.append("<r>文</r>".data(using: .utf16LittleEndian)!)
        #expect(try XMLReader.parse(data, path: "u16.xml").textContent == "文")
    }
}
