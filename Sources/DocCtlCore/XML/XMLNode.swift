/// One child of an ``XMLElement``: an element or a run of text.
///
/// Comments and processing instructions are not part of docctl's model: the reader skips them.
public enum XMLNode: Sendable, Hashable {
    case element(XMLElement)
    case text(String)

    /// The element, if this node is one.
    public var element: XMLElement? {
        if case .element(let element) = self { return element }
        return nil
    }

    /// The text of this node and all its descendants.
    public var textContent: String {
        switch self {
        case .element(let element): element.textContent
        case .text(let text): text
        }
    }
}
