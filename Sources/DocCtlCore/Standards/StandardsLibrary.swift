import Foundation

/// The clause trees docctl knows: the built-in ones plus any a document set adds in `standards/`.
///
/// A built-in tree is read the first time it is asked for, not at start: a `check` needs only the
/// tree its set names (reading and validating all five cost 40 ms per run).
public struct StandardsLibrary: Sendable {
    /// Trees added by a document set's `standards/`; they take precedence over built-in trees.
    private var added: [String: ClauseTree] = [:]

    /// Every tree, built-in ones included (this loads them all).
    public var trees: [String: ClauseTree] {
        var all: [String: ClauseTree] = [:]
        for id in ids { all[id] = tree(id) }
        return all
    }

    public var ids: [String] {
        Set(ClauseTreeReader.builtInIDs).union(added.keys).sorted()
    }

    public func tree(_ id: String) -> ClauseTree? {
        if let tree = added[id] { return tree }
        return BuiltInTrees.shared.tree(id)
    }

    /// The trees shipped with docctl, each loaded once per process when first asked for.
    public static let builtIn = StandardsLibrary()

    private init() {}

    /// Whether a tree of this id is known, without loading it.
    func contains(_ id: String) -> Bool {
        added[id] != nil || ClauseTreeReader.builtInIDs.contains(id)
    }

    /// Adds a tree read from a document set's `standards/` folder; it takes precedence over a
    /// built-in tree of the same id.
    mutating func add(_ tree: ClauseTree) {
        added[tree.id] = tree
    }
}

/// The built-in clause trees read so far; each is read from the bundle once per process.
private final class BuiltInTrees: @unchecked Sendable {
    static let shared = BuiltInTrees()
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var loaded: [String: ClauseTree] = [:]

    func tree(_ id: String) -> ClauseTree? {
        guard ClauseTreeReader.builtInIDs.contains(id) else { return nil }
        return lock.withLock {
            if let tree = loaded[id] { return tree }
            let tree = Self.load(id)
            loaded[id] = tree
            return tree
        }
    }

    /// Reads `Resources/standards/<id>.xml`. Shipped files are not schema-validated at run time (that
    /// was half the cost of loading one); `FastPathTests` validates each and checks that its id is `id`.
    private static func load(_ id: String) -> ClauseTree {
        guard let data = ClauseTreeReader.builtInData(id) else { preconditionFailure("built-in clause tree \(id) is missing") }
        switch ClauseTreeReader.read(data, path: "built-in:\(id).xml", schema: nil) {
        case .success(let tree):
            precondition(tree.id == id, "built-in clause tree \(id).xml has the id \(tree.id)")
            return tree
        case .failure(let problems): preconditionFailure("built-in clause tree \(id) is invalid: \(problems)")
        }
    }
}

/// Reads a clause-tree XML file: secure parse, schema validation, then the rules XSD cannot state.
public enum ClauseTreeReader {
    public static let namespace = "urn:docctl:clause-tree:1"
    static let builtInIDs = ["iso-iec-20000-1-2018", "iso-iec-20000-1-2011", "iso-9001-2015", "iso-iec-27001-2022", "gb-t-27922-2011",
                             "iso-14001-2015", "iso-45001-2018"]

    /// The bytes of the shipped `Resources/standards/<id>.xml` (compiled into docctl).
    static func builtInData(_ id: String) -> Data? {
        BuiltInResources.data("standards/\(id).xml")
    }

    static let builtInSchema: XMLSchema? = {
        guard let data = BuiltInResources.data("standards/clause-tree.xsd") else { return nil }
        return try? XMLSchema(data: data, path: "clause-tree.xsd")
    }()

    /// Why a clause tree was refused.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var problems: [Problem]
        public var description: String { problems.map { "\($0.line): \($0.message)" }.joined(separator: "; ") }
    }

    public struct Problem: Sendable, Hashable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// Reads a tree; `schema` is nil only for the trees shipped with docctl.
    public static func read(_ data: Data, path: String, schema: XMLSchema?) -> Result<ClauseTree, Failure> {
        let root: XMLElement
        do {
            root = try XMLReader.parse(data, path: path)
        } catch {
            return .failure(Failure(problems: error.issues.isEmpty ? [Problem(line: error.line, column: error.column, message: error.message)]
                                                 : error.issues.map { Problem(line: $0.line, column: $0.column, message: $0.message) }))
        }
        let issues = schema?.validate(data, path: path) ?? []
        if !issues.isEmpty {
            return .failure(Failure(problems: issues.map { Problem(line: $0.line, column: $0.column, message: $0.message) }))
        }
        var problems: [Problem] = []
        var clauses: [Clause] = []
        // `excludable` holds for a clause's subtree unless a descendant says otherwise. Trees written
        // before it existed said exclusions="justified" for the whole standard: every auditable
        // clause of such a tree stays excludable.
        let wholeTree = root.attribute("exclusions") == "justified"
        func walk(_ element: XMLElement, parent: String?, excludable inherited: Bool) {
            for child in element.elements(named: "clause", namespace: namespace) {
                let id = child.attribute("id") ?? ""
                if let parent, !id.hasPrefix(parent + ".") {
                    problems.append(Problem(line: child.line, column: 0, message: "clause \(id) is nested in \(parent) but does not start with '\(parent).'"))
                }
                let titles = child.elements(named: "title", namespace: namespace)
                let untitled = child.attribute("untitled") == "true"
                if !untitled && titles.isEmpty {
                    problems.append(Problem(line: child.line, column: 0, message: "clause \(id) has no title; mark it untitled=\"true\" if it is a numbered paragraph"))
                }
                let excludable = child.attribute("excludable").map { $0 == "true" || $0 == "1" } ?? inherited
                clauses.append(Clause(
                    id: id, titleEN: titles.first { $0.attribute("lang") == "en" }?.textContent,
                    titleZH: titles.first { $0.attribute("lang") == "zh-CN" }?.textContent,
                    aliases: child.elements(named: "alias", namespace: namespace).map(\.textContent),
                    untitled: untitled, auditable: child.attribute("auditable") != "false", excludable: excludable,
                    parentID: parent, childIDs: []))
                walk(child, parent: id, excludable: excludable)
            }
        }
        walk(root, parent: nil, excludable: wholeTree)
        if !problems.isEmpty { return .failure(Failure(problems: problems)) }
        let titles = root.elements(named: "title", namespace: namespace)
        return .success(ClauseTree(
            id: root.attribute("id") ?? "", designation: root.firstElement(named: "designation", namespace: namespace)?.textContent ?? "",
            titleEN: titles.first { $0.attribute("lang") == "en" }?.textContent ?? "",
            titleZH: titles.first { $0.attribute("lang") == "zh-CN" }?.textContent ?? "",
            needsStatementOfApplicability: root.attribute("statement-of-applicability") == "true",
            replacedBy: root.attribute("replaced-by"),
            nationalDesignation: root.firstElement(named: "national-designation", namespace: namespace)?.textContent,
            clauses: clauses,
            origin: path.hasPrefix("built-in:") ? "built-in" : path))
    }
}
