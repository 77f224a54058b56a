import Foundation
import Testing

/// Replays the regression inputs of one fuzz target (`Tests/Fixtures/fuzz-regressions/<target>`):
/// each input's outcome is compared with its `.expected` file; `RECORD_SNAPSHOTS=1` writes the
/// files instead (and fails the run).
enum FuzzReplay {
    static func checkEveryInput(of target: String, in folder: URL, outcome: (Data) -> String) throws {
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".expected") }.sorted()
        #expect(!names.isEmpty)
        for name in names {
            let result = outcome(try Data(contentsOf: folder.appendingPathComponent(name)))
            let url = folder.appendingPathComponent(name + ".expected")
            if record {
                try Data(result.utf8).write(to: url)
                Issue.record("recorded \(target)/\(name).expected: run again without RECORD_SNAPSHOTS=1")
                continue
            }
            #expect(result == (try? String(contentsOf: url, encoding: .utf8)), "\(target)/\(name)")
        }
    }
}
