import Foundation

/// Reads organization.yaml (组织架构). A department id used twice is reported here (the second one
/// is not loaded); the shape of the tree (parents, cycles, depth) is checked by ``OrganizationChecks``.
enum OrganizationLoader {
    static func load(_ context: inout LoadContext) -> [Department] {
        let url = context.root.appendingPathComponent("organization.yaml", isDirectory: false)
        guard FileManager.default.fileExists(atPath: url.path) else {
            context.reader.sink.report(Rules.missingFile, at: SourceLocation(path: "organization.yaml"),
                                       "the document set has no organization.yaml", fix: "list the departments in organization.yaml")
            return []
        }
        guard let node = context.readYAML(url) else { return [] }
        var r = context.reader
        defer { context.reader = r }
        guard let map = r.mapping(node, allowed: ["departments"], required: ["departments"], what: "organization.yaml") else { return [] }
        var departments: [Department] = []
        var positions: [String: Int] = [:]
        for item in r.sequence(map["departments"], key: "departments") {
            guard let fields = r.mapping(item, allowed: ["id", "name", "parent", "head", "duties"], required: ["id", "name"],
                                         what: "department"),
                  let id = r.string(fields["id"], key: "id"), let name = r.string(fields["name"], key: "name") else { continue }
            if let earlier = positions[id].map({ departments[$0] }) {
                r.sink.report(Rules.organizationTree, at: item.location, "department id '\(id)' is used twice",
                              notes: [Diagnostic.Note("first defined here", at: earlier.location)])
                continue
            }
            positions[id] = departments.count
            departments.append(Department(id: id, name: name, parent: r.string(fields["parent"], key: "parent"),
                                          head: r.string(fields["head"], key: "head"),
                                          duties: r.strings(fields["duties"], key: "duties").map(\.0), location: item.location))
        }
        return departments
    }
}
