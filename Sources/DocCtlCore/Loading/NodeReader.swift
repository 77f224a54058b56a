import Foundation

/// Reads typed values out of ``YAMLNode``s, reporting every problem at its line.
///
/// Each accessor returns nil after reporting when the value is unusable, so loaders read on and
/// report every problem in one run.
public struct NodeReader {
    public var sink = DiagnosticSink()

    public init() {}

    /// The pairs of a mapping, after checking keys against `allowed` and `required`.
    public mutating func mapping(
        _ node: YAMLNode, allowed: [String], required: [String] = [], what: String
    ) -> [String: YAMLNode]? {
        guard case .mapping(let pairs, let location) = node else {
            if node.isNull && required.isEmpty { return [:] }
            sink.report(Rules.invalidValue, at: node.location, "\(what) must be a mapping (key: value), found \(node.kindDescription)")
            return nil
        }
        var result: [String: YAMLNode] = [:]
        var firstSeen: [String: SourceLocation] = [:]
        for (key, value) in pairs {
            if let earlier = firstSeen[key.text] {
                sink.report(Rules.invalidValue, at: key.location, "key '\(key.text)' appears twice in \(what)",
                            notes: [Diagnostic.Note("first written here", at: earlier)])
                continue
            }
            firstSeen[key.text] = key.location
            if !allowed.contains(key.text) {
                let suggestion = Spelling.closest(to: key.text, in: allowed)
                sink.report(Rules.unknownKey, at: key.location, "unknown key '\(key.text)' in \(what)",
                            notes: [Diagnostic.Note("known keys: \(allowed.joined(separator: ", "))")],
                            fix: suggestion.map { "did you mean '\($0)'?" })
                continue
            }
            result[key.text] = value
        }
        for key in required {
            if let value = result[key], let scalar = value.scalar, let keyLocation = firstSeen[key],
               scalar.isNull || Whitespace.isBlank(scalar.text) {
                // `number: ""` or `title: " "` is as good as no key: said at the key, and the value
                // is dropped, so no reader takes the blank for a value.
                sink.report(Rules.missingKey, at: keyLocation, "'\(key)' in \(what) is empty",
                            fix: "write a value: '\(key): …'")
                result[key] = nil
            } else if result[key] == nil && firstSeen[key] == nil {
                sink.report(Rules.missingKey, at: location, "\(what) has no '\(key)'", fix: "add '\(key): …'")
            }
        }
        return result
    }

    /// A non-empty text value kept exactly as written.
    public mutating func string(_ node: YAMLNode?, key: String) -> String? {
        guard let node, !node.isNull else { return nil }
        guard let scalar = node.scalar else {
            sink.report(Rules.invalidValue, at: node.location, "'\(key)' must be a single value, found \(node.kindDescription)")
            return nil
        }
        let text = Whitespace.trimming(scalar.text)
        return text.isEmpty ? nil : text
    }

    /// A list of text values; a single value is accepted as a list of one.
    public mutating func strings(_ node: YAMLNode?, key: String) -> [(String, SourceLocation)] {
        guard let node, !node.isNull else { return [] }
        switch node {
        case .scalar(let scalar):
            return [(scalar.text, scalar.location)]
        case .sequence(let items, _):
            return items.compactMap { item in
                guard let scalar = item.scalar, !scalar.isNull else {
                    sink.report(Rules.invalidValue, at: item.location, "'\(key)' must list single values, found \(item.kindDescription)")
                    return nil
                }
                return (scalar.text, scalar.location)
            }
        case .mapping:
            sink.report(Rules.invalidValue, at: node.location, "'\(key)' must be a list, found \(node.kindDescription)")
            return []
        }
    }

    /// A `YYYY-MM-DD` date.
    public mutating func date(_ node: YAMLNode?, key: String) -> Located<Day>? {
        guard let node, let text = string(node, key: key) else { return nil }
        guard let day = Day(text) else {
            sink.report(Rules.badDate, at: node.location, "'\(key)' is not a date: '\(text)'",
                        fix: "write dates as YYYY-MM-DD, e.g. 2025-03-18")
            return nil
        }
        return Located(day, at: node.location)
    }

    /// One of the allowed values.
    public mutating func choice(_ node: YAMLNode?, key: String, in allowed: [String]) -> String? {
        guard let node, let text = string(node, key: key) else { return nil }
        guard allowed.contains(text) else {
            sink.report(Rules.invalidValue, at: node.location, "'\(key)' must be one of \(allowed.joined(separator: ", ")), found '\(text)'",
                        fix: Spelling.closest(to: text, in: allowed).map { "did you mean '\($0)'?" })
            return nil
        }
        return text
    }

    /// The items of a list (a missing or null list is empty).
    public mutating func sequence(_ node: YAMLNode?, key: String) -> [YAMLNode] {
        guard let node, !node.isNull else { return [] }
        guard case .sequence(let items, _) = node else {
            sink.report(Rules.invalidValue, at: node.location, "'\(key)' must be a list, found \(node.kindDescription)")
            return []
        }
        return items
    }
}
