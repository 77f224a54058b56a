/// Literal text operations without Foundation. `replacingOccurrences(of:with:)`, `contains(_:)` and
/// `trimmingCharacters(in:)` from Foundation convert to UTF-16 and look up protocol conformances the
/// first time they run; on the example set that was a tenth of `check`. These work on UTF-8 bytes:
/// a valid UTF-8 needle can only match at a scalar boundary of valid UTF-8 text, so the results are
/// valid text. Comparison is literal (no canonical equivalence), which is what the callers want:
/// blanks, CR line ends, fixed words.
extension String {
    /// Every occurrence of `target` replaced with `replacement`, left to right, without overlaps.
    public func replacingLiteral(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return withUTF8Bytes { text -> String in
            target.withUTF8Bytes { needle -> String in
                guard var match = LiteralText.firstMatch(of: needle, in: text, from: 0) else { return self }
                var result: [UInt8] = []
                result.reserveCapacity(text.count)
                var copied = 0
                let replacementBytes = Array(replacement.utf8)
                while true {
                    result.append(contentsOf: text[copied..<match])
                    result.append(contentsOf: replacementBytes)
                    copied = match + needle.count
                    guard let next = LiteralText.firstMatch(of: needle, in: text, from: copied) else { break }
                    match = next
                }
                result.append(contentsOf: text[copied...])
                return String(decoding: result, as: UTF8.self)
            }
        }
    }

    /// Whether `target` occurs in the text (byte for byte).
    public func containsLiteral(_ target: String) -> Bool {
        guard !target.isEmpty else { return true }
        return withUTF8Bytes { text in target.withUTF8Bytes { LiteralText.firstMatch(of: $0, in: text, from: 0) != nil } }
    }
}

enum LiteralText {
    /// The byte offset of the first occurrence of `needle` in `text` at or after `start`.
    static func firstMatch(of needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= text.count else { return nil }
        var index = start
        let last = text.count - needle.count
        while index <= last {
            if text[index] == first {
                var offset = 1
                while offset < needle.count, text[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}
