import Yams

/// The data of a YAML document without its layout, to confirm that a text edit changed exactly
/// what it meant to: scalars as their text, mappings as key → value (order ignored).
indirect enum YAMLValue: Equatable, Sendable {
    case scalar(String)
    case mapping([String: YAMLValue])
    case sequence([YAMLValue])
    case other

    init(_ node: Node) {
        switch node {
        case .scalar(let scalar):
            self = .scalar(scalar.string)
        case .mapping(let mapping):
            var result: [String: YAMLValue] = [:]
            for (key, value) in mapping { result[key.string ?? "\(key)"] = YAMLValue(value) }
            self = .mapping(result)
        case .sequence(let sequence):
            self = .sequence(sequence.map(YAMLValue.init))
        case .alias:
            self = .other
        }
    }

    /// Parses `text`; nil when it is not YAML or holds no document.
    static func parse(_ text: String) -> YAMLValue? {
        guard let node = try? Yams.compose(yaml: text) else { return nil }
        return YAMLValue(node)
    }

    /// The items of a sequence.
    var items: [YAMLValue]? {
        if case .sequence(let items) = self { return items }
        return nil
    }

    /// The pairs of a mapping.
    var pairs: [String: YAMLValue]? {
        if case .mapping(let pairs) = self { return pairs }
        return nil
    }
}
