import Foundation

/// Reads organization.yaml (组织架构).
enum OrganizationLoader {
    static func load(_ context: inout LoadContext) -> [Department] {
        let url = context.root.appendingPathComponent("organization.yaml")
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
        let ids = Set(departments.map(\.id))
        let parentOf = Dictionary(departments.compactMap { d in d.parent.map { (d.id, $0) } }, uniquingKeysWith: { first, _ in first })
        // Where each department's chain of parents first loops (nil: it reaches the top), found once
        // per department: walking every chain again made 20 000 departments in one cycle hang.
        var loopsAt: [String: String?] = [:]
        for department in departments {
            guard let parent = department.parent else { continue }
            if !ids.contains(parent) {
                r.sink.report(Rules.organizationTree, at: department.location,
                              "department '\(department.id)' has parent '\(parent)', which is not a department",
                              fix: Spelling.closest(to: parent, in: ids.sorted()).map { "did you mean '\($0)'?" })
                continue
            }
            var path: [String] = []
            var onPath: Set<String> = []
            var verdict: String? = nil
            var current: String? = department.id
            while let node = current {
                if let known = loopsAt[node] { verdict = known; break }
                if !onPath.insert(node).inserted { verdict = node; break }
                path.append(node)
                current = parentOf[node].flatMap { ids.contains($0) ? $0 : nil }
            }
            for node in path { loopsAt[node] = .some(verdict) }
            if let through = verdict {
                r.sink.report(Rules.organizationTree, at: department.location,
                              "department '\(department.id)' is its own ancestor (a cycle through '\(through)')")
            }
        }
        reportDepth(departments, parentOf: parentOf, ids: ids, loops: loopsAt, &r)
        return departments
    }

    /// Reports the departments one level below ``OrgChart/maximumDepth``: the chart (and any reader)
    /// stops there. Depths are found once per department, without recursion.
    static func reportDepth(_ departments: [Department], parentOf: [String: String], ids: Set<String>,
                            loops: [String: String?], _ r: inout NodeReader) {
        var depth: [String: Int] = [:]
        for department in departments where depth[department.id] == nil {
            var chain: [String] = []
            var current: String? = department.id
            var base = 0
            while let node = current {
                if let known = depth[node] { base = known; break }
                // Departments in a cycle are reported already; their chains count from the loop.
                if let loop = loops[node], loop != nil { base = 0; break }
                if chain.count > departments.count { break }
                chain.append(node)
                current = parentOf[node].flatMap { ids.contains($0) ? $0 : nil }
            }
            for (offset, node) in chain.reversed().enumerated() { depth[node] = base + offset + 1 }
        }
        for department in departments where depth[department.id] == OrgChart.maximumDepth + 1 {
            r.sink.report(Rules.organizationTree, at: department.location,
                          "department '\(department.id)' is \(OrgChart.maximumDepth + 1) levels deep; the organisation chart draws \(OrgChart.maximumDepth)",
                          fix: "attach it (and the departments under it) higher up")
        }
    }
}
