import DocCtlCore
@testable import DocCtlImport
import DocCtlTestSupport
import Foundation
import Testing
import ZIPFoundation

/// Every bad input ends in one ``ImportError`` naming the problem: never a crash, never a hang.
@Suite("Import: bad input")
struct BadInputImportTests {
    func failure(_ data: Data, limits: DocxPackage.Limits = .init()) -> String? {
        do {
            _ = try DocxImporter.importDocument(data, name: "bad.docx", options: ImportOptions(), limits: limits)
            return nil
        } catch {
            #expect(!error.message.contains("\n"))
            return error.message
        }
    }

    static let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(repeating: 0, count: 504)

    @Test func wordDocIsNamed() {
        #expect(failure(Self.ole + Data("WordDocument".utf16.flatMap { [UInt8($0), 0] }))?.contains("Word 97–2003 .doc") == true)
    }

    @Test func encryptedPackageIsNamed() {
        #expect(failure(Self.ole + Data("EncryptedPackage".utf16.flatMap { [UInt8($0), 0] }))?.contains("encrypted") == true)
    }

    @Test func notAZipAndTruncatedZip() throws {
        #expect(failure(Data("hello, this is text".utf8))?.contains("not a zip package") == true)
        #expect(failure(Data())?.contains("not a zip package") == true)
        let whole = try D(body: D.p("x")).data()
        #expect(failure(whole.prefix(whole.count / 2))?.contains("damaged or truncated") == true)
    }

    @Test func excelAndMissingDocumentPart() throws {
        var fixture = D(body: "")
        fixture.rawDocument = #"<x:workbook xmlns:x="urn:x"/>"#
        #expect(failure(try fixture.data())?.contains("not a WordprocessingML document") == true)
    }

    @Test func zipBombLimits() throws {
        var fixture = D(body: D.p("x"))
        fixture.entries = (0..<30).map { ("word/media/f\($0).bin", Data(count: 10)) }
        var few = DocxPackage.Limits()
        few.maxEntries = 20
        #expect(failure(try fixture.data(), limits: few)?.contains("more than 20 entries") == true)

        var bomb = D(body: D.p(String(repeating: "炸", count: 200_000)))
        bomb.entries = []
        var small = DocxPackage.Limits()
        small.maxEntryBytes = 100_000
        #expect(failure(try bomb.data(), limits: small)?.contains("inflates to more than") == true)
        var total = DocxPackage.Limits()
        total.maxTotalBytes = 50_000
        #expect(failure(try bomb.data(), limits: total)?.contains("zip bomb") == true)
    }

    @Test func bigPictureIsRefused() throws {
        var fixture = D(body: D.p("1 目的", style: "Heading1") + D.picture("rId1"), styles: headingStyles)
        fixture.relationships = [D.imageRelationship("rId1", "big.png")]
        fixture.entries = [("word/media/big.png", TestImages.bluePNG + Data(count: 300_000))]
        var limits = DocxPackage.Limits()
        limits.maxEntryBytes = 200_000
        #expect(failure(try fixture.data(), limits: limits)?.contains("word/media/big.png inflates to more than") == true)
    }

    @Test(arguments: ["../evil.txt", "/etc/passwd", "word/../../x", "C:/x"])
    func unsafeEntryNamesAreRefused(name: String) throws {
        var fixture = D(body: D.p("x"))
        fixture.entries = [(name, Data("x".utf8))]
        let data = try fixture.data()
        let message = failure(data)
        #expect(message?.contains("refusing the package") == true, "\(message ?? "none")")
    }

    @Test func doctypeAndEntitiesAreRefused() throws {
        var fixture = D(body: "")
        fixture.rawDocument = #"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaa">]><w:document xmlns:w="\#(D.wordNamespace)"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>"#
        #expect(failure(try fixture.data())?.contains("DOCTYPE") == true)
    }

    @Test func deeplyNestedTablesAreRefusedNotRecursed() throws {
        var fixture = D(body: "")
        let depth = 10_000
        fixture.rawDocument = #"<w:document xmlns:w="\#(D.wordNamespace)"><w:body>"# + String(repeating: "<w:tbl><w:tr><w:tc>", count: depth)
            + "<w:p/>" + String(repeating: "</w:tc></w:tr></w:tbl>", count: depth) + "</w:body></w:document>"
        #expect(failure(try fixture.data())?.contains("not well-formed XML") == true)
    }

    @Test func malformedXMLNamesThePart() throws {
        var fixture = D(body: "")
        fixture.rawDocument = "<w:document><w:body><w:p></w:body>"
        #expect(failure(try fixture.data())?.contains("word/document.xml is not well-formed XML") == true)
    }
}
