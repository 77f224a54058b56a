import DocCtlCore
import Foundation
import FuzzSupport

// Clause-tree XML: the secure libxml2 parse, XSD validation with the built-in schema, and the
// rules the schema cannot state (ClauseTreeReader.read).

let schema: XMLSchema = {
    let url = FuzzInput.repositoryRoot.appendingPathComponent("Sources/DocCtlCore/Resources/standards/clause-tree.xsd")
    guard let data = try? Data(contentsOf: url), let schema = try? XMLSchema(data: data, path: "clause-tree.xsd") else {
        fatalError("cannot load \(url.path)")
    }
    return schema
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClauseTree(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput.data(data, size)
    if case .success(let tree) = ClauseTreeReader.read(bytes, path: "fuzz.xml", schema: schema) {
        for id in tree.order {
            _ = tree.ancestors(of: id)
            _ = tree.titleMatches("组织环境", clause: id)
        }
        _ = tree.suggestion(for: "8.6.1")
    }
    return 0
}
