import Foundation
@testable import DocCtlCore

/// Test inputs written as Swift string literals.
extension Data {
    init(xml: String) { self = Data(xml.utf8) }
}

extension XMLElement {
    /// The same tree with every line set to 0, to compare a read tree with one built in code.
    var withoutLines: XMLElement {
        var copy = self
        copy.line = 0
        copy.children = children.map { child in
            if case .element(let element) = child { return .element(element.withoutLines) }
            return child
        }
        return copy
    }
}

/// The error `body` throws, or `nil` when it succeeds.
func caughtXMLError<T>(_ body: @autoclosure () throws(XMLError) -> T) -> XMLError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
