/// `[[QP-04@B/1]]`: a reference that deliberately names one revision of a document instead of
/// its current one (which `[[QP-04]]` follows through the document's pointer page).
public struct PinnedReference: Sendable, Hashable {
    /// The document number before `@`.
    public var number: String
    /// The revision after `@`, as written (`B/1`).
    public var revision: String

    /// Splits `QP-04@B/1`; nil when the target has no `@` or an empty side.
    public init?(_ target: String) {
        // An ASCII target (most are) is searched by byte, where "@" is always a character of its own.
        let ascii = target.withUTF8Bytes { $0.allSatisfy { $0 < 0x80 } }
        guard let at = ascii ? target.utf8.firstIndex(of: UInt8(ascii: "@")) : target.firstIndex(of: "@") else { return nil }
        let number = Whitespace.trimming(target[..<at])
        let revision = Whitespace.trimming(target[target.index(after: at)...])
        guard !number.isEmpty, !revision.isEmpty else { return nil }
        self.number = number
        self.revision = revision
    }

    /// The history entry of `document` this reference pins, if the revision is in its history.
    public func entry(in document: Document) -> HistoryEntry? {
        document.history.first { $0.revisionText == revision || ($0.revision.map { $0.description == revision } ?? false) }
    }
}
