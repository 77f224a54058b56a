import DocCtlCore
import Foundation

/// Places an imported document in a set: where the set keeps that type (or `--to`), never over
/// an existing folder, all files or none (written into a staging folder, then renamed).
public enum ImportWriter {
    /// The folder where the set keeps a document of `type` numbered `number`.
    public static func defaultFolder(set: URL, type: DocumentType, number: String) -> URL {
        switch type {
        case .manual: set.appendingPathComponent("manual")
        case .procedure: set.appendingPathComponent("procedures").appendingPathComponent(folderName(number))
        case .instruction: set.appendingPathComponent("instructions").appendingPathComponent(folderName(number))
        case .policy: set.appendingPathComponent("policies").appendingPathComponent(folderName(number))
        case .plan: set.appendingPathComponent("plans").appendingPathComponent(folderName(number))
        }
    }

    /// A document number as a folder name: letters, digits, `-`, `_` and `.` only.
    static func folderName(_ number: String) -> String {
        let cleaned = String(number.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar)) ? Character(scalar) : "-"
        })
        let trimmed = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return trimmed.isEmpty ? "imported" : trimmed
    }

    /// Writes `document`'s files into `folder`, which must not exist yet.
    public static func write(_ document: ImportedDocument, to folder: URL) throws(ImportError) {
        let manager = FileManager.default
        let path = folder.path
        if manager.fileExists(atPath: path) {
            throw ImportError("\(path) already exists; docctl import never overwrites: choose another folder with --to")
        }
        let parent = folder.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".docctl-import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for (relative, bytes) in document.files {
                let url = staging.appendingPathComponent(relative)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw ImportError("cannot write into \(parent.path): \(error.localizedDescription)")
        }
        if manager.fileExists(atPath: path) || rename(staging.path, path) != 0 {
            let reason = manager.fileExists(atPath: path) ? "it already exists" : String(cString: strerror(errno))
            try? manager.removeItem(at: staging)
            throw ImportError("cannot move the imported document into \(path): \(reason); nothing was written")
        }
    }

    /// Writes one file that must not exist yet, whole or not at all: written beside it under a
    /// temporary name, then linked into place (the link fails if the name exists meanwhile).
    public static func writeFile(_ bytes: [UInt8], to file: URL) throws(ImportError) {
        let manager = FileManager.default
        let path = file.path
        if manager.fileExists(atPath: path) {
            throw ImportError("\(path) already exists; docctl import never overwrites: move it away or choose another file with --to")
        }
        let parent = file.deletingLastPathComponent()
        guard manager.fileExists(atPath: parent.path) else {
            throw ImportError("cannot write \(path): the folder \(parent.path) does not exist")
        }
        let staging = parent.appendingPathComponent(".docctl-import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try Data(bytes).write(to: staging, options: .withoutOverwriting)
        } catch {
            try? manager.removeItem(at: staging)
            throw ImportError("cannot write into \(parent.path): \(error.localizedDescription)")
        }
        defer { unlink(staging.path) }
        if link(staging.path, path) != 0 {
            let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
            throw ImportError("cannot write \(path): \(reason); nothing was written")
        }
    }
}
