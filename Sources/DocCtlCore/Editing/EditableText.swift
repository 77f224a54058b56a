import Foundation

/// A text file held as lines with their own line ends, so that an edit changes only the lines it
/// touches and every other byte (BOM, CRLF, trailing spaces, comments) is written back unchanged.
///
/// Positions are 1-based lines and 1-based columns in Unicode scalars, the convention of Yams
/// marks and ``SourceLocation``. A BOM is not part of line 1 (libyaml does not count it either).
public struct EditableText: Sendable, Equatable {
    /// A line without its terminator, and the terminator (`\n`, `\r\n`, `\r` or empty on the last line).
    public struct Line: Sendable, Equatable {
        public var content: String
        public var terminator: String
    }

    /// A place in the text: 1-based line, 1-based column in Unicode scalars.
    public struct Position: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
        public static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
        public var description: String { "\(line):\(column)" }
    }

    public var hasBOM: Bool
    public var lines: [Line]

    /// Decodes UTF-8 `data` (a BOM is kept aside and written back); nil when it is not UTF-8.
    public init?(data: Data) {
        var bytes = [UInt8](data)
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        self.init(text: text, hasBOM: bom)
    }

    /// Splits `text` into lines, keeping each line's terminator.
    public init(text: String, hasBOM: Bool = false) {
        self.hasBOM = hasBOM
        var result: [Line] = []
        var current = ""
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\n":
                result.append(Line(content: current, terminator: "\n"))
                current = ""
            case "\r":
                if pending == "\n" {
                    pending = scalars.next()
                    result.append(Line(content: current, terminator: "\r\n"))
                } else {
                    result.append(Line(content: current, terminator: "\r"))
                }
                current = ""
            default:
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty || result.isEmpty { result.append(Line(content: current, terminator: "")) }
        lines = result
    }

    /// The text without BOM, as YAML parsers see it.
    public var text: String { lines.map { $0.content + $0.terminator }.joined() }

    /// The bytes to write back: BOM (if there was one) and text.
    public var data: Data { Data(((hasBOM ? "\u{FEFF}" : "") + text).utf8) }

    /// The line end used for new lines: the first line's, or LF.
    public var lineEnding: String { lines.first(where: { !$0.terminator.isEmpty })?.terminator ?? "\n" }

    /// The content of 1-based line `number` (empty past the end).
    public func content(_ number: Int) -> String {
        lines.indices.contains(number - 1) ? lines[number - 1].content : ""
    }

    /// Inserts `text` (one line, no terminator) so that it becomes line `number`.
    public mutating func insertLine(_ text: String, asLine number: Int) {
        let index = max(0, min(number - 1, lines.count))
        if index == lines.count, let last = lines.indices.last {
            if lines[last].content.isEmpty && lines[last].terminator.isEmpty {
                // The file ends with a line end: the empty "line" after it is where the text goes.
                lines[last] = Line(content: text, terminator: lineEnding)
                return
            }
            if lines[last].terminator.isEmpty { lines[last].terminator = lineEnding }
        }
        lines.insert(Line(content: text, terminator: lineEnding), at: index)
    }

    /// Inserts `text` (no line ends) at `position`.
    public mutating func insert(_ text: String, at position: Position) {
        replace(from: position, to: position, with: text)
    }

    /// Replaces the text between two positions on the same line.
    public mutating func replace(from start: Position, to end: Position, with text: String) {
        precondition(start.line == end.line && start <= end, "replacements stay on one line")
        let index = start.line - 1
        guard lines.indices.contains(index) else { return }
        var scalars = Array(lines[index].content.unicodeScalars)
        let lower = min(max(start.column - 1, 0), scalars.count)
        let upper = min(max(end.column - 1, lower), scalars.count)
        scalars.replaceSubrange(lower..<upper, with: Array(text.unicodeScalars))
        lines[index].content = String(String.UnicodeScalarView(scalars))
    }

    /// The Unicode scalar at `position`, or nil past the end of its line.
    public func scalar(at position: Position) -> Unicode.Scalar? {
        let scalars = Array(content(position.line).unicodeScalars)
        return scalars.indices.contains(position.column - 1) ? scalars[position.column - 1] : nil
    }

    /// Whether line `number` is blank or only a comment.
    public func isBlankOrComment(_ number: Int) -> Bool {
        let trimmed = content(number).trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// The leading spaces of line `number`.
    public func indentation(_ number: Int) -> String {
        String(content(number).prefix { $0 == " " })
    }
}
