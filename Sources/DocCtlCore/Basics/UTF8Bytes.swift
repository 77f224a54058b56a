extension String {
    /// Calls `body` with the text's UTF-8 bytes, without a copy for a native string. A byte loop over
    /// the buffer costs a fraction of the same loop over `utf8`, whose iterator is not inlined.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        var text = self
        return try text.withUTF8(body)
    }

    /// Whether the UTF-8 form of the text holds `byte`.
    func containsUTF8(_ byte: UInt8) -> Bool {
        withUTF8Bytes { $0.contains(byte) }
    }
}
