import Foundation
import Testing
@testable import DocCtlCore

@Suite struct XMLSchemaTests {
    static let schemaText = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                   targetNamespace="urn:docctl:clauses" xmlns="urn:docctl:clauses"
                   elementFormDefault="qualified">
          <xs:element name="tree">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="clause" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:simpleContent>
                      <xs:extension base="xs:string">
                        <xs:attribute name="id" use="required">
                          <xs:simpleType>
                            <xs:restriction base="xs:string">
                              <xs:pattern value="[0-9]+(\\.[0-9]+)*"/>
                            </xs:restriction>
                          </xs:simpleType>
                        </xs:attribute>
                      </xs:extension>
                    </xs:simpleContent>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """

    func schema() throws -> XMLSchema {
        try XMLSchema(data: Data(xml: Self.schemaText), path: "clauses.xsd")
    }

    @Test func validDocumentHasNoIssues() throws {
        let issues = try schema().validate(Data(xml: """
            <tree xmlns="urn:docctl:clauses">
              <clause id="4">组织环境</clause>
              <clause id="4.1"/>
            </tree>
            """), path: "ok.xml")
        #expect(issues == [])
    }

    @Test func violationsAreReportedWithTheirLines() throws {
        let issues = try schema().validate(Data(xml: """
            <tree xmlns="urn:docctl:clauses">
              <clause id="4"/>
              <clause id="four"/>
              <clause/>
            </tree>
            """), path: "bad.xml")
        #expect(issues.map(\.line) == [3, 4])
        #expect(issues.allSatisfy { $0.severity == .error })
        #expect(issues[0].message.contains("four"))
        #expect(issues[1].message.contains("id"))
    }

    @Test func parsingWithASchemaThrowsEveryViolationAtOnce() throws {
        let data = Data(xml: "<tree xmlns=\"urn:docctl:clauses\">\n<clause id=\"x\"/>\n<other/>\n</tree>")
        let schema = try schema()
        let error = caughtXMLError(try XMLReader.parse(data, path: "t.xml", schema: schema))
        #expect(error?.kind == .invalidDocument)
        #expect(error?.line == 2)
        #expect(error?.issues.map(\.line) == [2, 3])

        let valid = Data(xml: "<tree xmlns=\"urn:docctl:clauses\"><clause id=\"8.5.1\"/></tree>")
        let root = try XMLReader.parse(valid, path: "v.xml", schema: schema)
        #expect(root.firstElement(named: "clause")?.attribute("id") == "8.5.1")
    }

    @Test func malformedDocumentYieldsItsParseErrorAsAnIssue() throws {
        let issues = try schema().validate(Data(xml: "<tree xmlns=\"urn:docctl:clauses\">\n<clause>\n</tree>"), path: "m.xml")
        #expect(issues.first?.line == 3)
        #expect(issues.first?.severity == .error)
    }

    @Test func documentOverTheSizeLimitYieldsOneIssue() throws {
        let issues = try schema().validate(Data(xml: "<tree/>"), path: "t.xml", maxBytes: 3)
        #expect(issues.count == 1)
        #expect(issues.first?.message.contains("over the limit") == true)
    }

    @Test func schemaTextThatIsNotXMLIsMalformed() {
        let error = caughtXMLError(try XMLSchema(data: Data(xml: "<xs:schema"), path: "broken.xsd"))
        #expect(error?.kind == .malformed)
        #expect(error?.path == "broken.xsd")
        #expect(error?.line == 1)
    }

    @Test func wellFormedXMLThatIsNotASchemaIsAnInvalidSchema() {
        let error = caughtXMLError(try XMLSchema(data: Data(xml: """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:element name="r" type="xs:noSuchType"/>
                </xs:schema>
                """), path: "wrong.xsd"))
        #expect(error?.kind == .invalidSchema)
        #expect(error?.line == 2)
        #expect(error?.message.contains("noSuchType") == true)
    }

    @Test func schemaSurvivesTheReleaseOfItsSourceData() throws {
        // libxml2 keeps pointers into the schema it compiled; the C layer owns a copy.
        var data: Data? = Data(xml: Self.schemaText)
        let schema = try XMLSchema(data: data!, path: "clauses.xsd")
        data = nil
        for _ in 0..<3 {
            #expect(schema.validate(Data(xml: "<tree xmlns=\"urn:docctl:clauses\"><clause id=\"1\"/></tree>"), path: "x.xml") == [])
        }
    }
}
