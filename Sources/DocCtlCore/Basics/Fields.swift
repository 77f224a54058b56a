import Foundation

/// docctl's own length-prefixed record format (the build cache): each field its UTF-8 length in
/// decimal, a colon, its bytes and a line feed, written straight into one buffer (no coding
/// container per value) and read back without trusting any length or count in it.
struct FieldWriter {
    var bytes = Data()
    /// Set by ``streaming(every:_:)``: receives the bytes a piece at a time instead of ``bytes``
    /// holding them all.
    private var sink: ((Data) -> Void)?
    private var pieceSize = 0

    init() {}

    /// A writer that hands what it wrote to `sink` whenever it holds `pieceSize` bytes or more, and
    /// the rest at ``finish()``: the build cache (~120 MB at 1000 large documents) is hashed and
    /// written to its file without ever being whole in memory.
    static func streaming(every pieceSize: Int = 1 << 20, _ sink: @escaping (Data) -> Void) -> FieldWriter {
        var writer = FieldWriter()
        writer.sink = sink
        writer.pieceSize = pieceSize
        writer.bytes.reserveCapacity(pieceSize + 4096)
        return writer
    }

    mutating func field(_ text: String) {
        // Appended from the string's own buffer: `append(contentsOf: text.utf8)` went byte by byte
        // through a generic path, most of the time spent writing the cache.
        text.withUTF8Bytes { utf8 in
            bytes.append(contentsOf: String(utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        if sink != nil, bytes.count >= pieceSize { finish() }
    }

    mutating func count(_ value: Int) { field(String(value)) }

    /// Fields written before by another writer (``bytes`` of it), appended as they are.
    mutating func raw(_ fields: [UInt8]) {
        bytes.append(contentsOf: fields)
        if sink != nil, bytes.count >= pieceSize { finish() }
    }

    /// An optional text: a presence field (`1` / `0`), then the text when present.
    mutating func optional(_ text: String?) {
        field(text == nil ? "0" : "1")
        if let text { field(text) }
    }

    /// With a sink (``streaming(every:_:)``), hands it the bytes not handed over yet.
    mutating func finish() {
        guard let sink, !bytes.isEmpty else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Reads what ``FieldWriter`` wrote; every read returns nil on anything that does not parse.
struct FieldReader {
    let bytes: [UInt8]
    var position: Int
    var atEnd: Bool { position >= bytes.count }

    mutating func field() -> String? {
        guard let range = nextField() else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Steps over a field without decoding it; false when it does not parse.
    mutating func skip() -> Bool { nextField() != nil }

    /// The bytes of the next field, the position moved past it.
    private mutating func nextField() -> Range<Int>? {
        var length = 0
        var digits = 0
        while position < bytes.count, bytes[position] != UInt8(ascii: ":") {
            let byte = bytes[position]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 10 else { return nil }
            length = length * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            position += 1
        }
        let start = position + 1
        guard digits > 0, start + length < bytes.count, bytes[start + length] == UInt8(ascii: "\n") else { return nil }
        position = start + length + 1
        return start..<(start + length)
    }

    /// A field holding a count (bounded by what is left of the file, so a forged count cannot make a huge array).
    mutating func count() -> Int? {
        guard let text = field(), let value = Int(text), value >= 0, value <= bytes.count - position else { return nil }
        return value
    }

    /// A field holding any integer (a line or column).
    mutating func integer() -> Int? { field().flatMap { Int($0) } }

    /// What ``FieldWriter/optional(_:)`` wrote: `.some(nil)` for an absent text, nil when it does not parse.
    mutating func optional() -> String?? {
        switch field() {
        case "0": return .some(nil)
        case "1": return field().map { .some($0) }
        default: return nil
        }
    }
}
