import Foundation
import Yams

/// Edits history.yaml as text: sets a key of the last entry or appends an entry, touching only
/// the lines it must, in the style of the entries already there (block `key: value` lines or flow
/// `{ key: value, … }`). Every edit is confirmed by parsing the result and comparing its data with
/// what was intended; an edit that cannot be confirmed is refused, never written.
public struct HistoryFileEditor: Sendable {
    /// The text as edited so far.
    public private(set) var text: EditableText
    /// The file's path in messages.
    public let path: String

    /// Reads history.yaml's bytes; refuses text that is not UTF-8 or not a list of entries.
    public init(data: Data, path: String) throws(WorkflowError) {
        guard let text = EditableText(data: data) else {
            throw .refused("\(path) is not UTF-8 text; fix it before releasing or revising")
        }
        self.text = text
        self.path = path
        _ = try parsed()
    }

    /// The parsed top-level list and its entries (each a mapping).
    private func parsed() throws(WorkflowError) -> (Node.Sequence, [Node.Mapping]) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text.text)
        } catch {
            throw .refused("\(path) is not valid YAML; run `docctl check` and fix it first")
        }
        guard case .sequence(let sequence)? = node else {
            throw .refused("\(path) is not a list of history entries")
        }
        var entries: [Node.Mapping] = []
        for item in sequence {
            guard case .mapping(let mapping) = item else {
                throw .refused("\(path): every history entry must be a mapping (revision: …, date: …)")
            }
            entries.append(mapping)
        }
        return (sequence, entries)
    }

    private var value: YAMLValue { YAMLValue.parse(text.text) ?? .other }

    /// Whether the collection that starts at `mark` is written in flow style (`{…}` or `[…]`):
    /// Yams does not report the style of composed collections, the text does.
    private func opensFlow(_ mark: Mark?) -> Bool {
        guard let mark, let scalar = text.scalar(at: EditableText.Position(line: mark.line, column: mark.column)) else { return false }
        return scalar == "{" || scalar == "["
    }

    // MARK: Setting a key of the last entry

    /// Sets `key` of the last entry to `newValue`: replaces the value where the key is written,
    /// or adds the key (a line with the entry's indentation, or `, key: value` in a flow mapping).
    public mutating func setInLastEntry(_ key: String, to newValue: String) throws(WorkflowError) {
        let (_, entries) = try parsed()
        guard let entry = entries.last, var expected = value.items else {
            throw .refused("\(path) has no history entry to edit")
        }
        var last = expected.removeLast().pairs ?? [:]
        last[key] = .scalar(newValue)
        expected.append(.mapping(last))
        let target = YAMLValue.sequence(expected)
        let isFlow = opensFlow(entry.mark)
        for candidate in candidates(setting: key, to: newValue, in: entry, isFlow: isFlow) {
            if YAMLValue.parse(candidate.text) == target {
                text = candidate
                return
            }
        }
        let line = entry.mark?.line ?? 1
        throw .refused("could not set '\(key)' in the last entry of \(path) (line \(line)) without changing anything else",
                       notes: ["the entry's layout is unusual (a multi-line value, an anchor or a comment inside it); simplify it to one `key: value` per line"])
    }

    /// Edited texts to try, most natural first.
    private func candidates(setting key: String, to newValue: String, in entry: Node.Mapping,
                            isFlow: Bool) -> [EditableText] {
        var result: [EditableText] = []
        let existing = entry.first { $0.key.string == key }
        if let existing, let mark = existing.key.mark {
            // Replace the written value on its line, keeping its quotes.
            let position = EditableText.Position(line: mark.line, column: mark.column)
            if let range = YAMLTextScanner.valueRange(in: text, keyAt: position, keyText: key, inFlow: isFlow) {
                var edited = text
                let old = Array(text.content(mark.line).unicodeScalars)
                let oldValue = String(String.UnicodeScalarView(old[(range.start.column - 1)..<(range.end.column - 1)]))
                var replacement = formatted(newValue, like: existing.value, inFlow: isFlow)
                if range.start.column >= 2, old[range.start.column - 2] == ":" { replacement = " " + replacement }
                if oldValue.isEmpty, range.end.column - 1 < old.count, old[range.end.column - 1] == "#" { replacement += " " }
                edited.replace(from: range.start, to: range.end, with: replacement)
                result.append(edited)
            }
            return result
        }
        let written = "\(key): \(formatted(newValue, like: nil, inFlow: isFlow))"
        guard let mark = entry.mark else { return result }
        if isFlow {
            if let end = YAMLTextScanner.flowEnd(in: text, from: EditableText.Position(line: mark.line, column: mark.column)) {
                var edited = text
                edited.insert((end.endsWithComma ? " " : ", ") + written, at: end.afterLastContent)
                result.append(edited)
            }
            return result
        }
        let indentation = String(repeating: " ", count: max(0, mark.column - 1))
        // After the entry's last line (its last non-blank, non-comment line: it is the last entry).
        var lastLine = text.lines.count
        while lastLine > mark.line && text.isBlankOrComment(lastLine) { lastLine -= 1 }
        var edited = text
        edited.insertLine(indentation + written, asLine: lastLine + 1)
        result.append(edited)
        // Or just before one of its keys, from the last one up.
        for pair in entry.reversed() {
            guard let keyMark = pair.key.mark, keyMark.line > mark.line else { continue }
            var edited = text
            edited.insertLine(indentation + written, asLine: keyMark.line)
            result.append(edited)
        }
        return result
    }

    /// `value` written in the quoting style of `like` (a value of the same key in this file).
    private func formatted(_ value: String, like node: Node?, inFlow: Bool) -> String {
        let style: YAMLScalarText.Style
        switch node?.scalar?.style {
        case .doubleQuoted?: style = .doubleQuoted
        case .singleQuoted?: style = .singleQuoted
        default: style = .plain
        }
        // Dates and revision marks stay plain when the file writes them plain (2026-06-15 is a date).
        if style == .plain, Day(value) != nil || value.hasPrefix(ContentDigest.prefix) && !inFlow { return value }
        return YAMLScalarText.format(value, style: style, inFlow: inFlow)
    }

    // MARK: Appending an entry

    /// Appends an entry after the last one, in its layout (block lines or one flow mapping per
    /// entry) and with its key order and quoting; `fields` are (key, value) in canonical order.
    public mutating func appendEntry(_ fields: [(key: String, value: String)]) throws(WorkflowError) {
        let (sequence, entries) = try parsed()
        guard let last = entries.last, let lastMark = last.mark, var expected = value.items else {
            throw .refused("\(path) has no history entry to follow; write the first entry by hand")
        }
        var pairs: [String: YAMLValue] = [:]
        for field in fields { pairs[field.key] = .scalar(field.value) }
        expected.append(.mapping(pairs))
        let target = YAMLValue.sequence(expected)

        // The last entry's key order first, then the keys it does not have.
        let order = last.compactMap(\.key.string)
        let ordered = fields.filter { order.contains($0.key) }.sorted { order.firstIndex(of: $0.key)! < order.firstIndex(of: $1.key)! }
            + fields.filter { !order.contains($0.key) }
        let isFlow = opensFlow(last.mark)
        func write(_ field: (key: String, value: String)) -> String {
            "\(field.key): \(formatted(field.value, like: last.first { $0.key.string == field.key }?.value, inFlow: isFlow))"
        }
        var edited = text
        if opensFlow(sequence.mark) {
            guard let mark = sequence.mark,
                  let end = YAMLTextScanner.flowEnd(in: text, from: EditableText.Position(line: mark.line, column: mark.column)) else {
                throw .refused("\(path): the history list is not closed")
            }
            let entry = "{ " + ordered.map(write).joined(separator: ", ") + " }"
            edited.insert((end.endsWithComma ? " " : ", ") + entry, at: end.afterLastContent)
        } else {
            let firstLine = Array(text.content(lastMark.line).unicodeScalars)
            let prefix = String(String.UnicodeScalarView(firstLine.prefix(max(0, lastMark.column - 1))))
            let hasDash = prefix.contains("-") && prefix.allSatisfy { $0 == " " || $0 == "-" }
            let dashIndent = String(repeating: " ", count: max(0, (sequence.mark?.column ?? 1) - 1))
            var newLines: [String] = []
            // Entries separated by blank lines get one too.
            if entries.count >= 2, let dashLine = hasDash ? Optional(lastMark.line) : Optional(lastMark.line - 1),
               dashLine >= 2, text.content(dashLine - 1).trimmingCharacters(in: .whitespaces).isEmpty {
                newLines.append("")
            }
            if isFlow {
                let lastText = text.content(lastMark.line)
                let spaced = lastText.contains("{ ")
                let body = ordered.map(write).joined(separator: ", ")
                newLines.append((hasDash ? prefix : dashIndent + "- ") + (spaced ? "{ \(body) }" : "{\(body)}"))
            } else {
                let keyIndent = String(repeating: " ", count: max(0, lastMark.column - 1))
                if hasDash {
                    newLines.append(prefix + write(ordered[0]))
                } else {
                    newLines.append(dashIndent + "-")
                    newLines.append(keyIndent + write(ordered[0]))
                }
                for field in ordered.dropFirst() { newLines.append(keyIndent + write(field)) }
            }
            var after = edited.lines.count
            while after > 0 && edited.content(after).trimmingCharacters(in: .whitespaces).isEmpty { after -= 1 }
            for (offset, line) in newLines.enumerated() { edited.insertLine(line, asLine: after + 1 + offset) }
        }
        guard YAMLValue.parse(edited.text) == target else {
            throw .refused("could not append an entry to \(path) without changing the entries already there",
                           notes: ["the file's layout is unusual; add the entry by hand:",
                                   ordered.map { "\($0.key): \($0.value)" }.joined(separator: ", ")])
        }
        text = edited
    }
}
