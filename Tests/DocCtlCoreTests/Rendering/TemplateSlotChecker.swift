@testable import DocCtlCore
import Foundation

/// Walks a Mustache template with a view model, resolving names the way swift-mustache does
/// (context stack, dotted names, nil falls through to enclosing contexts), and reports every
/// `{{variable}}` that renders empty or has the wrong kind of value.
///
/// swift-mustache renders a missing key as empty text; this is how the template tests fail on an
/// empty slot instead. `{{{…}}}` must hold ``SafeHTML``; `{{…}}` must hold text.
struct TemplateSlotChecker {
    indirect enum Node {
        case variable(name: String, triple: Bool, id: String)
        case section(name: String, inverted: Bool, children: [Node])
        case partial(String)
    }

    var templates: [String: [Node]] = [:]
    /// Every variable tag, as `template:line:name`.
    var allVariables: Set<String> = []
    /// The variable tags a check reached.
    var visited: Set<String> = []
    var problems: [String] = []

    /// Parses every `*.mustache` below `folder`.
    init(folder: URL) throws {
        let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".mustache") }
        for relative in paths {
            let text = try String(contentsOfFile: base + relative, encoding: .utf8)
            let name = String(relative.dropLast(".mustache".count))
            var index = text.startIndex
            templates[name] = try parse(text, &index, template: name, closing: nil)
        }
    }

    private mutating func parse(_ text: String, _ index: inout String.Index, template: String, closing: String?) throws -> [Node] {
        var nodes: [Node] = []
        while let open = text[index...].range(of: "{{") {
            let triple = text[open.upperBound...].hasPrefix("{")
            let start = triple ? text.index(after: open.upperBound) : open.upperBound
            guard let close = text[start...].range(of: triple ? "}}}" : "}}") else { throw CheckerError("unclosed tag in \(template)") }
            let tag = text[start..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let line = text[..<open.lowerBound].filter { $0 == "\n" }.count + 1
            index = close.upperBound
            guard let first = tag.first else { continue }
            let rest = tag.dropFirst().trimmingCharacters(in: .whitespaces)
            switch first {
            case "!": continue
            case "#", "^":
                let children = try parse(text, &index, template: template, closing: rest)
                nodes.append(.section(name: rest, inverted: first == "^", children: children))
            case "/":
                guard rest == closing else { throw CheckerError("\(template):\(line): {{/\(rest)}} closes \(closing ?? "nothing")") }
                return nodes
            case ">": nodes.append(.partial(rest))
            default:
                let id = "\(template):\(line):\(tag)"
                allVariables.insert(id)
                nodes.append(.variable(name: tag, triple: triple, id: id))
            }
        }
        if let closing { throw CheckerError("\(template): {{#\(closing)}} is not closed") }
        index = text.endIndex
        return nodes
    }

    /// Renders `template` in imagination with `view` as the root context.
    mutating func check(_ template: String, view: Any) {
        guard let nodes = templates[template] else { problems.append("no template \(template)"); return }
        walk(nodes, stack: [view], depth: 0)
    }

    private mutating func walk(_ nodes: [Node], stack: [Any], depth: Int) {
        guard depth < 40 else { problems.append("partials nest too deep"); return }
        for node in nodes {
            switch node {
            case .variable(let name, let triple, let id):
                visited.insert(id)
                guard let value = resolve(name, stack) else { problems.append("\(id): renders empty (no value)"); continue }
                if triple {
                    guard let html = value as? SafeHTML else {
                        problems.append("\(id): {{{…}}} holds \(type(of: value)), not SafeHTML"); continue
                    }
                    if html.isEmpty { problems.append("\(id): renders empty") }
                } else if let text = value as? String {
                    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("\(id): renders empty") }
                } else {
                    problems.append("\(id): {{…}} holds \(type(of: value)), not text")
                }
            case .section(let name, let inverted, let children):
                let value = resolve(name, stack)
                if inverted {
                    if !truthy(value) { walk(children, stack: stack, depth: depth) }
                } else if let array = value as? [Any] {
                    for item in array { walk(children, stack: stack + [item], depth: depth) }
                } else if let bool = value as? Bool {
                    if bool { walk(children, stack: stack, depth: depth) }
                } else if let value, truthy(value) {
                    walk(children, stack: stack + [value], depth: depth)
                }
            case .partial(let name):
                guard let partial = templates[name] else { problems.append("no partial \(name)"); continue }
                walk(partial, stack: stack, depth: depth + 1)
            }
        }
    }

    private func truthy(_ value: Any?) -> Bool {
        guard let value else { return false }
        if let bool = value as? Bool { return bool }
        if let array = value as? [Any] { return !array.isEmpty }
        if let html = value as? SafeHTML { return !html.isEmpty }
        return true
    }

    private func resolve(_ name: String, _ stack: [Any]) -> Any? {
        if name == "." { return stack.last }
        let parts = name.split(separator: ".").map(String.init)
        for object in stack.reversed() {
            if var value = child(parts[0], of: object) {
                for part in parts.dropFirst() {
                    guard let next = child(part, of: value) else { return nil }
                    value = next
                }
                return value
            }
        }
        return nil
    }

    private func child(_ name: String, of object: Any) -> Any? {
        guard let value = Mirror(reflecting: object).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.first?.value }
        return value
    }

    struct CheckerError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
