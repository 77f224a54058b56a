import DocCtlCore
import Foundation

/// Parses the XML parts of a package through docctl's libxml2 layer (no network, no entities),
/// refusing a DOCTYPE outright: Word never writes one.
enum WordXML {
    static let maxPartBytes = 64 * 1024 * 1024

    /// The root element of part `path` of `package`, or nil when the part does not exist.
    static func root(_ path: String, in package: inout DocxPackage) throws(ImportError) -> XMLElement? {
        guard let data = try package.read(path) else { return nil }
        return try parse(data, path: path, file: package.name)
    }

    static func parse(_ data: Data, path: String, file: String) throws(ImportError) -> XMLElement {
        if hasDoctype(data) {
            throw ImportError("\(file): \(path) has a DOCTYPE declaration, which Word and Excel never write; refusing the package")
        }
        do {
            return try XMLReader.parse(data, path: path, maxBytes: maxPartBytes)
        } catch {
            switch error.kind {
            case .entityDeclaration:
                throw ImportError("\(file): \(path) declares XML entities; refusing the package")
            case .tooLarge:
                throw ImportError("\(file): \(path) is over \(maxPartBytes / (1024 * 1024)) MB; refusing it")
            default:
                let at = error.line > 0 ? " at line \(error.line)" : ""
                throw ImportError("\(file): \(path) is not well-formed XML\(at): \(error.message)")
            }
        }
    }

    /// Whether the prolog (everything before the root element) holds `<!DOCTYPE`.
    static func hasDoctype(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            let count = bytes.count
            while index + 1 < count {
                if bytes[index] == UInt8(ascii: "<") {
                    let next = bytes[index + 1]
                    if next == UInt8(ascii: "!") {
                        let tag = Array("DOCTYPE".utf8)
                        if index + 2 + tag.count <= count,
                           (0..<tag.count).allSatisfy({ bytes[index + 2 + $0] & 0xDF == tag[$0] }) {
                            return true
                        }
                    } else if next != UInt8(ascii: "?") {
                        return false // the root element: the prolog is over
                    }
                }
                index += 1
            }
            return false
        }
    }
}

extension XMLElement {
    /// The value of an attribute by local name, whatever its namespace (`w:val`, `r:id`).
    func attr(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The first child element with this local name.
    func child(_ name: String) -> XMLElement? {
        for node in children { if case .element(let element) = node, element.name == name { return element } }
        return nil
    }

    /// `w:val` of the child `name`.
    func childValue(_ name: String) -> String? { child(name)?.attr("val") }

    /// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
    func isOn(_ name: String) -> Bool? {
        guard let element = child(name) else { return nil }
        switch element.attr("val") {
        case "0", "false", "off", "none": return false
        default: return true
        }
    }

    /// All descendant elements with this local name, depth first.
    func descendants(_ name: String, into result: inout [XMLElement]) {
        for node in children {
            if case .element(let element) = node {
                if element.name == name { result.append(element) }
                element.descendants(name, into: &result)
            }
        }
    }
}
