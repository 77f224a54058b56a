import DocCtlCore
import Foundation
import FuzzSupport

// Responsibility matrix: CSVParser directly, then the whole MatrixLoader path by loading a minimal
// document set whose responsibilities.csv is the input (DocumentSetLoader, CoverageReport, Checker).

let setRoot: URL = {
    let root = FuzzInput.temporaryFolder("csv")
    FuzzInput.write("organization: { name: 模糊测试公司 }\nstandard: iso-iec-20000-1-2018\n", to: root.appendingPathComponent("docset.yaml"))
    FuzzInput.write("departments:\n  - { id: gm, name: 总经理, parent: null }\n  - { id: quality, name: 质量部, parent: gm }\n",
                    to: root.appendingPathComponent("organization.yaml"))
    return root
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = FuzzInput.text(data, size) else { return 0 }
    if let rows = try? CSVParser.parse(text) { _ = rows.count }
    try? FuzzInput.data(data, size).write(to: setRoot.appendingPathComponent("responsibilities.csv"))
    guard let (set, _) = try? DocumentSetLoader().load(setRoot) else { return 0 }
    _ = CoverageReport.compute(set)
    _ = Checker(today: Day(year: 2026, month: 12, day: 1)!).run(set)
    return 0
}
