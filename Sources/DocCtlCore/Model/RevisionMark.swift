/// A revision mark `L/N`: edition letter(s) (版本) and revision count within the edition (修订状态).
public struct RevisionMark: Sendable, Hashable, CustomStringConvertible {
    public let edition: String
    public let revision: Int

    public init(edition: String, revision: Int) {
        self.edition = edition
        self.revision = revision
    }

    /// Parses exactly `A/0`: upper-case ASCII letters, `/`, a number without leading zeros.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 3,
              parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }),
              !parts[1].isEmpty, parts[1].count <= 4, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              parts[1] == "0" || !parts[1].hasPrefix("0"), let number = Int(parts[1]) else { return nil }
        self.edition = String(parts[0])
        self.revision = number
    }

    public var description: String { "\(edition)/\(revision)" }

    /// `A-0`, for folder and file names.
    public var pathComponent: String { "\(edition)-\(revision)" }

    /// The next revision within the edition: A/3 → A/4.
    public var nextRevision: RevisionMark { RevisionMark(edition: edition, revision: revision + 1) }

    /// The next edition: A/3 → B/0, skipping letters in `skip` (I and O by default).
    public func nextEdition(skipping skip: Set<Character>) -> RevisionMark {
        // Skipping every letter (skip-letters: [A, …, Z]) would search forever: then none is skipped.
        let skip = RevisionMark.alphabet.allSatisfy(skip.contains) ? [] : skip
        var letters = edition
        repeat { letters = RevisionMark.increment(letters) } while letters.contains(where: skip.contains)
        return RevisionMark(edition: letters, revision: 0)
    }

    static let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    /// A → B … Z → AA, like spreadsheet columns.
    static func increment(_ letters: String) -> String {
        var scalars = Array(letters.unicodeScalars)
        var index = scalars.count - 1
        while index >= 0 {
            if scalars[index] == "Z" {
                scalars[index] = "A"
                index -= 1
            } else {
                scalars[index] = Unicode.Scalar(scalars[index].value + 1)!
                return String(String.UnicodeScalarView(scalars))
            }
        }
        return "A" + String(String.UnicodeScalarView(scalars))
    }
}
