import Foundation

/// Records the issue of a controlled copy in a document's distribution register
/// (`<document>/distribution.yaml`), editing the file as text like `release` edits history.yaml:
/// one appended entry in the layout of the entries already there; comments, quoting and line ends
/// elsewhere stay byte for byte. A register that does not exist yet is created with a heading comment.
public enum DistributionRegister {
    /// What recording an issue changes.
    public enum Change: Sendable, Equatable {
        /// The register's new bytes, to be written to `path` (relative to the set).
        case write(path: String, data: Data)
        /// The copy of this revision is already recorded as issued (and not returned): nothing to write.
        case alreadyRecorded(issued: Day?)
    }

    /// The register's path relative to the set.
    public static func path(of document: Document) -> String { "\(document.folder)/\(DistributionLoader.fileName)" }

    /// The edit that records copy `registration` of `document`'s released revision as issued on `date`.
    public static func recordIssue(_ registration: CopyRegistration, of document: Document, in set: DocumentSet,
                                   date: Day) throws(WorkflowError) -> Change {
        guard let revision = document.lastReleased?.revisionText else {
            throw .refused("\(document.number) has no released revision to issue")
        }
        if let existing = document.copyIssues.first(where: { $0.copy == registration.copy && $0.revisionText == revision && $0.isOutstanding }) {
            return .alreadyRecorded(issued: existing.issued)
        }
        let relative = path(of: document)
        let url = set.root.appendingPathComponent(relative)
        let fields: [(key: String, value: String)] = [("copy", registration.copy), ("holder", registration.holder),
                                                      ("revision", revision), ("issued", date.description)]
        let existing: Data?
        do {
            existing = FileManager.default.fileExists(atPath: url.path) ? try Data(contentsOf: url) : nil
        } catch {
            throw .environment("cannot read \(relative): \(error.localizedDescription)")
        }
        if let existing, document.copyIssues.isEmpty == false || hasEntries(existing) {
            var editor = try HistoryFileEditor(data: existing, path: relative)
            try editor.appendEntry(fields)
            return .write(path: relative, data: editor.text.data)
        }
        // A new register, or one holding only comments: keep what is there and add the first entry.
        var text = existing.flatMap { EditableText(data: $0) } ?? EditableText(text: "# 文件发放回收登记 — \(document.number) \(document.title)\n")
        let entry = "- { " + fields.map { "\($0.key): \(YAMLScalarText.format($0.value, style: ["copy", "revision"].contains($0.key) ? .doubleQuoted : .plain, inFlow: true))" }
            .joined(separator: ", ") + " }"
        var last = text.lines.count
        while last > 0 && text.content(last).trimmingCharacters(in: .whitespaces).isEmpty { last -= 1 }
        text.insertLine(entry, asLine: last + 1)
        return .write(path: relative, data: text.data)
    }

    /// Whether the register's text holds a list (anything but blanks and comments).
    static func hasEntries(_ data: Data) -> Bool {
        guard let text = EditableText(data: data) else { return true }
        return text.lines.indices.contains { !text.isBlankOrComment($0 + 1) }
    }
}
