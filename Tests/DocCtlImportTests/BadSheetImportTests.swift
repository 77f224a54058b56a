import DocCtlCore
@testable import DocCtlImport
import DocCtlTestSupport
import Foundation
import Testing

/// Bad and damaged workbooks: each ends in one ``ImportError`` naming the problem or in a sheet,
/// never a crash or a hang.
@Suite("Import: bad and damaged workbooks", .timeLimit(.minutes(2)))
struct BadSheetImportTests {
    func failure(_ data: Data, as kind: SheetKind = .matrix, limits: DocxPackage.Limits = .init()) -> String? {
        do {
            _ = try SheetImporter.importSheet(data, name: "bad.xlsx", as: kind, options: SheetImportOptions(), limits: limits)
            return nil
        } catch {
            #expect(!error.message.isEmpty && !error.message.contains("\n"))
            return error.message
        }
    }

    static var valid: X { X(rows: [["条款", "记录名称", "记录编号", "质量管理部"], ["8.1", "事件记录单", "REC-01", "●"]], merges: ["D2:D3"]) }

    @Test func legacyEncryptedAndNonZipFilesAreNamed() throws {
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(repeating: 0, count: 504)
        #expect(failure(ole)?.contains("Excel 97–2003 .xls") == true)
        #expect(failure(ole + Data("EncryptedPackage".utf16.flatMap { [UInt8($0), 0] }))?.contains("encrypted") == true)
        #expect(failure(Data("clause,gm\n4,●\n".utf8)) == "bad.xlsx is not a .xlsx: it is not a zip package")
        let whole = try Self.valid.data()
        #expect(failure(whole.prefix(whole.count / 2))?.contains("damaged or truncated") == true)
    }

    @Test func aWordDocumentIsNotAWorkbook() throws {
        #expect(failure(try D(body: D.p("x")).data())?.contains("is a Word document, not an Excel workbook") == true)
    }

    @Test func hostilePartsAreRefused() throws {
        var doctype = Self.valid
        doctype.entries = [("xl/sharedStrings.xml", Data(#"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaa">]><sst><si><t>&a;</t></si></sst>"#.utf8))]
        #expect(failure(try doctype.data())?.contains("DOCTYPE") == true)

        var missing = Self.valid
        missing.entries = [("xl/sharedStrings.xml", Data(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>"#.utf8))]
        #expect(failure(try missing.data())?.contains("names shared string '0', which does not exist") == true)

        var outside = Self.valid
        outside.entries = [("../evil.xml", Data("x".utf8))]
        #expect(failure(try outside.data())?.contains("points outside the package") == true)

        var escaping = Self.valid
        escaping.entries = [("xl/_rels/workbook.xml.rels", Data(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x" Target="../../../etc/passwd"/></Relationships>"#.utf8))]
        #expect(failure(try escaping.data())?.contains("workbook has no worksheet") == true)

        var many = Self.valid
        many.entries = (0..<30).map { ("xl/media/f\($0).bin", Data(count: 4)) }
        var few = DocxPackage.Limits()
        few.maxEntries = 20
        #expect(failure(try many.data(), limits: few)?.contains("more than 20 entries") == true)

        let bomb = X(rows: [["条款", "质量管理部"]] + (0..<3000).map { [.text("8.\($0)"), .text(String(repeating: "●", count: 30))] })
        var small = DocxPackage.Limits()
        small.maxEntryBytes = 50_000
        #expect(failure(try bomb.data(), limits: small)?.contains("inflates to more than") == true)
    }

    @Test func hugeRangesAreBounded() throws {
        var fixture = X(rows: [["条款", "质量管理部"], ["4", "●"]], merges: ["B2:XFD1048576"])
        #expect(failure(try fixture.data()) == nil)
        fixture.sheets[0].firstRow = 2_000_000
        #expect(failure(try fixture.data())?.contains("rows past 100000") == true)
    }

    /// A deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    @Test func damagedZipBytes() throws {
        let data = try Self.valid.data()
        var random = Random(state: 20_001)
        for round in 0..<150 {
            var bytes = [UInt8](data)
            switch random.below(3) {
            case 0: bytes = Array(bytes.prefix(random.below(bytes.count)))
            case 1:
                let at = random.below(bytes.count)
                for offset in 0..<min(16, bytes.count - at) { bytes[at + offset] = UInt8(truncatingIfNeeded: random.next()) }
            default:
                let at = random.below(bytes.count)
                bytes[at] ^= UInt8(1 << random.below(8))
            }
            _ = failure(Data(bytes), as: round % 2 == 0 ? .matrix : .records)
        }
    }

    @Test func damagedSheetXML() throws {
        let sheet = try #require(String(data: try Self.sheetXML(), encoding: .utf8))
        var random = Random(state: 8_010)
        for _ in 0..<120 {
            var scalars = Array(sheet.unicodeScalars)
            let at = random.below(scalars.count)
            switch random.below(3) {
            case 0: scalars = Array(scalars.prefix(at))
            case 1: scalars.insert(contentsOf: #"<c r="ZZZZ0" t="s"><v>-1</v></c>"#.unicodeScalars, at: at)
            default: scalars.remove(at: at)
            }
            for kind in SheetKind.allCases {
                do {
                    _ = try SheetImporter.importSheetXML(Data(String(String.UnicodeScalarView(scalars)).utf8), name: "bad.xlsx", as: kind, options: SheetImportOptions())
                } catch {
                    #expect(!error.message.isEmpty && !error.message.contains("\n"))
                }
            }
        }
    }

    static func sheetXML() throws -> Data {
        var package = try DocxPackage(data: try valid.data(), name: "valid.xlsx", kind: .excel)
        return try #require(try package.read("xl/worksheets/sheet1.xml"))
    }
}
