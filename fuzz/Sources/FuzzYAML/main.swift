import DocCtlCore
import FuzzSupport

// YAML loading: YAMLParser (Yams with locations, depth guard) and NodeReader reading the shapes of
// document.yaml and history.yaml, the way DocumentLoader does.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = FuzzInput.text(data, size) else { return 0 }
    var sink = DiagnosticSink()
    guard let node = YAMLParser.parse(text, path: "fuzz.yaml", into: &sink) else { return 0 }
    var r = NodeReader()
    _ = node.kindDescription
    // document.yaml shape
    if let map = r.mapping(node, allowed: ["number", "title", "type", "clauses", "records", "approvals", "issued",
                                           "effective", "review-every", "distribution", "control"],
                           required: ["number", "title"], what: "document.yaml") {
        _ = r.string(map["number"], key: "number")
        _ = r.choice(map["type"], key: "type", in: ["manual", "procedure"])
        _ = r.strings(map["clauses"], key: "clauses")
        _ = r.strings(map["records"], key: "records")
        if let issued = r.date(map["issued"], key: "issued"), let effective = r.date(map["effective"], key: "effective") {
            _ = issued.value < effective.value
            _ = issued.value.adding(months: 12)
        }
        if let approvals = map["approvals"], let steps = r.mapping(approvals, allowed: ["prepared", "reviewed", "approved"], what: "approvals") {
            for (_, step) in steps {
                if let fields = r.mapping(step, allowed: ["name", "date"], what: "step") {
                    _ = r.string(fields["name"], key: "name")
                    _ = r.date(fields["date"], key: "date")
                }
            }
        }
        for item in r.sequence(map["distribution"], key: "distribution") {
            if let fields = r.mapping(item, allowed: ["copy", "holder"], required: ["copy", "holder"], what: "copy") {
                _ = r.string(fields["copy"], key: "copy")
            }
        }
    }
    // history.yaml shape
    for item in r.sequence(node, key: "history.yaml") {
        guard let fields = r.mapping(item, allowed: ["revision", "date", "change", "sections", "author", "approver", "digest"],
                                     required: ["revision", "date", "change", "author"], what: "history entry") else { continue }
        if let text = r.string(fields["revision"], key: "revision"), let mark = RevisionMark(text) {
            _ = mark.nextRevision
            _ = mark.nextEdition(skipping: ["I", "O"])
        }
        _ = r.date(fields["date"], key: "date")
        if let digest = r.string(fields["digest"], key: "digest") { _ = ContentDigest.isWellFormed(digest) }
    }
    return 0
}
