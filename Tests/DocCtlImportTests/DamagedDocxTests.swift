import DocCtlCore
@testable import DocCtlImport
import DocCtlTestSupport
import Foundation
import Testing

/// The damaged-input suite for the importer: a valid .docx cut short, overwritten with garbage,
/// bit-flipped, and its XML damaged before zipping — each run ends in a document or one
/// ``ImportError``, never a crash or a hang.
@Suite(.timeLimit(.minutes(2))) struct DamagedDocxTests {
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

    static let body = D.p("事件管理程序") + ControlImportTests.cover + D.p("1 目的", style: "Heading1")
        + D.p("a) 受理；") + D.table([["a", "b"], ["^^", "<<"]]) + D.picture("rId1") + D.p("图1 流程")

    static func valid() throws -> DocxFixture {
        var fixture = D(body: body, styles: headingStyles, numbering: D.numbering(abstractID: 1, numID: 1, levels: [("decimal", "%1.")]))
        fixture.relationships = [D.imageRelationship("rId1", "image1.png")]
        fixture.entries = [("word/media/image1.png", TestImages.bluePNG)]
        return fixture
    }

    func survives(_ data: Data) {
        do {
            let document = try DocxImporter.importDocument(data, name: "damaged.docx", options: ImportOptions())
            #expect(document.files.contains { $0.path == "document.yaml" })
        } catch {
            #expect(!error.message.isEmpty && !error.message.contains("\n"))
        }
    }

    @Test func damagedZipBytes() throws {
        let data = try Self.valid().data()
        var random = Random(state: 15)
        for _ in 0..<150 {
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
            survives(Data(bytes))
        }
    }

    @Test func damagedXMLInsideAValidZip() throws {
        var random = Random(state: 2018)
        let xml = Self.body
        for _ in 0..<80 {
            var fixture = try Self.valid()
            var scalars = Array(xml.unicodeScalars)
            let at = random.below(scalars.count)
            switch random.below(3) {
            case 0: scalars = Array(scalars.prefix(at))
            case 1: scalars.insert(contentsOf: "<w:p><w:r><w:t>&#0;]]></w:t>".unicodeScalars, at: at)
            default: scalars.remove(at: at)
            }
            fixture.body = String(String.UnicodeScalarView(scalars))
            survives(try fixture.data())
        }
    }
}
