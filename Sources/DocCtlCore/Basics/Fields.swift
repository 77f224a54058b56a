import Foundation

/// docctl's own length-prefixed record format (the build cache): each field its UTF-8 length in
/// decimal, a colon, its bytes and a line feed, written straight into one buffer (no coding
/// container per value) and read back without trusting any length or count in it.
struct FieldWriter {
    var bytes = Data()
    /// Set by ``counting()``: nothing is stored, ``size`` only adds up what would be.
    private var countsOnly = false
    /// The bytes the calls so far wrote, or would have written.
    private(set) var size = 0

    init() {}

    /// A writer with room for exactly `capacity` bytes, so that it never grows by doubling.
    init(reserving capacity: Int) { bytes.reserveCapacity(capacity) }

    /// A writer that stores nothing and only counts (``size``): run the same calls on it first to
    /// size the real buffer exactly (the build cache is ~120 MB at 1000 large documents).
    static func counting() -> FieldWriter {
        var writer = FieldWriter()
        writer.countsOnly = true
        return writer
    }

    mutating func field(_ text: String) {
        let length = text.utf8.count
        let prefix = String(length)
        size += prefix.utf8.count + length + 2
        if countsOnly { return }
        bytes.append(contentsOf: prefix.utf8)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\n"))
    }

    mutating func count(_ value: Int) { field(String(value)) }

    /// An optional text: a presence field (`1` / `0`), then the text when present.
    mutating func optional(_ text: String?) {
        field(text == nil ? "0" : "1")
        if let text { field(text) }
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
