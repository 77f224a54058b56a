/// Whether an archive tree made by ``DocumentArchive/element(_:context:buildDate:)`` conforms to the
/// built-in `document.xsd`, without libxml2: the archive's structure — which elements, in which
/// order, with which attributes, enumerated values — is fixed by ``DocumentArchive``'s code, so what
/// can still make one invalid is a value the schema constrains that comes from the sources. Those
/// are checked here, facet by facet:
///
/// - `NonEmpty`: the document's number, revision, language and title; every clause; the standard's
///   id; a section's anchor and number; record ids, copy numbers, history revisions; reference
///   targets, generated block names, image sources;
/// - `xs:date`: `built`, issued/effective/last-review, approval, withdrawal and history dates;
/// - `xs:positiveInteger`: `format`, `review-every-months`, history serials, section levels (≤ 6);
/// - the digest pattern, and the image file and SHA-256 patterns;
/// - a `body` holds XHTML elements only (no text but blanks, no SVG at its top level).
///
/// Characters XML forbids never reach the output (``XMLDirectWriter`` writes U+FFFD, as ``XMLWriter``).
/// ``ArchiveConformanceTests`` holds each facet against libxml2's validation with the schema, on
/// valid archives and on archives broken one facet at a time; the build still validates with libxml2
/// whenever `--templates` brings its own `document.xsd`.
enum ArchiveConformance {
    /// The problems of `root` against the built-in schema, as libxml2 would report errors (empty when valid).
    static func issues(_ root: XMLElement) -> [XMLIssue] {
        var issues: [XMLIssue] = []
        func fail(_ message: String) { issues.append(XMLIssue(severity: .error, line: 0, message: message)) }
        func nonEmpty(_ value: String?, _ what: String) {
            if let value, value.isEmpty { fail("\(what) is empty") }
        }
        func date(_ value: String?, _ what: String) {
            if let value, !isDate(value) { fail("\(what) '\(value)' is not an xs:date") }
        }
        func positive(_ value: String?, _ what: String, atMost: Int? = nil) {
            guard let value else { return }
            guard let number = positiveInteger(value), atMost.map({ number <= $0 }) ?? true else {
                fail("\(what) '\(value)' is not a positive integer\(atMost.map { " up to \($0)" } ?? "")")
                return
            }
        }
        func body(_ element: XMLElement) {
            for child in element.children {
                switch child {
                case .element(let element):
                    if element.namespace != DocumentArchive.xhtmlNamespace { fail("body holds <\(element.name)> outside XHTML") }
                case .text(let text):
                    if !text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { fail("body holds text") }
                }
            }
        }
        func visit(_ element: XMLElement, parent: String) {
            guard element.namespace == DocumentArchive.namespace else { return }
            switch element.name {
            case "document":
                positive(element.attribute("format"), "format")
                for name in ["number", "revision", "language"] { nonEmpty(element.attribute(name) ?? "", name) }
                date(element.attribute("built") ?? "", "built")
            case "title" where parent == "control": nonEmpty(element.textContent, "title")
            case "issued", "effective", "last-review": date(element.textContent, element.name)
            case "review-every-months": positive(element.textContent, element.name)
            case "digest" where parent == "control":
                if !isDigest(element.textContent) { fail("digest '\(element.textContent)' is not sha256:<64 hex digits>") }
            case "standard": nonEmpty(element.attribute("id") ?? "", "standard id")
            case "clause": nonEmpty(element.textContent, "clause")
            case "record": nonEmpty(element.attribute("id") ?? "", "record id")
            case "approval": date(element.attribute("date"), "approval date")
            case "withdrawal": date(element.attribute("date"), "withdrawal date")
            case "copy": nonEmpty(element.attribute("number") ?? "", "copy number")
            case "entry":
                positive(element.attribute("serial"), "serial")
                nonEmpty(element.attribute("revision") ?? "", "history revision")
                date(element.attribute("date"), "history date")
            case "section":
                nonEmpty(element.attribute("anchor") ?? "", "section anchor")
                nonEmpty(element.attribute("number"), "section number")
                positive(element.attribute("level") ?? "", "section level", atMost: 6)
            case "body":
                body(element)
                return
            case "reference": nonEmpty(element.attribute("target") ?? "", "reference target")
            case "block" where parent == "generated": nonEmpty(element.attribute("name") ?? "", "generated block name")
            case "image":
                nonEmpty(element.attribute("source") ?? "", "image source")
                let file = element.attribute("file") ?? ""
                let parts = file.split(separator: ".", omittingEmptySubsequences: false)
                if !(parts.count == 2 && parts[0].hasPrefix("media/") && isHex(parts[0].dropFirst(6), count: 16)
                     && ["png", "jpg", "gif", "webp"].contains(parts[1])) {
                    fail("image file '\(file)' is not media/<16 hex digits>.<png|jpg|gif|webp>")
                }
                if !isHex(Substring(element.attribute("sha256") ?? ""), count: 64) { fail("image sha256 is not 64 hex digits") }
            default: break
            }
            for case .element(let child) in element.children { visit(child, parent: element.name) }
        }
        visit(root, parent: "")
        return issues
    }

    /// `xs:positiveInteger`: an optional `+`, digits, not zero.
    static func positiveInteger(_ text: String) -> Int? {
        let digits = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard let value = Int(digits) else { return Int.max }  // larger than Int: still positive
        return value > 0 ? value : nil
    }

    /// `xs:date` without a time zone, as ``Day`` writes it: `YYYY-MM-DD`, a real day of a year other than 0.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year != 0, (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    static func isDigest(_ text: String) -> Bool {
        text.hasPrefix(ContentDigest.prefix) && isHex(text.dropFirst(ContentDigest.prefix.count), count: 64)
    }

    static func isHex(_ text: Substring, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 || $0 >= 0x61 && $0 <= 0x66 }
    }
}
