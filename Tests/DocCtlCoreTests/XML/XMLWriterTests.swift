import Foundation
import Testing
@testable import DocCtlCore

@Suite struct XMLWriterTests {
    static let clauses = "urn:docctl:clauses"

    static let sample = XMLElement(
        name: "tree", namespace: clauses,
        attributes: [XMLAttribute(name: "id", value: "iso20000-1"), XMLAttribute(name: "year", value: "2018")],
        children: [
            .element(XMLElement(name: "clause", namespace: clauses, attributes: [XMLAttribute(name: "id", value: "8")],
                                children: [.element(XMLElement(name: "title", namespace: clauses, children: [.text("Operation")]))])),
            .element(XMLElement(name: "clause", namespace: clauses, attributes: [XMLAttribute(name: "id", value: "8.1")])),
        ])

    @Test func writesIndentedUTF8WithDeclarationExactly() {
        let text = String(decoding: XMLWriter.serialize(Self.sample), as: UTF8.self)
        #expect(text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <tree xmlns="urn:docctl:clauses" id="iso20000-1" year="2018">
              <clause id="8">
                <title>Operation</title>
              </clause>
              <clause id="8.1"/>
            </tree>

            """)
    }

    @Test func sameTreeGivesTheSameBytes() {
        #expect(XMLWriter.serialize(Self.sample) == XMLWriter.serialize(Self.sample))
    }

    @Test func writtenTreeReadsBackUnchanged() throws {
        let read = try XMLReader.parse(XMLWriter.serialize(Self.sample), path: "out.xml")
        #expect(read.withoutLines == Self.sample)
        #expect(read.firstElement(named: "clause")?.line == 3)
    }

    @Test func chineseTextRoundTripsAsPlainUTF8() throws {
        let root = XMLElement(name: "条款", attributes: [XMLAttribute(name: "标题", value: "服务请求管理")],
                              children: [.text("组织应当建立、实施并保持服务管理体系。「注」")])
        let data = XMLWriter.serialize(root)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("<条款 标题=\"服务请求管理\">组织应当建立、实施并保持服务管理体系。「注」</条款>"))
        #expect(!text.contains("&#"))
        #expect(try XMLReader.parse(data, path: "zh.xml").withoutLines == root)
    }

    @Test func markupCharactersAreEscapedAndRoundTrip() throws {
        let root = XMLElement(name: "r", attributes: [XMLAttribute(name: "q", value: "a \"b\" <c> & 'd'\n\te")],
                              children: [.text("x < y && z > w ]]> \r done")])
        let data = XMLWriter.serialize(root)
        #expect(String(decoding: data, as: UTF8.self).contains("x &lt; y &amp;&amp; z &gt; w"))
        #expect(try XMLReader.parse(data, path: "e.xml").withoutLines == root)
    }

    @Test func namespacesAreDeclaredOnlyWhereTheyChange() throws {
        let root = XMLElement(name: "a", namespace: "urn:one", children: [
            .element(XMLElement(name: "b", namespace: "urn:one")),
            .element(XMLElement(name: "c", namespace: "urn:two", children: [.element(XMLElement(name: "d", namespace: "urn:two"))])),
            .element(XMLElement(name: "e")),
        ])
        let data = XMLWriter.serialize(root)
        #expect(String(decoding: data, as: UTF8.self) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <a xmlns="urn:one">
              <b/>
              <c xmlns="urn:two">
                <d/>
              </c>
              <e xmlns=""/>
            </a>

            """)
        #expect(try XMLReader.parse(data, path: "ns.xml").withoutLines == root)
    }

    @Test func namespacedAttributesGetStablePrefixes() throws {
        let xsi = "http://www.w3.org/2001/XMLSchema-instance"
        let xml = "http://www.w3.org/XML/1998/namespace"
        let root = XMLElement(name: "r", namespace: "urn:r", attributes: [
            XMLAttribute(name: "schemaLocation", value: "urn:r r.xsd", namespace: xsi),
            XMLAttribute(name: "lang", value: "zh-CN", namespace: xml),
            XMLAttribute(name: "mark", value: "1", namespace: "urn:ext"),
        ], children: [.element(XMLElement(name: "s", namespace: "urn:r", attributes: [
            XMLAttribute(name: "mark", value: "2", namespace: "urn:ext"),
            XMLAttribute(name: "other", value: "3", namespace: "urn:ext2"),
        ]))])
        let data = XMLWriter.serialize(root)
        #expect(String(decoding: data, as: UTF8.self) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <r xmlns="urn:r" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns1="urn:ext" \
            xsi:schemaLocation="urn:r r.xsd" xml:lang="zh-CN" ns1:mark="1">
              <s xmlns:ns2="urn:ext2" ns1:mark="2" ns2:other="3"/>
            </r>

            """)
        #expect(try XMLReader.parse(data, path: "attrs.xml").withoutLines == root)
    }

    @Test func charactersXMLCannotCarryBecomeReplacementCharacters() throws {
        let root = XMLElement(name: "r", attributes: [XMLAttribute(name: "a", value: "x\u{1}y")],
                              children: [.text("bell\u{7} nul\u{0} ok\u{FFFE}")])
        let read = try XMLReader.parse(XMLWriter.serialize(root), path: "ctl.xml")
        #expect(read.attribute("a") == "x\u{FFFD}y")
        #expect(read.textContent == "bell\u{FFFD} nul\u{FFFD} ok\u{FFFD}")
    }

    @Test func writtenOutputValidatesAgainstItsSchema() throws {
        let schema = try XMLSchema(data: Data(xml: XMLSchemaTests.schemaText), path: "clauses.xsd")
        let tree = XMLElement(name: "tree", namespace: Self.clauses, children: [
            .element(XMLElement(name: "clause", namespace: Self.clauses, attributes: [XMLAttribute(name: "id", value: "8.5.1")],
                                children: [.text("服务请求管理")])),
        ])
        #expect(schema.validate(XMLWriter.serialize(tree), path: "out.xml") == [])
    }

    /// Validating the tree as it is written agrees with parsing the output and validating that.
    @Test func treeIsValidatedAsItIsWritten() throws {
        let schema = try XMLSchema(data: Data(xml: XMLSchemaTests.schemaText), path: "clauses.xsd")
        let valid = XMLElement(name: "tree", namespace: Self.clauses, children: [
            .element(XMLElement(name: "clause", namespace: Self.clauses, attributes: [XMLAttribute(name: "id", value: "8.5.1")],
                                children: [.text("服务请求管理")])),
        ])
        let written = XMLWriter.serialize(valid, validatingWith: schema)
        #expect(written.issues == [])
        #expect(written.data == XMLWriter.serialize(valid))

        let invalid = XMLElement(name: "tree", namespace: Self.clauses, children: [
            .element(XMLElement(name: "unexpected", namespace: Self.clauses, children: [.text("x")])),
        ])
        let refused = XMLWriter.serialize(invalid, validatingWith: schema)
        #expect(refused.issues.contains { $0.severity == .error && $0.message.contains("unexpected") })
        #expect(!schema.validate(refused.data, path: "out.xml").filter { $0.severity == .error }.isEmpty)
    }
}
