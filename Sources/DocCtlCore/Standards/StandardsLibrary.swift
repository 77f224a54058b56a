import Foundation

/// The clause trees docctl knows: the built-in ones plus any a document set adds in `standards/`.
public struct StandardsLibrary: Sendable {
    public private(set) var trees: [String: ClauseTree]

    public var ids: [String] { trees.keys.sorted() }

    public func tree(_ id: String) -> ClauseTree? { trees[id] }

    /// The trees shipped with docctl, loaded once per process.
    public static let builtIn: StandardsLibrary = {
        var trees: [String: ClauseTree] = [:]
        guard let schema = ClauseTreeReader.builtInSchema else {
            preconditionFailure("docctl resources are missing: clause-tree.xsd")
        }
        for id in ClauseTreeReader.builtInIDs {
            guard let url = Bundle.module.url(forResource: id, withExtension: "xml", subdirectory: "Resources/standards"),
                  let data = try? Data(contentsOf: url) else { preconditionFailure("built-in clause tree \(id) is missing") }
            switch ClauseTreeReader.read(data, path: "built-in:\(id).xml", schema: schema) {
            case .success(let tree): trees[tree.id] = tree
            case .failure(let problems): preconditionFailure("built-in clause tree \(id) is invalid: \(problems)")
            }
        }
        return StandardsLibrary(trees: trees)
    }()

    init(trees: [String: ClauseTree]) { self.trees = trees }

    /// Adds the `*.xml` trees of a document set's `standards/` folder, reporting invalid ones.
    mutating func addTrees(in folder: URL, context: inout LoadContext) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        guard let schema = ClauseTreeReader.builtInSchema else { return }
        for name in names.sorted() where name.hasSuffix(".xml") {
            let url = folder.appendingPathComponent(name)
            let path = context.relative(url)
            guard context.isInsideSet(url) else { continue }
            let data: Data
            switch SourceReader.readData(url) {
            case .success(let bytes): data = bytes
            case .failure(.tooLarge(let bytes, let limit)):
                context.reader.sink.report(Rules.fileTooLarge, at: SourceLocation(path: path),
                                           "\(path) is \(bytes) bytes; the limit is \(limit) bytes")
                continue
            case .failure(let problem):
                let reason = if case .unreadable(let text) = problem { ": \(text)" } else { "" }
                context.reader.sink.report(Rules.unreadableFile, at: SourceLocation(path: path), "cannot read \(path)\(reason)")
                continue
            }
            switch ClauseTreeReader.read(data, path: path, schema: schema) {
            case .success(let tree):
                if trees[tree.id] != nil, tree.origin != "built-in" {
                    context.reader.sink.report(Rules.unknownStandard, at: SourceLocation(path: path, line: 1),
                                               "clause tree '\(tree.id)' in \(path) replaces the built-in tree of the same id")
                }
                trees[tree.id] = tree
            case .failure(let failure):
                for problem in failure.problems {
                    context.reader.sink.report(Rules.unknownStandard, at: SourceLocation(path: path, line: problem.line, column: problem.column),
                                               "invalid clause tree: \(problem.message)")
                }
            }
        }
    }
}

/// Reads a clause-tree XML file: secure parse, schema validation, then the rules XSD cannot state.
public enum ClauseTreeReader {
    public static let namespace = "urn:docctl:clause-tree:1"
    static let builtInIDs = ["iso-iec-20000-1-2018", "iso-iec-20000-1-2011", "iso-9001-2015", "iso-iec-27001-2022", "gb-t-27922-2011"]

    static let builtInSchema: XMLSchema? = {
        guard let url = Bundle.module.url(forResource: "clause-tree", withExtension: "xsd", subdirectory: "Resources/standards"),
              let data = try? Data(contentsOf: url) else { return nil }
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

    public static func read(_ data: Data, path: String, schema: XMLSchema) -> Result<ClauseTree, Failure> {
        let root: XMLElement
        do {
            root = try XMLReader.parse(data, path: path)
        } catch {
            return .failure(Failure(problems: error.issues.isEmpty ? [Problem(line: error.line, column: error.column, message: error.message)]
                                                 : error.issues.map { Problem(line: $0.line, column: $0.column, message: $0.message) }))
        }
        let issues = schema.validate(data, path: path)
        if !issues.isEmpty {
            return .failure(Failure(problems: issues.map { Problem(line: $0.line, column: $0.column, message: $0.message) }))
        }
        var problems: [Problem] = []
        var clauses: [Clause] = []
        func walk(_ element: XMLElement, parent: String?) {
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
                clauses.append(Clause(
                    id: id, titleEN: titles.first { $0.attribute("lang") == "en" }?.textContent,
                    titleZH: titles.first { $0.attribute("lang") == "zh-CN" }?.textContent,
                    aliases: child.elements(named: "alias", namespace: namespace).map(\.textContent),
                    untitled: untitled, auditable: child.attribute("auditable") != "false", parentID: parent, childIDs: []))
                walk(child, parent: id)
            }
        }
        walk(root, parent: nil)
        if !problems.isEmpty { return .failure(Failure(problems: problems)) }
        let titles = root.elements(named: "title", namespace: namespace)
        return .success(ClauseTree(
            id: root.attribute("id") ?? "", designation: root.firstElement(named: "designation", namespace: namespace)?.textContent ?? "",
            titleEN: titles.first { $0.attribute("lang") == "en" }?.textContent ?? "",
            titleZH: titles.first { $0.attribute("lang") == "zh-CN" }?.textContent ?? "",
            exclusionsAllowed: root.attribute("exclusions") == "justified", clauses: clauses,
            origin: path.hasPrefix("built-in:") ? "built-in" : path))
    }
}
