/// The names a document takes on the site, and the names it may not take: rules on document
/// numbers (`document-folder-name`) and the site renderer read them from here.
public enum SiteNames {
    /// Names the site root uses for itself (master list, coverage, assets, the manifest).
    public static let reserved = ["index.html", "coverage.html", "assets", "SHA256SUMS"]

    /// The longest document folder name, in UTF-8 bytes: a file name ends at 255 bytes, and the
    /// longest name docctl makes from it appends `_<L-N>_<L-N>_diff.html`.
    public static let maximumFolderBytes = 200

    /// A folder name that cannot leave its parent: letters, digits, `-`, `_`, `.` (not leading);
    /// anything else becomes `_`.
    public static func safeComponent(_ text: String) -> String {
        var result = String(text.unicodeScalars.map { scalar -> Character in
            let ok = scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "_"
                || scalar == "."
            return ok && scalar.value > 0x20 ? Character(scalar) : "_"
        })
        while result.hasPrefix(".") { result = "_" + result.dropFirst() }
        return result.isEmpty ? "_" : result
    }
}
