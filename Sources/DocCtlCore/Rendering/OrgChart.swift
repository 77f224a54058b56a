/// The organisation chart (组织架构图) as inline SVG, drawn from organization.yaml.
///
/// A tidy tree: each department under its parent, parents centred over their children, elbow
/// connectors. When the widest row would not fit an A4 page, leaf departments are drawn as
/// narrow boxes with their names written top to bottom, as Chinese charts usually do.
public struct OrgChart: Sendable {
    public var departments: [Department]
    public var labels: Labels
    /// The width that fits an A4 page at print scale.
    public var maximumWidth = 700.0

    /// A chart of `departments`, labelled in the language of `labels`.
    public init(departments: [Department], labels: Labels) {
        self.departments = departments
        self.labels = labels
    }

    /// A department placed in the chart (reference type: layout updates it in place).
    final class Node {
        let department: Department
        var children: [Node] = []
        var width = 0.0, height = 0.0, subtreeWidth = 0.0, x = 0.0, y = 0.0
        var vertical = false
        init(_ department: Department) { self.department = department }
    }

    /// Levels drawn; `organization-tree` reports a department below them. Layout recurses once per
    /// level, so a chain of 2 000 departments overflowed the stack.
    public static let maximumDepth = 32

    static let gap = 12.0, levelGap = 34.0, margin = 8.0, fontSize = 14.0, smallFont = 11.0

    /// Builds the forest: roots are departments without a known parent; cycles are cut.
    func forest() -> [Node] {
        var nodes: [String: Node] = [:]
        for department in departments where nodes[department.id] == nil { nodes[department.id] = Node(department) }
        func parentID(_ department: Department) -> String? {
            guard let parent = department.parent else { return nil }
            if nodes[parent] != nil { return parent }
            return departments.first { $0.name == parent }?.id
        }
        var roots: [Node] = []
        var attached: Set<String> = []
        // Whether a department's chain of parents loops, found once per department (walking every
        // chain again was quadratic in a long chain).
        var cyclicAt: [String: Bool] = [:]
        for department in departments where !attached.contains(department.id) {
            guard let node = nodes[department.id] else { continue }
            attached.insert(department.id)
            // Walk up to make sure attaching does not close a cycle.
            var path: [String] = []
            var onPath: Set<String> = []
            var cyclic = false
            var current: String? = department.id
            while let id = current {
                if let known = cyclicAt[id] { cyclic = known; break }
                if !onPath.insert(id).inserted { cyclic = true; break }
                path.append(id)
                current = nodes[id].flatMap { parentID($0.department) }
            }
            for id in path { cyclicAt[id] = cyclic }
            if let parent = parentID(department), !cyclic, let parentNode = nodes[parent] {
                parentNode.children.append(node)
            } else {
                roots.append(node)
            }
        }
        // Below the deepest level nothing is drawn (reported by `organization-tree`).
        // Undrawn departments let go of their children while `nodes` still holds every node, so that
        // no chain is left to be freed one nested release at a time.
        var drawn = Set(roots.map(ObjectIdentifier.init))
        var level = roots
        for _ in 1..<OrgChart.maximumDepth {
            level = level.flatMap(\.children)
            drawn.formUnion(level.map(ObjectIdentifier.init))
        }
        for node in level { node.children = [] }
        for node in nodes.values where !drawn.contains(ObjectIdentifier(node)) { node.children = [] }
        return roots
    }

