/// Names that documents take in the outputs docctl writes, decided here so that a check can refuse
/// a number before a renderer would write it (`document-folder-name`) and both agree.
public enum SiteNames {
    /// A folder name that cannot leave its parent: letters, digits, `-`, `_`, `.` (not leading);
    /// anything else becomes `_`.
    public static func safeComponent(_ text: String) -> String {
        // Most numbers are ASCII letters, digits, '-', '_' and '.' not led by '.': already safe as they are.
        if let first = text.utf8.first, first != UInt8(ascii: "."), text.withUTF8Bytes({ bytes in
            bytes.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
                default: false
                }
            }
        }) { return text }
        return safeComponentOfScalars(text)
    }

    /// ``safeComponent(_:)`` scalar by scalar, the form its ASCII fast path must agree with.
    static func safeComponentOfScalars(_ text: String) -> String {
        var result = String(text.unicodeScalars.map { scalar -> Character in
            let ok = scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "_"
                || scalar == "."
            return ok && scalar.value > 0x20 ? Character(scalar) : "_"
        })
        while result.hasPrefix(".") { result = "_" + result.dropFirst() }
        return result.isEmpty ? "_" : result
    }

    /// Names the site root uses for itself: no document folder may take them.
    public static let reserved = ["index.html", "coverage.html", "assets", "SHA256SUMS", "distribution.html", "external-documents.html",
                                  "withdrawn.html", "record-disposition.html", "briefing.html"]

    /// The longest document folder name, in UTF-8 bytes: a file name ends at 255 bytes, and the
    /// longest name docctl makes from it appends `_<L-N>_<L-N>_diff.html`.
    public static let maximumFolderBytes = 200

    /// The generated blocks (`{{name}}` alone in a paragraph) docctl knows, in the README's order.
    public static let generatedBlocks = ["procedure-list", "record-list", "responsibility-matrix", "org-chart", "revision-history",
                                         "coverage-matrix", "document-list", "statement-of-applicability", "distribution-register",
                                         "external-document-list", "withdrawn-document-list", "record-disposition",
                                         "briefing-record"]

    /// Levels of departments the organisation chart draws; `organization-tree` reports a department
    /// below them (layout recursed once per level, so a chain of 2 000 departments overflowed the stack).
    public static let maximumDepartmentDepth = 32
}
