import DocCtlCore
import Foundation
import FuzzSupport

// A whole document set from one input, split at lines `=== NAME` into docset.yaml, document.yaml,
// history.yaml and body.md (missing parts get a valid default), loaded and checked end to end:
// DocumentSetLoader, CoverageReport, Checker, ContentDigest.

let root = FuzzInput.temporaryFolder("set")
let defaults: [String: String] = [
    "docset.yaml": "organization: { name: 模糊测试公司 }\nstandard: iso-iec-20000-1-2018\n",
    "organization.yaml": "departments:\n  - { id: gm, name: 总经理, parent: null }\n",
    "document.yaml": "number: QP-01\ntitle: 测试程序\ntype: procedure\nowner: gm\nclassification: 公开\ncontrol: controlled\n",
    "history.yaml": "- { revision: \"A/0\", date: 2026-01-05, change: 新建, author: 甲, approver: 乙 }\n",
    "body.md": "# 1 目的\n\n正文。\n",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocumentSet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = FuzzInput.text(data, size) else { return 0 }
    var parts = FuzzParts.split(text)
    if let unnamed = parts.removeValue(forKey: ""), !unnamed.isEmpty, parts["body.md"] == nil { parts["body.md"] = unnamed }
    for (name, fallback) in defaults {
        let folder = ["docset.yaml", "organization.yaml"].contains(name) ? root : root.appendingPathComponent("procedures/QP-01")
        FuzzInput.write(parts[name] ?? fallback, to: folder.appendingPathComponent(name))
    }
    guard let (set, _) = try? DocumentSetLoader().load(root) else { return 0 }
    _ = Checker(today: Day(year: 2026, month: 12, day: 1)!).run(set)
    for document in set.documents { _ = ContentDigest.digest(document, sources: set.sources) }
    return 0
}
