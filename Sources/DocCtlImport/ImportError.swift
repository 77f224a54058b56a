/// Why a file could not be imported at all: one line naming the problem. Nothing is written.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
