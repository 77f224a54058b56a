import Foundation

/// Environment failures that stop a command before any rule runs (exit status 2).
public enum DocCtlError: Error, CustomStringConvertible, Sendable {
    case notADocumentSet(String)
    case io(String)
    case usage(String)

    public var description: String {
        switch self {
        case .notADocumentSet(let message), .io(let message), .usage(let message): message
        }
    }
}