    static func textWidth(_ text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (MarkdownRenderer.isCJK($1) ? size : size * 0.6) }
    }

    func measure(_ node: Node, verticalLeaves: Bool) {
        node.children.forEach { measure($0, verticalLeaves: verticalLeaves) }
        let name = node.department.name
        if verticalLeaves && node.children.isEmpty {
            node.vertical = true
            node.width = OrgChart.fontSize + 14
            node.height = Double(name.count) * (OrgChart.fontSize + 2) + 16
        } else {
            node.vertical = false
            let head = node.department.head ?? ""
            node.width = max(OrgChart.textWidth(name, size: OrgChart.fontSize), OrgChart.textWidth(head, size: OrgChart.smallFont)) + 24
            node.height = head.isEmpty ? 32 : 46
        }
        let childrenWidth = node.children.map(\.subtreeWidth).reduce(0, +) + Double(max(node.children.count - 1, 0)) * OrgChart.gap
        node.subtreeWidth = max(node.width, childrenWidth)
    }

    /// Row heights per depth, so that a row of boxes shares one top line.
    func rowHeights(_ roots: [Node]) -> [Double] {
        var heights: [Double] = []
        func visit(_ node: Node, _ depth: Int) {
            if heights.count <= depth { heights.append(0) }
            heights[depth] = max(heights[depth], node.height)
            node.children.forEach { visit($0, depth + 1) }
        }
        roots.forEach { visit($0, 0) }
        return heights
    }

    func place(_ node: Node, left: Double, depth: Int, tops: [Double]) {
        node.y = tops[depth]
        node.x = left + (node.subtreeWidth - node.width) / 2
        let childrenWidth = node.children.map(\.subtreeWidth).reduce(0, +) + Double(max(node.children.count - 1, 0)) * OrgChart.gap
        var cursor = left + (node.subtreeWidth - childrenWidth) / 2
        for child in node.children {
            place(child, left: cursor, depth: depth + 1, tops: tops)
            cursor += child.subtreeWidth + OrgChart.gap
        }
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The chart as an `<svg>` element (empty `<p>` when there are no departments).
    public func svg() -> HTMLNode {
        let roots = forest()
        guard !roots.isEmpty else { return .el("p", [("class", "empty")], text: "—") }
        func totalWidth() -> Double {
            roots.map(\.subtreeWidth).reduce(0, +) + Double(max(roots.count - 1, 0)) * OrgChart.gap * 2
        }
        roots.forEach { measure($0, verticalLeaves: false) }
        if totalWidth() > maximumWidth { roots.forEach { measure($0, verticalLeaves: true) } }
        let heights = rowHeights(roots)
        var tops: [Double] = []
        var y = OrgChart.margin
        for height in heights {
            tops.append(y)
            y += height + OrgChart.levelGap
        }
        var cursor = OrgChart.margin
        for root in roots {
            place(root, left: cursor, depth: 0, tops: tops)
            cursor += root.subtreeWidth + OrgChart.gap * 2
        }
        let width = totalWidth() + 2 * OrgChart.margin
        let height = y - OrgChart.levelGap + OrgChart.margin
        var lines: [HTMLNode] = []
        var boxes: [HTMLNode] = []
        let f = OrgChart.format
        func draw(_ node: Node) {
            if !node.children.isEmpty {
                let parentX = node.x + node.width / 2
                let bottom = node.y + node.height
                let childTop = node.children.map(\.y).min() ?? bottom
                let mid = bottom + (childTop - bottom) / 2
                var path = "M\(f(parentX)) \(f(bottom))V\(f(mid))"
                let centres = node.children.map { $0.x + $0.width / 2 }
                if let first = centres.first, let last = centres.last, node.children.count > 1 {
                    path += "M\(f(first)) \(f(mid))H\(f(last))"
                }
                for (child, centre) in zip(node.children, centres) { path += "M\(f(centre)) \(f(mid))V\(f(child.y))" }
                lines.append(.el("path", [("d", path), ("class", "org-line")]))
            }
            var group: [HTMLNode] = []
            var tooltip = node.department.name
            if let head = node.department.head { tooltip += " — " + head }
            group.append(.el("title", [], text: tooltip))
            group.append(.el("rect", [("x", f(node.x)), ("y", f(node.y)), ("width", f(node.width)), ("height", f(node.height)),
                                      ("rx", "3"), ("class", "org-box" + (node.children.isEmpty ? "" : " org-parent"))]))
            let centre = node.x + node.width / 2
            if node.vertical {
                let spans = node.department.name.enumerated().map { index, character -> HTMLNode in
                    .el("tspan", [("x", f(centre)), ("y", f(node.y + 8 + OrgChart.fontSize + Double(index) * (OrgChart.fontSize + 2)))],
                        text: String(character))
                }
                group.append(.el("text", [("class", "org-name"), ("text-anchor", "middle")], spans))
            } else {
                let hasHead = node.department.head?.isEmpty == false
                group.append(.el("text", [("x", f(centre)), ("y", f(node.y + (hasHead ? 19 : 21))), ("class", "org-name"),
                                          ("text-anchor", "middle")], text: node.department.name))
                if let head = node.department.head, hasHead {
                    group.append(.el("text", [("x", f(centre)), ("y", f(node.y + 37)), ("class", "org-head"), ("text-anchor", "middle")],
                                     text: head))
                }
            }
            boxes.append(.el("g", [("class", "org-node")], group))
            node.children.forEach(draw)
        }
        roots.forEach(draw)
        return .el("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "org-chart"), ("role", "img"),
                           ("aria-label", labels.organizationChart), ("viewBox", "0 0 \(f(width)) \(f(height))"),
                           ("width", f(width)), ("height", f(height))],
                   [.el("title", [], text: labels.organizationChart)] + lines + boxes)
    }
}
