import Foundation

/// docctl's own length-prefixed record format (the build cache): each field its UTF-8 length in
/// decimal, a colon, its bytes and a line feed, written straight into one buffer (no coding
/// container per value) and read back without trusting any length or count in it.
struct FieldWriter {
    /// What was written and not handed to a sink yet.
    private(set) var buffer: [UInt8] = []
    /// Set by ``streaming(every:_:)``: receives the bytes a piece at a time instead of ``buffer``
    /// holding them all.
    private var sink: ((Data) -> Void)?
    private var pieceSize = 0

    init() {}

    /// The bytes written (and not handed to a sink yet).
    var bytes: Data { Data(buffer) }

    /// A writer that hands what it wrote to `sink` whenever it holds `pieceSize` bytes or more, and
    /// the rest at ``finish()``: the build cache (~120 MB at 1000 large documents) is hashed and
    /// written to its file without ever being whole in memory.
    static func streaming(every pieceSize: Int = 1 << 20, _ sink: @escaping (Data) -> Void) -> FieldWriter {
        var writer = FieldWriter()
        writer.sink = sink
        writer.pieceSize = pieceSize
        writer.buffer.reserveCapacity(pieceSize + 4096)
        return writer
    }

    mutating func field(_ text: String) {
        // Appended from the string's own buffer into a byte array: `append(contentsOf: text.utf8)`
        // went byte by byte through a generic path, and `Data`'s appends through its storage's
        // replace, most of the time spent writing the cache.
        text.withUTF8Bytes { utf8 in field(utf8) }
    }

    /// A field of `utf8`'s bytes.
    mutating func field(_ utf8: UnsafeBufferPointer<UInt8>) {
        appendDecimal(utf8.count)
        buffer.append(UInt8(ascii: ":"))
        buffer.append(contentsOf: utf8)
        endField()
    }

    /// A field of any bytes (not necessarily UTF-8).
    mutating func field(bytes value: ArraySlice<UInt8>) {
        value.withUnsafeBufferPointer { field($0) }
    }

    /// A field holding `value` in decimal (what `field(String(value))` writes, without the string).
    mutating func count(_ value: Int) {
        guard value >= 0 else { return field(String(value)) }
        appendDecimal(Self.decimalDigits(value))
        buffer.append(UInt8(ascii: ":"))
        appendDecimal(value)
        endField()
    }

    /// The line feed after a field; with a sink, the piece handed over once it is full.
    private mutating func endField() {
        buffer.append(UInt8(ascii: "\n"))
        if sink != nil, buffer.count >= pieceSize { finish() }
    }

    /// How many decimal digits `value` (never negative) has.
    private static func decimalDigits(_ value: Int) -> Int {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return digits
    }

    /// The decimal digits of `value` (never negative).
    private mutating func appendDecimal(_ value: Int) {
        var divisor = 1
        for _ in 1..<Self.decimalDigits(value) { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Fields written before by another writer (its ``buffer``), appended as they are.
    mutating func raw(_ fields: [UInt8]) {
        buffer.append(contentsOf: fields)
        if sink != nil, buffer.count >= pieceSize { finish() }
    }

    /// An optional text: a presence field (`1` / `0`), then the text when present.
    mutating func optional(_ text: String?) {
        count(text == nil ? 0 : 1)
        if let text { field(text) }
    }

    /// With a sink (``streaming(every:_:)``), hands it the bytes not handed over yet.
    mutating func finish() {
        guard let sink, !buffer.isEmpty else { return }
        sink(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads what ``FieldWriter`` wrote; every read returns nil on anything that does not parse.
struct FieldReader {
    let bytes: [UInt8]
    var position: Int
    /// Where the fields end (what follows is not read).
    let end: Int
    var atEnd: Bool { position >= end }

    init(bytes: [UInt8], position: Int, end: Int? = nil) {
        self.bytes = bytes
        self.position = position
        self.end = min(end ?? bytes.count, bytes.count)
    }

    mutating func field() -> String? {
        guard let range = nextField() else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The bytes of the next field, as they are in ``bytes`` (no copy).
    mutating func bytesField() -> ArraySlice<UInt8>? {
        nextField().map { bytes[$0] }
    }

    /// Steps over a field without decoding it; false when it does not parse.
    mutating func skip() -> Bool { nextField() != nil }

    /// The bytes of the next field, the position moved past it.
    private mutating func nextField() -> Range<Int>? {
        var length = 0
        var digits = 0
        while position < end, bytes[position] != UInt8(ascii: ":") {
            let byte = bytes[position]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 10 else { return nil }
            length = length * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            position += 1
        }
        let start = position + 1
        guard digits > 0, start + length < end, bytes[start + length] == UInt8(ascii: "\n") else { return nil }
        position = start + length + 1
        return start..<(start + length)
    }

    /// A field holding a count (bounded by what is left of the file, so a forged count cannot make a huge array).
    mutating func count() -> Int? {
        guard let range = nextField(), !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for byte in bytes[range] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard value <= end - position else { return nil }
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
