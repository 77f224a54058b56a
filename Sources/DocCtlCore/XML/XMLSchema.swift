import CXMLShim
import Foundation

/// A compiled W3C XML Schema (XSD) that validates documents with libxml2.
///
/// The schema must be self-contained: `xs:include`, `xs:import` and `xs:redefine` of other
/// files are refused, like every other external resource.
public final class XMLSchema: @unchecked Sendable {
    // @unchecked: the pointer is never reassigned, and every use of it (validation, release)
    // happens under the libxml2 lock.
    private let pointer: OpaquePointer
    /// Where the schema came from, for messages.
    public let path: String

    /// Compiles the schema in `data`; `path` names it in errors.
    public init(data: Data, path: String) throws(XMLError) {
        struct Attempt { var schema: OpaquePointer?, wellFormed: Bool, refusedEntity: Bool }
        let (attempt, issues) = LibXML2.locked {
            LibXML2.collectingIssues { errors -> Attempt in
                var wellFormed: Int32 = 0
                let schema = data.withUnsafeBytes { bytes in
                    docctl_xml_schema_new(
                        bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, errors,
                        &wellFormed)
                }
                return Attempt(
                    schema: schema,
                    wellFormed: wellFormed != 0,
                    refusedEntity: LibXML2.refusedEntityDeclaration(errors))
            }
        }
        guard let pointer = attempt.schema else {
            let kind: XMLError.Kind = attempt.refusedEntity
                ? .entityDeclaration
                : (attempt.wellFormed ? .invalidSchema : .malformed)
            throw XMLError(kind: kind, path: path, issues: issues)
        }
        self.pointer = pointer
        self.path = path
    }

    deinit {
        let pointer = pointer
        LibXML2.locked { docctl_xml_schema_free(pointer) }
    }

    /// Parses `data` and checks it against the schema. An empty result means the document is
    /// well-formed, valid and drew no warnings; a document that cannot be parsed at all yields
    /// the parse errors (or the size-limit error) as issues. The issues carry no path: the
    /// caller pairs them with `path`, which names the document the same way
    /// ``XMLReader/parse(_:path:schema:maxBytes:)`` does. To get the tree too, pass the schema
    /// to the reader instead: one parse does both.
    public func validate(
        _ data: Data,
        path: String,
        maxBytes: Int = XMLReader.defaultMaxBytes
    ) -> [XMLIssue] {
        switch XMLReader.read(data, path: path, schema: self, maxBytes: maxBytes, { _ in () }) {
        case .success(let outcome): outcome.issues
        case .failure(let error): error.issues
        }
    }

    /// Validates a parsed libxml2 document: 0 valid, 1 invalid, -1 libxml2 failed.
    /// Call under the libxml2 lock.
    func validate(_ doc: OpaquePointer, errors: OpaquePointer) -> Int32 {
        docctl_xml_schema_validate(pointer, doc, errors)
    }
}
