import CYaml

/// A YAML scalar exactly as written: clause ids, revisions and copy numbers stay strings
/// (`8.10` is not `8.1`, `01` is not `1`).
public struct YAMLScalar: Sendable, Hashable {
    public var text: String
    /// Quoted scalars are never null, whatever their text.
    public var isQuoted: Bool
    public var location: SourceLocation

    /// `~`, `null` or an empty plain scalar.
    public var isNull: Bool { !isQuoted && ["", "~", "null", "Null", "NULL"].contains(text) }
}

/// A YAML node with the source location of every value.
public indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case mapping([(key: YAMLScalar, value: YAMLNode)], SourceLocation)
    case sequence([YAMLNode], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .mapping(_, let location), .sequence(_, let location): location
        }
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    public var isNull: Bool { scalar?.isNull ?? false }

    /// What the node is, for messages ("a list", "a mapping", "text").
    public var kindDescription: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a mapping (key: value)"
        case .sequence: "a list"
        }
    }
}

/// Parses YAML text into ``YAMLNode``s, turning its errors into diagnostics.
///
/// The events come straight from libyaml (the C parser inside Yams, `CYaml`): building Yams'
/// `Node` tree (tags, hashing every key to find duplicates, anchors kept as objects) and then
/// converting it was a sixth of the example's `check`. What Yams' composer does is kept: one
/// document, aliases stand for the anchored value, a key written twice in a mapping is an error,
/// and positions are libyaml's marks plus one (columns count Unicode scalars).
public enum YAMLParser {
    /// Flow collections nested deeper than this are refused before libyaml (recursive) sees them.
    public static let maximumDepth = 64

    public static func parse(_ text: String, path: String, into sink: inout DiagnosticSink) -> YAMLNode? {
        if let problem = depthProblem(text) {
            sink.report(Rules.yamlSyntax, at: SourceLocation(path: path, line: problem, column: 1),
                        "YAML nests deeper than \(maximumDepth) levels; simplify the structure")
            return nil
        }
        var text = text
        let result: Result<YAMLNode?, YAMLEventComposer.Failure> = text.withUTF8 { bytes in
            let composer = YAMLEventComposer(path: path, bytes: bytes)
            defer { composer.close() }
            return Result { try composer.document() }.mapError { $0 as? YAMLEventComposer.Failure ?? .memory }
        }
        switch result {
        case .success(let node):
            return node
        case .failure(.syntax(let message, let location)):
            sink.report(Rules.yamlSyntax, at: location, "YAML syntax error: \(message)",
                        notes: [Diagnostic.Note("check indentation, a missing ':' or an unclosed quote or bracket")])
        case .failure(.unreadable(let problem)):
            sink.report(Rules.yamlSyntax, at: SourceLocation(path: path, line: 1, column: 0), "YAML syntax error: \(problem)",
                        notes: [Diagnostic.Note("check indentation, a missing ':' or an unclosed quote or bracket")])
        case .failure(.repeatedKey(let key, let first, let again)):
            sink.report(Rules.invalidValue, at: again, "key '\(key)' appears twice in a mapping",
                        notes: [Diagnostic.Note("first written here", at: first)], fix: "remove one of them")
        case .failure(.tooDeep):
            sink.report(Rules.yamlSyntax, at: SourceLocation(path: path, line: 1),
                        "YAML nests deeper than \(maximumDepth) levels; simplify the structure")
        case .failure(.tooManyValues):
            sink.report(Rules.yamlSyntax, at: SourceLocation(path: path, line: 1),
                        "YAML holds more than \(maximumValues) values once aliases (*name) are expanded; write the values out")
        case .failure(.memory):
            sink.report(Rules.yamlSyntax, at: SourceLocation(path: path, line: 1), "YAML could not be read: out of memory")
        }
        return nil
    }

    /// Values a file may hold after alias expansion; the largest real register has a few thousand.
    /// (An alias stands for its anchor's whole value: nine levels of ten aliases each, "billion
    /// laughs", would be a billion values to walk.)
    public static let maximumValues = 200_000

    /// The line where flow brackets or indentation nest beyond ``maximumDepth``, if any.
    static func depthProblem(_ text: String) -> Int? {
        var depth = 0
        var line = 1
        var quote: UInt8? = nil
        var atLineStart = true
        var indent = 0
        // Bytes, not Characters: every byte looked at is ASCII, and grapheme breaking of Chinese
        // text cost more than parsing the YAML.
        for character in text.utf8 {
            if character == UInt8(ascii: "\n") {
                line += 1
                atLineStart = true
                indent = 0
                quote = nil
                continue
            }
            if atLineStart {
                if character == UInt8(ascii: " ") {
                    indent += 1
                    if indent > maximumDepth * 8 { return line }
                    continue
                }
                atLineStart = false
            }
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = character
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth { return line }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            case UInt8(ascii: "#"): if depth == 0 { quote = nil }
            default: break
            }
        }
        return nil
    }
}

