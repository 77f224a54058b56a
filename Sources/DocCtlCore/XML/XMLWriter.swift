import CXMLShim
import Foundation

/// Serialises ``XMLElement`` trees through libxml2's tree API, never by string concatenation.
///
/// Output is UTF-8 with an XML declaration, indented by two spaces (elements that contain text
/// stay on one line, so text is never altered), and deterministic: attributes keep their order
/// and namespace prefixes are chosen in document order.
public enum XMLWriter {
    /// The document whose root element is `root`.
    ///
    /// Each element's namespace becomes its default namespace (`xmlns="…"`), declared only where
    /// it changes. Characters that XML 1.0 cannot carry (control characters other than tab,
    /// line feed and carriage return, U+FFFE, U+FFFF) are written as U+FFFD so the output always
    /// parses again. An element or attribute name that is not an XML name without a prefix, or
    /// an attribute that would declare a namespace (`xmlns`), is a programming error and stops
    /// the program.
    public static func serialize(_ root: XMLElement) -> Data {
        serialize(root, validatingWith: nil).data
    }

    /// The document whose root element is `root`, and what `schema` finds wrong with it.
    ///
    /// The tree libxml2 built is validated before it is written, which spares parsing the
    /// output again (the tests still parse every archive and validate it).
    public static func serialize(_ root: XMLElement, validatingWith schema: XMLSchema?) -> (data: Data, issues: [XMLIssue]) {
        LibXML2.locked {
            guard let doc = docctl_xml_doc_new() else {
                preconditionFailure("out of memory creating an XML document")
            }
            defer { docctl_xml_doc_free(doc) }
            add(root, to: nil, in: doc)
            var issues: [XMLIssue] = []
            if let schema {
                // A document that is invalid, or that libxml2 could not validate, always comes with an error issue.
                (_, issues) = LibXML2.collectingIssues { errors in schema.validate(doc, errors: errors) }
            }
            var length = 0
            guard let bytes = docctl_xml_doc_serialize(doc, &length) else {
                preconditionFailure("libxml2 could not serialise an XML document")
            }
            defer { docctl_xml_free(bytes) }
            return (Data(bytes: bytes, count: length), issues)
        }
    }

    private static func add(_ element: XMLElement, to parent: OpaquePointer?, in doc: OpaquePointer) {
        guard let node = docctl_xml_add_element(doc, parent, element.namespace, element.name) else {
            preconditionFailure("XMLWriter: '\(element.name)' is not a valid XML element name")
        }
        for attribute in element.attributes {
            let status = docctl_xml_set_attribute(
                node, attribute.namespace, attribute.name, attribute.value.xmlSafe)
            precondition(status == 0, "XMLWriter: '\(attribute.name)' is not a valid XML attribute name")
        }
        for child in element.children {
            switch child {
            case .element(let child):
                add(child, to: node, in: doc)
            case .text(let text):
                var text = text.xmlSafe
                let status = text.withUTF8 { utf8 in
                    utf8.withMemoryRebound(to: CChar.self) { docctl_xml_add_text(node, $0.baseAddress, $0.count) }
                }
                precondition(status == 0, "libxml2 could not add text to '\(element.name)'")
            }
        }
    }
}

private extension String {
    /// This string with every character XML 1.0 forbids replaced by U+FFFD.
    var xmlSafe: String {
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xFFFD, 0x10000...0x10FFFF: scalar.value != 0xFFFE
            default: false
            }
        }
        if !mayHoldForbiddenCharacter { return self }
        if unicodeScalars.allSatisfy(allowed) { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            result.append(allowed(scalar) ? scalar : "\u{FFFD}")
        }
        return String(result)
    }

    /// False when the UTF-8 bytes show no control character other than tab, LF and CR and no
    /// U+FFFE/U+FFFF (EF BF BE/BF): one pass over bytes instead of decoding every scalar.
    var mayHoldForbiddenCharacter: Bool {
        withUTF8Bytes { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return true }
                index += 1
            }
            return false
        }
    }
}
