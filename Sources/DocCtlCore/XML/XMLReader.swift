import CXMLShim
import Foundation

/// Reads XML into ``XMLElement`` trees, safely: no network, no DTD loading, no entities.
///
/// Documents that declare entities are refused, so neither "billion laughs" nor external
/// entities (`SYSTEM "file:///etc/passwd"`) can do anything. Whitespace-only text between
/// elements is dropped (it is indentation for docctl's formats), which also drops a lone space
/// between two inline elements in mixed content.
public enum XMLReader {
    /// The default size limit for one document: 16 MiB.
    public static let defaultMaxBytes = 16 * 1024 * 1024

    /// Parses `data` and returns its root element; with a `schema`, the same parse is also
    /// validated and a violation throws ``XMLError/Kind/invalidDocument``.
    ///
    /// - Parameters:
    ///   - path: names the document in errors.
    ///   - maxBytes: larger inputs throw ``XMLError/Kind/tooLarge`` without being parsed.
    public static func parse(
        _ data: Data,
        path: String,
        schema: XMLSchema? = nil,
        maxBytes: Int = defaultMaxBytes
    ) throws(XMLError) -> XMLElement {
        try read(data, path: path, schema: schema, maxBytes: maxBytes) { doc in
            // A parsed document always has a root element: the C layer checks it.
            LibXML2.element(from: docctl_xml_doc_root(doc)!)
        }.get().value
    }

    /// The result of one parse (and validation), with any warnings reported on the way.
    struct Outcome<Value> {
        var value: Value
        var issues: [XMLIssue]
    }

    /// Parses (and validates) `data` under the libxml2 lock, handing the live document to
    /// `body`; shared by the reader and ``XMLSchema`` so that validating never parses twice.
    static func read<Value>(
        _ data: Data,
        path: String,
        schema: XMLSchema?,
        maxBytes: Int,
        _ body: (OpaquePointer) -> Value
    ) -> Result<Outcome<Value>, XMLError> {
        if data.count > maxBytes {
            return .failure(XMLError(kind: .tooLarge, path: path, issues: [XMLIssue(
                severity: .error,
                line: 0,
                message: "the file is \(data.count) bytes, over the limit of \(maxBytes) bytes "
                    + "for one XML document; split it into smaller files"
            )]))
        }
        let (step, issues) = LibXML2.locked {
            LibXML2.collectingIssues { errors -> ReadStep<Value> in
                guard let doc = LibXML2.parse(data, errors: errors) else {
                    return .refused(LibXML2.refusedEntityDeclaration(errors) ? .entityDeclaration : .malformed)
                }
                defer { docctl_xml_doc_free(doc) }
                if let schema, schema.validate(doc, errors: errors) != 0 {
                    return .refused(.invalidDocument)
                }
                return .parsed(body(doc))
            }
        }
        switch step {
        case .parsed(let value):
            return .success(Outcome(value: value, issues: issues))
        case .refused(let kind):
            return .failure(XMLError(kind: kind, path: path, issues: issues))
        }
    }
}

/// How far one read got: a value from the parsed document, or the kind of refusal.
private enum ReadStep<Value> {
    case parsed(Value)
    case refused(XMLError.Kind)
}
