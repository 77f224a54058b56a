/// An attribute of an ``XMLElement``: a local name, an optional namespace URI and a value.
///
/// Namespace declarations (`xmlns`, `xmlns:p`) are not attributes: the reader resolves them into
/// namespace URIs and the writer declares what it needs.
public struct XMLAttribute: Sendable, Hashable {
    /// The local name, without a prefix.
    public var name: String
    /// The namespace URI; `nil` for the usual unprefixed attribute.
    public var namespace: String?
    public var value: String

    /// An attribute; `namespace` is only needed for attributes such as `xml:lang` or
    /// `xsi:schemaLocation`.
    public init(name: String, value: String, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
        self.value = value
    }
}
