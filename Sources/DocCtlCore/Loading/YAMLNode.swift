import Yams

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

/// Parses YAML text into ``YAMLNode``s with Yams, turning its errors into diagnostics.
public enum YAMLParser {
    /// Flow collections nested deeper than this are refused before Yams (recursive) sees them.
    public static let maximumDepth = 64

    public static func parse(_ text: String, path: String, into sink: inout DiagnosticSink) -> YAMLNode? {
        if let problem = depthProblem(text) {
            sink.report(Rules.yamlSyntax, at: SourceLocation(path: path, line: problem, column: 1),
                        "YAML nests deeper than \(maximumDepth) levels; simplify the structure")
            return nil
        }
        let node: Node?
        do {
            // The basic resolver: docctl reads every scalar as the text written (ids, dates and revision
            // marks stay strings), so the default resolver's regular expressions per scalar were pure cost;
            // the explicit encoding spares Yams reading the whole environment for every file.
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping(let duplicates, let context) = error {
                // Yams reports the whole mapping as context; point at the repeated key instead.
                let key = duplicates.sorted().first ?? ""
                let first = SourceLocation(path: path, line: context.mark.line, column: context.mark.column)
                sink.report(Rules.invalidValue, at: repeatedKey(key, after: first, in: text) ?? first,
                            "key '\(key)' appears twice in a mapping",
                            notes: [Diagnostic.Note("first written here", at: first)], fix: "remove one of them")
                return nil
            }
            let (message, mark) = describe(error)
            sink.report(Rules.yamlSyntax, at: SourceLocation(path: path, line: mark?.line ?? 1, column: mark?.column ?? 0),
                        "YAML syntax error: \(message)",
                        notes: [Diagnostic.Note("check indentation, a missing ':' or an unclosed quote or bracket")])
            return nil
        } catch {
            sink.report(Rules.yamlSyntax, at: SourceLocation(path: path, line: 1), "YAML could not be read: \(error)")
            return nil
        }
        guard let node else { return nil }
        var limits = ConversionLimits()
        let converted = convert(node, path: path, depth: 0, limits: &limits)
        if limits.depthExceeded {
            sink.report(Rules.yamlSyntax, at: SourceLocation(path: path, line: 1),
                        "YAML nests deeper than \(maximumDepth) levels; simplify the structure")
            return nil
        }
        if limits.remainingValues < 0 {
            sink.report(Rules.yamlSyntax, at: SourceLocation(path: path, line: 1),
                        "YAML holds more than \(maximumValues) values once aliases (*name) are expanded; write the values out")
            return nil
        }
        return converted
    }

    static func location(_ mark: Mark?, _ path: String) -> SourceLocation {
        SourceLocation(path: path, line: mark?.line ?? 0, column: mark?.column ?? 0)
    }

    /// Bounds on converting one file. Yams shares the node of an anchor with every alias of it,
    /// so nine levels of ten aliases each ("billion laughs") are a billion values to walk.
    struct ConversionLimits {
        var depthExceeded = false
        var remainingValues = YAMLParser.maximumValues
    }

    /// Values a file may hold after alias expansion; the largest real register has a few thousand.
    public static let maximumValues = 200_000

    static func convert(_ node: Node, path: String, depth: Int, limits: inout ConversionLimits) -> YAMLNode {
        limits.remainingValues -= 1
        if depth > maximumDepth || limits.remainingValues < 0 {
            if depth > maximumDepth { limits.depthExceeded = true }
            return .scalar(YAMLScalar(text: "", isQuoted: false, location: location(node.mark, path)))
        }
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                || scalar.style == .literal || scalar.style == .folded
            return .scalar(YAMLScalar(text: scalar.string, isQuoted: quoted, location: location(node.mark, path)))
        case .mapping(let mapping):
            var pairs: [(key: YAMLScalar, value: YAMLNode)] = []
            for (key, value) in mapping {
                let keyScalar = YAMLScalar(text: key.scalar?.string ?? (key.string ?? ""), isQuoted: false,
                                           location: location(key.mark, path))
                pairs.append((keyScalar, convert(value, path: path, depth: depth + 1, limits: &limits)))
            }
            return .mapping(pairs, location(node.mark, path))
        case .sequence(let sequence):
            return .sequence(sequence.map { convert($0, path: path, depth: depth + 1, limits: &limits) },
                             location(node.mark, path))
        case .alias:
            return .scalar(YAMLScalar(text: "", isQuoted: false, location: location(node.mark, path)))
        }
    }

    /// The next line after `first` that starts with `key:` at the same column.
    static func repeatedKey(_ key: String, after first: SourceLocation, in text: String) -> SourceLocation? {
        let indent = String(repeating: " ", count: max(first.column - 1, 0))
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where index + 1 > first.line && line.hasPrefix(indent + key) {
            let rest = line.dropFirst(indent.count + key.count).drop { $0 == " " }
            if rest.hasPrefix(":") { return SourceLocation(path: first.path, line: index + 1, column: first.column) }
        }
        return nil
    }

    static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return (text, mark)
        case .reader(let problem, _, _, _):
            return (problem, nil)
        default:
            return ("\(error)", nil)
        }
    }

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
