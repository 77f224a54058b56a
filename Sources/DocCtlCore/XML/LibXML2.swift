import CXMLShim
import Foundation

/// The one gate into libxml2: a process-wide lock, the per-call error list, and reading a
/// parsed tree into Swift values.
///
/// libxml2 keeps global state (error handlers, the entity loader, formatting settings) that the
/// C layer sets and restores around each call, so two calls must never overlap.
enum LibXML2 {
    /// Recursive so that a schema released inside a locked section (its deinit locks too)
    /// cannot deadlock.
    private static let lock = NSRecursiveLock()

    /// Runs `body` while holding the libxml2 lock.
    static func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        docctl_xml_initialize()
        return body()
    }

    /// Runs `body` with a fresh error list, returning its result and the issues collected.
    /// Call inside ``locked(_:)``.
    static func collectingIssues<T>(_ body: (OpaquePointer) -> T) -> (T, [XMLIssue]) {
        guard let errors = docctl_xml_errors_new() else {
            preconditionFailure("out of memory allocating an XML error list")
        }
        defer { docctl_xml_errors_free(errors) }
        let result = body(errors)
        let issues = (0..<docctl_xml_errors_count(errors)).compactMap { index -> XMLIssue? in
            guard let error = docctl_xml_errors_get(errors, index)?.pointee else { return nil }
            return XMLIssue(
                severity: error.level >= DOCCTL_XML_LEVEL_ERROR ? .error : .warning,
                line: Int(error.line),
                column: Int(error.column),
                message: String(cString: error.message)
            )
        }
        return (result, issues)
    }

    /// Whether the C layer refused an entity declaration among the errors of `errors`.
    static func refusedEntityDeclaration(_ errors: OpaquePointer) -> Bool {
        (0..<docctl_xml_errors_count(errors)).contains { index in
            docctl_xml_errors_get(errors, index)?.pointee.code == DOCCTL_XML_CODE_ENTITY_DECLARATION
        }
    }

    /// Parses `data` into a libxml2 document, or returns `nil` with the reasons in `errors`.
    /// The caller frees the document with `docctl_xml_doc_free`.
    static func parse(_ data: Data, errors: OpaquePointer) -> OpaquePointer? {
        data.withUnsafeBytes { bytes in
            docctl_xml_parse(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, errors)
        }
    }

    /// Copies a libxml2 element and its subtree into an ``XMLElement``.
    /// Recursion is safe: libxml2 refuses documents nested deeper than 256 levels.
    static func element(from node: OpaquePointer) -> XMLElement {
        var attributes: [XMLAttribute] = []
        var attribute = docctl_xml_node_first_attribute(node)
        while let current = attribute {
            let value = docctl_xml_attr_value(current)
            defer { docctl_xml_free(value) }
            attributes.append(XMLAttribute(
                name: string(docctl_xml_attr_name(current)) ?? "",
                value: string(value) ?? "",
                namespace: string(docctl_xml_attr_namespace(current))
            ))
            attribute = docctl_xml_attr_next(current)
        }

        var children: [XMLNode] = []
        var child = docctl_xml_node_first_child(node)
        while let current = child {
            switch docctl_xml_node_kind(current) {
            case DOCCTL_XML_NODE_ELEMENT:
                children.append(.element(element(from: current)))
            case DOCCTL_XML_NODE_TEXT:
                children.append(.text(string(docctl_xml_node_text(current)) ?? ""))
            default:
                break // comments and processing instructions are not part of the model
            }
            child = docctl_xml_node_next_sibling(current)
        }

        return XMLElement(
            name: string(docctl_xml_node_name(node)) ?? "",
            namespace: string(docctl_xml_node_namespace(node)),
            attributes: attributes,
            children: children,
            line: docctl_xml_node_line(node)
        )
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
