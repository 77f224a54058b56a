import Foundation

/// The formats diagnostics can be printed in.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, junit, sarif, github
}

/// Turns finalized diagnostics into text for people, editors and CI systems.
public struct DiagnosticFormatter {
    /// Prefix joined to every source path so that paths are relative to where the user ran docctl.
    public var pathPrefix: String
    public var sources: [String: SourceFile]
    public var colour: Bool

    public init(pathPrefix: String, sources: [String: SourceFile], colour: Bool = false) {
        self.pathPrefix = pathPrefix
        self.sources = sources
        self.colour = colour
    }

    func displayPath(_ path: String) -> String {
        if path.hasPrefix("/") || path.hasPrefix("built-in:") || pathPrefix.isEmpty || pathPrefix == "." { return path }
        return pathPrefix.hasSuffix("/") ? pathPrefix + path : pathPrefix + "/" + path
    }

    func display(_ location: SourceLocation?) -> SourceLocation? {
        location.map { SourceLocation(path: displayPath($0.path), line: $0.line, column: $0.column) }
    }

    public func format(_ diagnostics: [Diagnostic], as format: DiagnosticFormat) -> String {
        switch format {
        case .text: text(diagnostics)
        case .json: json(diagnostics)
        case .junit: junit(diagnostics)
        case .sarif: sarif(diagnostics)
        case .github: github(diagnostics)
        }
    }

    // MARK: Text

    func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    /// `path:line:column: severity[rule]: message`, a source snippet with a caret, then notes.
    public func text(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        var lines: [String: [Substring]] = [:]
        var longLines: [String: [Unicode.Scalar]] = [:]
        /// The source line of `location`, cut to ``snippetWidth`` around the column, and the
        /// caret's column in what is shown. Files are split once, not once per diagnostic:
        /// 10 000 findings on one long line printed 450 MB and took minutes.
        func snippet(_ location: SourceLocation) -> (text: String, caret: Int)? {
            if lines[location.path] == nil {
                guard let file = sources[location.path] else { return nil }
                lines[location.path] = file.text.split(separator: "\n", omittingEmptySubsequences: false)
            }
            guard let all = lines[location.path], location.line >= 1, location.line <= all.count else { return nil }
            let line = all[location.line - 1]
            if line.utf8.count <= DiagnosticFormatter.snippetWidth { return (String(line), location.column) }
            let key = "\(location.line):\(location.path)"
            let scalars = longLines[key] ?? Array(line.unicodeScalars)
            longLines[key] = scalars
            let width = DiagnosticFormatter.snippetWidth
            if scalars.count <= width { return (String(line), location.column) }
            let start = max(0, min(location.column - 1 - width / 2, scalars.count - width))
            let end = min(scalars.count, start + width)
            var text = start > 0 ? "…" : ""
            text.unicodeScalars.append(contentsOf: scalars[start..<end])
            if end < scalars.count { text += "…" }
            return (text, location.column - start + (start > 0 ? 1 : 0))
        }
        let visible = DiagnosticFormatter.visible
        for diagnostic in diagnostics {
            let place = visible(display(diagnostic.location).map { "\($0): " } ?? "", false)
            let level: String
            switch diagnostic.severity {
            case .error: level = paint("error", "1;31")
            case .warning: level = paint("warning", "1;33")
            default: level = paint("note", "1;36")
            }
            output += "\(paint(place, "1"))\(level)[\(diagnostic.rule)]: \(visible(diagnostic.message, false))\n"
            if let location = diagnostic.location, location.line > 0, let (line, caret) = snippet(location) {
                let number = String(location.line)
                let gutter = String(repeating: " ", count: number.count)
                output += "  \(number) | \(visible(line, true))\n"
                if location.column > 0 {
                    // The caret goes under the scalar as shown: an escaped control takes its escape's width.
                    let prefix = visible(String(String.UnicodeScalarView(line.unicodeScalars.prefix(caret - 1))), true).unicodeScalars
                    let pad = prefix.map { $0 == "\t" ? "\t" : (isWide($0) ? "  " : " ") }.joined()
                    output += "  \(gutter) | \(pad)\(paint("^", "1;32"))\n"
                }
            }
            for note in diagnostic.notes {
                let where_ = display(note.location).map { " (\($0))" } ?? ""
                output += "  note: \(visible(note.message + where_, false))\n"
            }
            if let fix = diagnostic.fix { output += "  note: \(visible(fix, false))\n" }
        }
        return output
    }

