import Crypto
import Foundation

/// The content digest of a document: what `release` seals and `check` compares.
///
/// It covers what a reader reads — the body files and the identity and content fields (number,
/// title, type, classification, control, clauses, records) — and leaves out history.yaml, approvals,
/// distribution and review dates, which change as the document is administered. Text is
/// normalised first: UTF-8 without BOM, LF line ends, no trailing blanks on lines, no trailing
/// empty lines. The digest is SHA-256 over this canonical form, written `sha256:<64 hex digits>`:
///
///     docctl-content-digest 1
///     number: QP-04
///     title: 事件与服务请求管理程序
///     type: procedure
///     classification: 内部公开
///     control: controlled
///     clauses: 8.6.1,8.6.2
///     records: REC-05,REC-06
///     file: body.md <byte count>
///     <normalised text>
public enum ContentDigest {
    public static let prefix = "sha256:"

    /// The canonical bytes the digest is computed over.
    public static func canonical(_ document: Document, sources: [String: SourceFile]) -> Data {
        var text = "docctl-content-digest 1\n"
        text += "number: \(document.number)\n"
        text += "title: \(document.title)\n"
        text += "type: \(document.type.rawValue)\n"
        text += "classification: \(document.classification?.value ?? "")\n"
        text += "control: \(document.controlled ? "controlled" : "uncontrolled")\n"
        text += "clauses: \(document.clauses.map(\.value).joined(separator: ","))\n"
        text += "records: \(document.records.map(\.value).joined(separator: ","))\n"
        for body in document.bodyFiles {
            let normalised = normalize(sources[body.path]?.text ?? "")
            let name = body.path.split(separator: "/").last.map(String.init) ?? body.path
            text += "file: \(name) \(normalised.utf8.count)\n"
            text += normalised
        }
        return Data(text.utf8)
    }

    public static func digest(_ document: Document, sources: [String: SourceFile]) -> String {
        hash(canonical(document, sources: sources))
    }

    public static func hash(_ data: Data) -> String {
        prefix + SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// LF line ends, no BOM, no trailing blanks, exactly one final newline (empty text stays empty).
    public static func normalize(_ text: String) -> String {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        body = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var line = line
            while let last = line.last, last == " " || last == "\t" || last == "\u{3000}" { line.removeLast() }
            return line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Whether `text` is a well-formed digest.
    public static func isWellFormed(_ text: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let hex = text.dropFirst(prefix.count)
        return hex.count == 64 && hex.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
