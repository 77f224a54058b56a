import Foundation
import Testing
@testable import DocCtlCore

/// Hostile inputs: entities, external DTDs and schemas must never reach files or the network.
@Suite struct XMLSecurityTests {
    @Test func externalFileEntityIsRefusedAndNeverExpanded() throws {
        let passwd = try String(contentsOfFile: "/etc/passwd", encoding: .utf8)
        let firstLine = try #require(passwd.split(separator: "\n").first.map(String.init))
        let error = caughtXMLError(try XMLReader.parse(Data(xml: """
                <?xml version="1.0"?>
                <!DOCTYPE r [
                  <!ENTITY x SYSTEM "file:///etc/passwd">
                ]>
                <r>&x;</r>
                """), path: "xxe.xml"))
        #expect(error?.kind == .entityDeclaration)
        #expect(error?.line == 3)
        #expect(error?.message.contains("entity declarations are not allowed") == true)
        #expect(error?.issues.contains { $0.message.contains(firstLine) } == false)
        #expect(error?.description.contains(firstLine) == false)
    }

    @Test func billionLaughsIsRefusedBeforeAnyExpansion() {
        let levels = (1...9).map { level in
            "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol0 "lol">
              \(levels.joined(separator: "\n  "))
            ]>
            <lolz>&lol9;</lolz>
            """
        let start = ContinuousClock.now
        let error = caughtXMLError(try XMLReader.parse(Data(xml: document), path: "lol.xml"))
        let elapsed = ContinuousClock.now - start
        #expect(error?.kind == .entityDeclaration)
        #expect(error?.line == 3)
        #expect(elapsed < .seconds(1))
    }

    @Test func parameterEntityIsRefused() {
        let error = caughtXMLError(try XMLReader.parse(Data(xml: """
                <!DOCTYPE r [ <!ENTITY % p SYSTEM "file:///etc/passwd"> %p; ]>
                <r/>
                """), path: "pe.xml"))
        #expect(error?.kind == .entityDeclaration)
        #expect(error?.message.contains("<!ENTITY % p>") == true)
    }

    @Test func externalDTDOverHTTPIsNeverFetched() throws {
        let listener = try #require(LoopbackListener())
        let url = "http://127.0.0.1:\(listener.port)/docctl.dtd"
        let root = try XMLReader.parse(
            Data(xml: "<!DOCTYPE r SYSTEM \"\(url)\">\n<r a=\"1\"/>"), path: "dtd.xml")
        #expect(root.attribute("a") == "1")
        #expect(!listener.someoneConnected())

        // An entity the external DTD would define stays undefined: the parse fails, offline.
        let error = caughtXMLError(try XMLReader.parse(Data(xml: "<!DOCTYPE r SYSTEM \"\(url)\">\n<r>&e;</r>"), path: "dtd.xml"))
        #expect(error?.kind == .malformed)
        #expect(!listener.someoneConnected())
    }

    @Test func externalDTDOnDiskIsNotLoaded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docctl-xml-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dtd = folder.appendingPathComponent("leak.dtd")
        try Data(xml: "<!ENTITY e \"LEAKED-FROM-DISK\">").write(to: dtd)

        let error = caughtXMLError(try XMLReader.parse(Data(xml: "<!DOCTYPE r SYSTEM \"\(dtd.absoluteString)\">\n<r>&e;</r>"), path: "d.xml"))
        #expect(error?.kind == .malformed)
        #expect(error?.issues.contains { $0.message.contains("LEAKED") } == false)
    }

    @Test func schemaWithAnExternalEntityIsRefusedWithoutFetchingIt() throws {
        // libxml2's own schema loader parses with XML_PARSE_NOENT and would fetch this URL.
        let listener = try #require(LoopbackListener())
        let error = caughtXMLError(try XMLSchema(data: Data(xml: """
            <!DOCTYPE xs:schema [ <!ENTITY x SYSTEM "http://127.0.0.1:\(listener.port)/leak"> ]>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:annotation><xs:documentation>&x;</xs:documentation></xs:annotation>
              <xs:element name="r" type="xs:string"/>
            </xs:schema>
            """), path: "evil.xsd"))
        #expect(error?.kind == .entityDeclaration)
        #expect(error?.path == "evil.xsd")
        #expect(!listener.someoneConnected())
    }

    @Test func schemaIncludeOfAnotherFileIsNotLoaded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docctl-xsd-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let part = folder.appendingPathComponent("part.xsd")
        try Data(xml: """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="r" type="xs:string"/>
            </xs:schema>
            """).write(to: part)

        let error = caughtXMLError(try XMLSchema(data: Data(xml: """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:include schemaLocation="\(part.absoluteString)"/>
                </xs:schema>
                """), path: "main.xsd"))
        #expect(error?.kind == .invalidSchema)
        #expect(error?.issues.contains { $0.message.contains("was not loaded") } == true)
    }

    @Test func schemaImportOverHTTPIsNeverFetched() throws {
        let listener = try #require(LoopbackListener())
        let error = caughtXMLError(try XMLSchema(data: Data(xml: """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:import namespace="urn:other" schemaLocation="http://127.0.0.1:\(listener.port)/o.xsd"/>
                  <xs:element name="r" type="xs:string"/>
                </xs:schema>
                """), path: "main.xsd"))
        #expect(error?.kind == .invalidSchema)
        #expect(!listener.someoneConnected())
    }

    @Test func errorsOfOneCallNeverLeakIntoTheNext() throws {
        _ = caughtXMLError(try XMLReader.parse(Data(xml: "<r><a></r>"), path: "bad.xml"))
        let schema = try XMLSchema(data: Data(xml: """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="r" type="xs:string"/>
            </xs:schema>
            """), path: "r.xsd")
        #expect(schema.validate(Data(xml: "<r>ok</r>"), path: "good.xml").isEmpty)
    }

    @Test func concurrentCallsKeepTheirOwnErrors() async {
        let results = await withTaskGroup(of: (Int, XMLError?).self) { group in
            for index in 0..<64 {
                group.addTask { (index, Self.parseEvenWellFormedOddMalformed(index)) }
            }
            var results: [Int: XMLError?] = [:]
            for await (index, error) in group { results[index] = error }
            return results
        }
        #expect(results.count == 64)
        for (index, error) in results {
            if index.isMultiple(of: 2) {
                #expect(error == nil)
            } else {
                #expect(error?.path == "\(index).xml")
                #expect(error?.line == 2)
                #expect(error?.issues.count == 1)
            }
        }
    }

    /// Parses document number `index`: well-formed when even, broken on line 2 when odd.
    static func parseEvenWellFormedOddMalformed(_ index: Int) -> XMLError? {
        let xml = index.isMultiple(of: 2) ? "<r n=\"\(index)\"/>" : "<r>\n\(index)</x>"
        return caughtXMLError(try XMLReader.parse(Data(xml: xml), path: "\(index).xml"))
    }
}
