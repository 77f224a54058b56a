/// Why a file could not be imported at all: one line naming the problem. Nothing is written.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    /// One line, whatever the cause quoted into it (libxml2 messages can hold line breaks).
    public init(_ message: String) {
        self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    public var description: String { message }
}
