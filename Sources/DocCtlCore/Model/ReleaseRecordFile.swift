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
        // By UTF-8 bytes: splitting the record into Characters (grapheme breaking of its Chinese
        // text) cost more than the rest of checking the seal.
        text.withUTF8Bytes { bytes -> (digest: String, line: Int)? in
            let key = Array("digest: ".utf8)
            var line = 1
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                if end - start >= key.count, bytes[start..<start + key.count].elementsEqual(key) {
                    let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + key.count)..<end]), as: UTF8.self)
                    return (Whitespace.trimming(value), line)
                }
                line += 1
                start = end + 1
            }
            return nil
        }
    }
}
