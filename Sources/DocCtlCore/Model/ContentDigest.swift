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
///     image: procedures/QP-06-change/media/flow.png <byte count> <SHA-256 hex>
///     data: applicability.yaml <byte count>
///     <normalised text>
///
/// An image is controlled content too: each image the body shows adds one `image:` line (by source
/// path, each file once). A document without images has no such line, so its digest is the one it
/// had before docctl knew images, and the digests sealed then stay valid. A document that shows
/// `{{statement-of-applicability}}` seals the set's applicability.yaml with it (`data:` line).
public enum ContentDigest {
    public static let prefix = "sha256:"

    /// The canonical bytes the digest is computed over.
    public static func canonical(_ document: Document, sources: [String: SourceFile]) -> Data {
        var text = header(document)
        for body in document.bodyFiles {
            let normalised = normalize(sources[body.path]?.text ?? "")
            let name = body.path.split(separator: "/").last.map(String.init) ?? body.path
            text += "file: \(name) \(normalised.utf8.count)\n"
            text += normalised
        }
        text += imageLines(document.images)
        text += dataLines(names: document.placeholderNames, sources: sources)
        return Data(text.utf8)
    }

    /// The lines before the first `file:` line.
    static func header(_ document: Document) -> String {
        var text = "docctl-content-digest 1\n"
        text += "number: \(document.number)\n"
        text += "title: \(document.title)\n"
        text += "type: \(document.type.rawValue)\n"
        text += "classification: \(document.classification?.value ?? "")\n"
        text += "control: \(document.controlled ? "controlled" : "uncontrolled")\n"
        text += "clauses: \(document.clauses.map(\.value).joined(separator: ","))\n"
        text += "records: \(document.records.map(\.value).joined(separator: ","))\n"
        return text
    }

    /// Everything the digest of `document` depends on but the body files' text: with the same
    /// sources, the same key gives the same digest (``DocumentSet/contentDigest(of:)`` keeps them).
    static func inputsBesidesText(_ document: Document, sources: [String: SourceFile]) -> String {
        header(document) + document.bodyFiles.map { "file: \($0.path)\n" }.joined() + imageLines(document.images)
            + dataLines(names: document.placeholderNames, sources: sources)
    }

    /// Set-level files a generated block of these blocks shows, which are the document's content
    /// too: `{{statement-of-applicability}}` adds `data: applicability.yaml <byte count>` and that
    /// file's normalised text, so changing an applicability decision unseals the SoA document like
    /// any change of its text. Empty when no such block is shown (digests sealed before stay valid).
    static func dataLines(_ blocks: [Block], sources: [String: SourceFile]) -> String {
        dataLines(names: Block.placeholderNames(blocks), sources: sources)
    }

    /// ``dataLines(_:sources:)`` of blocks whose own `{{…}}` blocks are `names`.
    static func dataLines(names: [String], sources: [String: SourceFile]) -> String {
        var text = ""
        for (block, file) in dataFiles where names.contains(block) {
            guard let source = sources[file] else { continue }
            let normalised = normalize(source.text)
            text += "data: \(file) \(normalised.utf8.count)\n" + normalised
        }
        return text
    }

    /// Whether `blocks` (nested ones included, as the check walks them) show a generated block that
    /// seals a set file (``dataFiles``): the digest then depends on that file too.
    public static func showsSetData(_ blocks: [Block]) -> Bool {
        blocks.contains { block in
            if case .placeholder(let name, _) = block { dataFiles.contains { $0.block == name } } else { false }
        }
    }

    /// Generated block → the set file (relative to the set) whose text is part of a document showing it.
    static let dataFiles: [(block: String, file: String)] = [("statement-of-applicability", "applicability.yaml")]

    /// One `image: <source> <bytes> <sha256>` line per image; empty without images.
    static func imageLines(_ images: [DocumentImage]) -> String {
        images.map { "image: \($0.source) \($0.data.count) \($0.sha256)\n" }.joined()
    }

    public static func digest(_ document: Document, sources: [String: SourceFile]) -> String {
        hash(canonical(document, sources: sources))
    }

    public static func hash(_ data: Data) -> String {
        prefix + SHA256Hex.of(data)
    }

    /// LF line ends, no BOM, no trailing blanks, exactly one final newline (empty text stays empty).
    public static func normalize(_ text: String) -> String {
        // Fast path for what SourceReader hands over (no BOM, no CR): split on LF bytes and trim only
        // lines whose last bytes are a blank, with the same Character-wise trimming as below. Foundation's
        // replacingOccurrences on Chinese text cost more than the rest of `check` together.
        let utf8 = text.utf8
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) || text.containsUTF8(0x0D) { return normalizeSlowly(text) }
        if !text.withUTF8Bytes(mayEndLineWithBlank) {
            // Only the final newlines can change: keep the text, without a copy when it already ends in one.
            var end = utf8.endIndex
            while end > utf8.startIndex, utf8[utf8.index(before: end)] == 0x0A { end = utf8.index(before: end) }
            if end == utf8.startIndex { return "" }
            if utf8.index(after: end) == utf8.endIndex { return text }
            return String(text[..<end]) + "\n"
        }
        var lines = utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { bytes -> Substring in
            var line = Substring(bytes)
            guard let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x80 else { return line }
            while let end = line.last, end == " " || end == "\t" || end == "\u{3000}" { line.removeLast() }
            return line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Whether some line ends in a space, a tab or U+3000 (bytes E3 80 80): a cheap, conservative
    /// test for "some line has trailing blanks" (grapheme subtleties are left to the slower path).
    static func mayEndLineWithBlank(_ utf8: some Sequence<UInt8>) -> Bool {
        var last: UInt32 = 0x0A  // the last three bytes, most recent lowest
        func blank(_ bytes: UInt32) -> Bool {
            let byte = bytes & 0xFF
            return byte == 0x20 || byte == 0x09 || bytes & 0xFF_FFFF == 0xE3_8080
        }
        for byte in utf8 {
            if byte == 0x0A, blank(last) { return true }
            last = (last << 8) | UInt32(byte)
        }
        return blank(last)
    }

    /// The reference form of ``normalize(_:)`` for text with a BOM or CR line ends.
    static func normalizeSlowly(_ text: String) -> String {
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
