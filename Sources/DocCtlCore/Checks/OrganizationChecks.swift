/// Rules on the organisation chart (组织架构): every parent is a department, no department is its
/// own ancestor, and the tree is no deeper than the chart draws.
enum OrganizationChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let departments = context.set.departments
        let ids = Set(departments.map(\.id))
        let parentOf = Dictionary(departments.compactMap { d in d.parent.map { (d.id, $0) } }, uniquingKeysWith: { first, _ in first })
        // Where each department's chain of parents first loops (nil: it reaches the top), found once
        // per department: walking every chain again made 20 000 departments in one cycle hang.
        var loopsAt: [String: String?] = [:]
        for department in departments {
            guard let parent = department.parent else { continue }
            if !ids.contains(parent) {
                sink.report(Rules.organizationTree, at: department.location,
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
                sink.report(Rules.organizationTree, at: department.location,
                            "department '\(department.id)' is its own ancestor (a cycle through '\(through)')")
            }
        }
        reportDepth(departments, parentOf: parentOf, ids: ids, loops: loopsAt, &sink)
    }

    /// Reports the departments one level below ``SiteNames/maximumDepartmentDepth``: the chart (and
    /// any reader) stops there. Depths are found once per department, without recursion.
    static func reportDepth(_ departments: [Department], parentOf: [String: String], ids: Set<String>,
                            loops: [String: String?], _ sink: inout DiagnosticSink) {
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
        for department in departments where depth[department.id] == SiteNames.maximumDepartmentDepth + 1 {
            sink.report(Rules.organizationTree, at: department.location,
                        "department '\(department.id)' is \(SiteNames.maximumDepartmentDepth + 1) levels deep; the organisation chart draws \(SiteNames.maximumDepartmentDepth)",
                        fix: "attach it (and the departments under it) higher up")
        }
    }
}
