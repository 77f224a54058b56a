import Foundation
import ZIPFoundation

/// A zip archive whose bytes depend only on its entries and one date: the same files give the
/// same zip, run after run (the audit pack, `docctl audit-pack`).
///
/// ZIPFoundation writes what it is given and nothing that varies: a local header and a central
/// directory record per entry with no extra fields (a ZIP64 field only past 4 GiB), the UTF-8 flag,
/// "made by" Unix, and an MS-DOS date and time computed in UTC. So the entries are written in the
/// order given (callers sort them), every one as a regular file with mode 0644, dated `modified`
/// (to the even second, as MS-DOS dates go), deflated by zlib (the same zlib gives the same bytes); no folder entries.
public enum DeterministicZip {
    /// The mode of every entry.
    public static let permissions: UInt16 = 0o644

    /// The archive holding `entries` in this order. Refuses a name that is empty, absolute, holds
    /// `.`, `..`, a backslash or a control character, or appears twice: unpacking it could write
    /// outside the folder it is unpacked into, or lose a file.
    public static func data(_ entries: [(path: String, data: Data)], modified: Date) throws(DocCtlError) -> Data {
        var seen = Set<String>()
        for entry in entries {
            guard RelativePath.isSafe(entry.path) else { throw .io("internal error: zip entry name '\(entry.path)' is not a relative path inside the archive") }
            guard seen.insert(entry.path).inserted else { throw .io("internal error: zip entry '\(entry.path)' is written twice") }
        }
        do {
            let archive = try Archive(accessMode: .create)
            for entry in entries {
                let bytes = entry.data
                try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: modified,
                                     permissions: permissions, compressionMethod: .deflate) { position, size in
                    let start = bytes.startIndex + Int(position)
                    return bytes.subdata(in: start..<min(start + size, bytes.endIndex))
                }
            }
            guard let data = archive.data else { throw DocCtlError.io("cannot assemble the zip archive in memory") }
            return data
        } catch let error as DocCtlError {
            throw error
        } catch {
            throw .io("cannot write the zip archive: \(error)")
        }
    }
}
