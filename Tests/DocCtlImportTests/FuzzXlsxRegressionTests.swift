import DocCtlCore
import DocCtlImport
import Foundation
import Testing

/// The FuzzXlsx regression inputs (Tests/Fixtures/fuzz-regressions/FuzzXlsx/) through the fuzz
/// target's entry point, both kinds each, compared with the outcome recorded beside them
/// (`RECORD_SNAPSHOTS=1` writes the files).
@Suite struct FuzzXlsxRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions/FuzzXlsx")

    /// What the importer made of one input, as the fuzz target runs it.
    static func outcome(_ data: Data) -> String {
        var options = SheetImportOptions()
        options.departments = [("quality", "质量管理部"), ("service", "运维服务部")]
        options.documents = [("QP-01", "文件控制程序")]
        var result = ""
        for kind in SheetKind.allCases {
            do {
                let sheet = data.starts(with: [0x50, 0x4B]) || data.starts(with: [0xD0, 0xCF])
                    ? try SheetImporter.importSheet(data, name: "fuzz.xlsx", as: kind, options: options)
                    : try SheetImporter.importSheetXML(data, name: "fuzz.xlsx", as: kind, options: options)
                result += "\(kind.rawValue): imported\n" + sheet.text + sheet.report.text(counts: false)
            } catch {
                result += "\(kind.rawValue): refused: \(error.message)\n"
            }
        }
        return result
    }

    @Test func everyInputGivesItsRecordedOutcome() throws {
        try FuzzReplay.checkEveryInput(of: "FuzzXlsx", in: Self.folder, outcome: Self.outcome)
    }
}