    /// `text` with every control character shown as its escape (`\u{1B}`, `\u{7}`, `\u{D}`, `\u{A}`):
    /// C0 and C1 controls, DEL, the line and paragraph separators and the bidirectional controls, which a terminal would obey
    /// (a YAML value could retitle the terminal, move the cursor or print a fake "0 errors" line).
    /// A tab stays a tab in source snippets, where it lines up the caret.
    static func visible(_ text: String, keepingTabs: Bool) -> String {
        func hidden(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09: !keepingTabs
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
        guard text.unicodeScalars.contains(where: hidden) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if hidden(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Source lines longer than this (in characters) are shown cut around the column.
    public static let snippetWidth = 160

    /// Han characters and full-width forms take two columns in a terminal.
    func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD: true
        default: false
        }
    }

    /// One-line summary: `2 errors, 1 warning`.
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    // MARK: JSON

    struct JSONLocation: Encodable { var file: String; var line: Int; var column: Int }
    struct JSONNote: Encodable { var message: String; var location: JSONLocation? }
    struct JSONDiagnostic: Encodable {
        var severity: String; var rule: String; var location: JSONLocation?; var message: String
        var notes: [JSONNote]; var fix: String?
    }
    struct JSONReport: Encodable { var diagnostics: [JSONDiagnostic]; var errors: Int; var warnings: Int }

    func jsonLocation(_ location: SourceLocation?) -> JSONLocation? {
        display(location).map { JSONLocation(file: $0.path, line: $0.line, column: $0.column) }
    }

    public func json(_ diagnostics: [Diagnostic]) -> String {
        let report = JSONReport(
            diagnostics: diagnostics.map {
                JSONDiagnostic(severity: $0.severity.rawValue, rule: $0.rule, location: jsonLocation($0.location),
                               message: $0.message, notes: $0.notes.map { JSONNote(message: $0.message, location: jsonLocation($0.location)) },
                               fix: $0.fix)
            },
            errors: diagnostics.filter { $0.severity == .error }.count,
            warnings: diagnostics.filter { $0.severity == .warning }.count)
        return JSONOutput.encode(report)
    }

    // MARK: GitHub annotations

    public func github(_ diagnostics: [Diagnostic]) -> String {
        func escapeData(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        return diagnostics.map { d in
            let command = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
            var properties: [String] = []
            if let location = display(d.location) {
                properties.append("file=\(escapeProperty(location.path))")
                if location.line > 0 { properties.append("line=\(location.line)") }
                if location.column > 0 { properties.append("col=\(location.column)") }
            }
            properties.append("title=\(escapeProperty(d.rule))")
            let message = ([d.message] + d.notes.map(\.message) + (d.fix.map { [$0] } ?? [])).joined(separator: "\n")
            return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }.joined()
    }

    // MARK: JUnit

    /// One test case per rule; a rule with errors fails with one failure element per finding.
    public func junit(_ diagnostics: [Diagnostic]) -> String {
        let byRule = Dictionary(grouping: diagnostics.filter { $0.severity == .error }, by: \.rule)
        var cases: [XMLNode] = []
        for rule in Rules.all {
            var testcase = XMLElement(name: "testcase", attributes: [
                XMLAttribute(name: "classname", value: "docctl.\(rule.category.rawValue.lowercased().replacingOccurrences(of: " ", with: "-"))"),
                XMLAttribute(name: "name", value: rule.id),
            ])
            for finding in byRule[rule.id] ?? [] {
                let place = display(finding.location)?.description ?? ""
                testcase.children.append(.element(XMLElement(name: "failure", attributes: [
                    XMLAttribute(name: "message", value: finding.message), XMLAttribute(name: "type", value: rule.id),
                ], children: [.text("\(place): \(finding.message)")])))
            }
            cases.append(.element(testcase))
        }
        let failures = byRule.values.reduce(0) { $0 + $1.count }
        let suite = XMLElement(name: "testsuite", attributes: [
            XMLAttribute(name: "name", value: "docctl check"), XMLAttribute(name: "tests", value: String(Rules.all.count)),
            XMLAttribute(name: "failures", value: String(failures)), XMLAttribute(name: "errors", value: "0"),
        ], children: cases)
        let root = XMLElement(name: "testsuites", children: [.element(suite)])
        return String(decoding: XMLWriter.serialize(root), as: UTF8.self)
    }

    // MARK: SARIF

    struct SarifLog: Encodable {
        var version = "2.1.0"
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case version, schema = "$schema", runs }
        struct Run: Encodable { var tool: Tool; var results: [Result] }
        struct Tool: Encodable { var driver: Driver }
        struct Driver: Encodable { var name: String; var informationUri: String; var rules: [RuleDescriptor] }
        struct RuleDescriptor: Encodable { var id: String; var shortDescription: Message; var defaultConfiguration: Configuration }
        struct Configuration: Encodable { var level: String }
        struct Message: Encodable { var text: String }
        struct Result: Encodable { var ruleId: String; var level: String; var message: Message; var locations: [Location] }
        struct Location: Encodable { var physicalLocation: Physical }
        struct Physical: Encodable { var artifactLocation: Artifact; var region: Region? }
        struct Artifact: Encodable { var uri: String }
        struct Region: Encodable { var startLine: Int; var startColumn: Int? }
    }

    public func sarif(_ diagnostics: [Diagnostic]) -> String {
        func level(_ severity: Severity) -> String { severity == .error ? "error" : severity == .warning ? "warning" : "note" }
        let rules = Rules.all.map {
            SarifLog.RuleDescriptor(id: $0.id, shortDescription: .init(text: $0.summary), defaultConfiguration: .init(level: level($0.defaultSeverity)))
        }
        let results = diagnostics.map { d in
            SarifLog.Result(ruleId: d.rule, level: level(d.severity),
                            message: .init(text: ([d.message] + (d.fix.map { [$0] } ?? [])).joined(separator: " — ")),
                            locations: display(d.location).map { location in
                                [SarifLog.Location(physicalLocation: .init(
                                    artifactLocation: .init(uri: location.path),
                                    region: location.line > 0 ? .init(startLine: location.line, startColumn: location.column > 0 ? location.column : nil) : nil))]
                            } ?? [])
        }
        let log = SarifLog(runs: [.init(tool: .init(driver: .init(name: "docctl", informationUri: "https://example.invalid/docctl", rules: rules)),
                                        results: results)])
        return JSONOutput.encode(log)
    }
}
