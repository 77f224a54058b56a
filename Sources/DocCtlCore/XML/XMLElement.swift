/// An XML element as a value: name, namespace, attributes in document order, children, line.
///
/// The reader produces it and the writer consumes it, so docctl never holds libxml2 pointers
/// outside the XML layer.
public struct XMLElement: Sendable, Hashable {
    /// The local name, without a prefix.
    public var name: String
    /// The namespace URI, or `nil` for an element in no namespace.
    public var namespace: String?
    /// Attributes in document order (the writer keeps this order).
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]
    /// 1-based line of the start tag in the source; 0 for elements built in code.
    /// libxml2 stores element lines in 16 bits, so lines past 65535 read as 65535.
    public var line: Int

    /// An element; `line` is only meaningful for elements read from a file.
    public init(
        name: String,
        namespace: String? = nil,
        attributes: [XMLAttribute] = [],
        children: [XMLNode] = [],
        line: Int = 0
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The value of the first attribute with this local name and namespace.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }

    /// Child elements with this local name (any namespace when `namespace` is `nil`).
    public func elements(named name: String, namespace: String? = nil) -> [XMLElement] {
        childElements.filter { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// The first child element with this local name (any namespace when `namespace` is `nil`).
    public func firstElement(named name: String, namespace: String? = nil) -> XMLElement? {
        childElements.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// The child elements, skipping text.
    public var childElements: [XMLElement] {
        children.compactMap(\.element)
    }

    /// The concatenated text of all descendants, in document order.
    public var textContent: String {
        children.map(\.textContent).joined()
    }
}
