import DocCtlCore
import DocCtlImport
import Foundation
import Testing

/// The FuzzDocx regression inputs (Tests/Fixtures/fuzz-regressions/FuzzDocx/) through the fuzz
/// target's entry point, each compared with the outcome recorded beside it (`RECORD_SNAPSHOTS=1`
/// writes the files).
@Suite struct FuzzDocxRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions/FuzzDocx")

    /// What the importer made of one input, as the fuzz target runs it.
    static func outcome(_ data: Data) -> String {
        var options = ImportOptions()
        options.knownNumbers = ["QP-01", "REC-05"]
        do {
            let document = data.starts(with: [0x50, 0x4B]) || data.starts(with: [0xD0, 0xCF])
                ? try DocxImporter.importDocument(data, name: "fuzz.docx", options: options)
                : try DocxImporter.importParts(["word/document.xml": data], name: "fuzz.docx", options: options)
            let markdown = document.files.filter { $0.path.hasSuffix(".md") }.map { String(decoding: $0.data, as: UTF8.self) }.joined()
            return "imported \(document.files.map(\.path).joined(separator: " "))\n" + markdown
        } catch {
            return "refused: \(error.message)\n"
        }
    }

    @Test func everyInputGivesItsRecordedOutcome() throws {
        try FuzzReplay.checkEveryInput(of: "FuzzDocx", in: Self.folder, outcome: Self.outcome)
    }
}
