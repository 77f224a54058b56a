import Foundation

/// Reads applicability.yaml, the Statement of Applicability:
/// `isms:A.7.4: { applicable: false, justification: … }` or
/// `isms:A.5.15: { applicable: true, implemented-by: [ISMS-P-03], status: implemented }`.
enum ApplicabilityLoader {
    static let fileName = "applicability.yaml"
    static let keys = ["applicable", "justification", "implemented-by", "status"]

    static func load(_ context: inout LoadContext, tree: ClauseTree?) -> Applicability? {
        let url = context.root.appendingPathComponent(fileName, isDirectory: false)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        var result = Applicability(path: context.relative(url))
        guard let node = context.readYAML(url) else { return result }
        var r = context.reader
        defer { context.reader = r }
        guard case .mapping(let pairs, _) = node else {
            r.sink.report(Rules.invalidValue, at: node.location,
                          "applicability.yaml must map control ids to decisions, e.g. isms:A.5.1: { applicable: true, implemented-by: [ISMS-P-01] }")
            return result
        }
        for (key, value) in pairs {
            let id = tree?.canonical(key.text) ?? key.text
            if let first = result.byClause[id] {
                r.sink.report(Rules.invalidValue, at: key.location, "control \(key.text) has two entries in \(result.path)",
                              notes: [Diagnostic.Note("first entry here", at: result.entries[first].location)])
                continue
            }
            guard let fields = r.mapping(value, allowed: keys, required: ["applicable"], what: "the entry of \(key.text)") else { continue }
            guard let applicable = r.choice(fields["applicable"], key: "applicable", in: ["true", "false"]) else { continue }
            let status = r.choice(fields["status"], key: "status", in: Applicability.Status.allCases.map(\.rawValue))
            result.byClause[id] = result.entries.count
            result.entries.append(Applicability.Entry(
                clause: key.text, applicable: applicable == "true", justification: r.string(fields["justification"], key: "justification"),
                implementedBy: r.strings(fields["implemented-by"], key: "implemented-by").map { Located($0.0, at: $0.1) },
                status: status.flatMap(Applicability.Status.init), location: key.location))
        }
        return result
    }
}
