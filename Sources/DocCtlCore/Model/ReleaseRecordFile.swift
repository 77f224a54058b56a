/// Where `docctl release` keeps the record of a released revision: `<document folder>/releases/<L-N>.yaml`
/// (its format: Revisions/ReleaseRecord.swift). Here, below both, so that `check` can find a record
/// to compare a seal with.
public enum ReleaseRecordFile {
    /// The folder of release records inside a document folder.
    public static let folderName = "releases"

    /// `<folder>/releases/A-2.yaml`, relative to the document set.
    public static func path(folder: String, revision: RevisionMark) -> String {
        "\(folder)/\(folderName)/\(revision.pathComponent).yaml"
    }

    /// The `digest:` line of a record's text and its line number (1-based), if there is one: a
    /// record is written with its digest on a line of its own (`digest: sha256:…`).
    public static func digest(in text: String) -> (digest: String, line: Int)? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.hasPrefix("digest: ") {
            return (Whitespace.trimming(line.dropFirst(8)), index + 1)
        }
        return nil
    }
}
