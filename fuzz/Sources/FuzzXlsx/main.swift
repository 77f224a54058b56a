import DocCtlCore
import DocCtlImport
import Foundation

// The Excel importer (`docctl import FILE.xlsx --as matrix|records`): a whole .xlsx when the
// input is a zip (or an OLE file), otherwise the input is the XML of the only worksheet. Both
// kinds are tried on each input. Every outcome is an ImportedSheet or one ImportError; a crash,
// a hang or a leak is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXlsx(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    var options = SheetImportOptions()
    options.departments = [("quality", "质量管理部"), ("service", "运维服务部")]
    options.documents = [("QP-01", "文件控制程序")]
    for kind in SheetKind.allCases {
        do {
            let sheet = bytes.starts(with: [0x50, 0x4B]) || bytes.starts(with: [0xD0, 0xCF])
                ? try SheetImporter.importSheet(bytes, name: "fuzz.xlsx", as: kind, options: options)
                : try SheetImporter.importSheetXML(bytes, name: "fuzz.xlsx", as: kind, options: options)
            // What was written must read back with docctl's own parsers.
            switch kind {
            case .matrix: precondition((try? CSVParser.parse(sheet.text)) != nil, "the matrix is valid CSV")
            case .records:
                var sink = DiagnosticSink()
                _ = YAMLNode.parse(sheet.text, path: "records.yaml", into: &sink)
                precondition(sink.diagnostics.isEmpty, "the register is valid YAML")
            }
            _ = sheet.report.text(counts: false).count
        } catch {
            precondition(!error.message.isEmpty && !error.message.contains("\n"), "an import error is one line")
        }
    }
    return 0
}