/// One pass over libyaml's events for one file, building ``YAMLNode``s as they come.
final class YAMLEventComposer {
    enum Failure: Error {
        case syntax(String, SourceLocation)
        /// libyaml's reader refused the bytes (a control character); it gives no line.
        case unreadable(String)
        case repeatedKey(String, first: SourceLocation, again: SourceLocation)
        case tooDeep
        case tooManyValues
        case memory
    }

    private var parser = yaml_parser_t()
    private var event = yaml_event_t()
    private var hasEvent = false
    private let path: String
    /// Each anchor's value and how many values it holds, which every alias of it adds again.
    private var anchors: [String: (node: YAMLNode, values: Int)] = [:]
    private var remainingValues = YAMLParser.maximumValues

    /// `bytes` must stay valid until ``close()``.
    init(path: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.path = path
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
    }

    func close() {
        if hasEvent { yaml_event_delete(&event) }
        hasEvent = false
        yaml_parser_delete(&parser)
    }

    /// The file's one document, or nil when it has none.
    func document() throws -> YAMLNode? {
        try next()  // stream start
        try next()
        guard event.type == YAML_DOCUMENT_START_EVENT else { return nil }
        try next()
        let (root, _) = try node(depth: 0)
        try next()  // document end
        try next()
        if event.type != YAML_STREAM_END_EVENT {
            throw Failure.syntax("expected a single document in the stream, but found another document", mark(event.start_mark))
        }
        return root
    }

    private func next() throws {
        if hasEvent { yaml_event_delete(&event) }
        hasEvent = false
        guard yaml_parser_parse(&parser, &event) == 1 else { throw failure() }
        hasEvent = true
    }

    private func mark(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(path: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    private func failure() -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return .memory
        case YAML_READER_ERROR:
            return .unreadable(problem)
        default:
            let context = parser.context.map { String(cString: $0) }
            let message = [context, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return .syntax(message, mark(parser.problem_mark))
        }
    }

    /// The node that starts at the current event (its last event is current on return), and how
    /// many values it holds.
    private func node(depth: Int) throws -> (YAMLNode, Int) {
        if depth > YAMLParser.maximumDepth { throw Failure.tooDeep }
        remainingValues -= 1
        if remainingValues < 0 { throw Failure.tooManyValues }
        let location = mark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self) } ?? ""
            let quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE && scalar.style != YAML_ANY_SCALAR_STYLE
            let node = YAMLNode.scalar(YAMLScalar(text: text, isQuoted: quoted, location: location))
            if let anchor = Self.string(scalar.anchor) { anchors[anchor] = (node, 1) }
            return (node, 1)
        case YAML_ALIAS_EVENT:
            remainingValues += 1
            guard let name = Self.string(event.data.alias.anchor), let anchored = anchors[name] else {
                throw Failure.syntax("found undefined alias", location)
            }
            remainingValues -= anchored.values
            if remainingValues < 0 { throw Failure.tooManyValues }
            return (anchored.node, anchored.values)
        case YAML_SEQUENCE_START_EVENT:
            let anchor = Self.string(event.data.sequence_start.anchor)
            var items: [YAMLNode] = []
            var values = 1
            try next()
            while event.type != YAML_SEQUENCE_END_EVENT {
                let (item, count) = try node(depth: depth + 1)
                items.append(item)
                values += count
                try next()
            }
            let node = YAMLNode.sequence(items, location)
            if let anchor { anchors[anchor] = (node, values) }
            return (node, values)
        case YAML_MAPPING_START_EVENT:
            let anchor = Self.string(event.data.mapping_start.anchor)
            var pairs: [(key: YAMLScalar, value: YAMLNode)] = []
            var values = 1
            var seen: [String: SourceLocation] = [:]
            var repeated: (key: String, first: SourceLocation, again: SourceLocation)?
            try next()
            while event.type != YAML_MAPPING_END_EVENT {
                let (keyNode, keyCount) = try node(depth: depth + 1)
                let key = keyNode.scalar ?? YAMLScalar(text: "", isQuoted: false, location: keyNode.location)
                if keyNode.scalar != nil {
                    if let first = seen[key.text] {
                        // As Yams: of the keys written twice, the first in sorted order.
                        if repeated == nil || key.text < repeated!.key { repeated = (key.text, first, key.location) }
                    } else {
                        seen[key.text] = key.location
                    }
                }
                try next()
                let (value, count) = try node(depth: depth + 1)
                pairs.append((YAMLScalar(text: key.text, isQuoted: false, location: key.location), value))
                values += keyCount + count
                try next()
            }
            if let repeated { throw Failure.repeatedKey(repeated.key, first: repeated.first, again: repeated.again) }
            let node = YAMLNode.mapping(pairs, location)
            if let anchor { anchors[anchor] = (node, values) }
            return (node, values)
        default:
            throw Failure.syntax("unexpected YAML event", location)
        }
    }
}
