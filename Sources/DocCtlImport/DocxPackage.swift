import Foundation
import ZIPFoundation

/// The parts of a .docx (or .xlsx) package, read safely: the container is recognised before it is
/// opened, every entry name is checked, and uncompressed sizes are bounded while inflating (the
/// sizes a zip declares are not trusted).
public struct DocxPackage: Sendable {
    /// Limits that keep a hostile package from exhausting memory or time.
    public struct Limits: Sendable {
        public var maxEntries = 5_000
        public var maxEntryBytes = 64 * 1024 * 1024
        public var maxTotalBytes = 256 * 1024 * 1024
        public var maxFileBytes = 256 * 1024 * 1024

        public init() {}
    }

    /// Entry contents by name (`word/document.xml`); only the entries that were asked for.
    public private(set) var parts: [String: Data]
    /// Every entry name, for the ones read lazily (media).
    public let names: Set<String>
    private let archive: ArchiveBox?
    private let limits: Limits
    private var totalBytes = 0

    /// ZIPFoundation's Archive is a class; it is only ever used from one thread here.
    private final class ArchiveBox: @unchecked Sendable {
        let archive: Archive
        init(_ archive: Archive) { self.archive = archive }
    }

    /// What the package should be, for the messages that refuse something else.
    public enum Kind: Sendable {
        case word, excel

        var application: String { self == .word ? "Word" : "Excel" }
        var fileExtension: String { self == .word ? ".docx" : ".xlsx" }
        var legacy: String { self == .word ? "a Word 97–2003 .doc" : "an Excel 97–2003 .xls" }
    }

    /// Opens `data` (the bytes of the file called `name`), refusing what is not an OOXML package.
    public init(data: Data, name: String, kind: Kind = .word, limits: Limits = Limits()) throws(ImportError) {
        let app = kind.application
        let ext = kind.fileExtension
        self.limits = limits
        if data.count > limits.maxFileBytes {
            throw ImportError("\(name) is \(Self.megabytes(data.count)), over the import limit of \(Self.megabytes(limits.maxFileBytes))")
        }
        let magic = [UInt8](data.prefix(8))
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            if Self.containsUTF16(data, "EncryptedPackage") {
                throw ImportError("\(name) is encrypted (password-protected); remove the password in \(app) (File › Info › Protect) and save it as \(ext) again")
            }
            throw ImportError("\(name) is \(kind.legacy) (or another OLE file); open it in \(app) and save it as \(ext)")
        }
        guard magic.starts(with: [0x50, 0x4B]) else {
            if magic.starts(with: Array("{\\rtf".utf8)) {
                throw ImportError("\(name) is an RTF file, not a \(ext); open it in \(app) and save it as \(ext)")
            }
            throw ImportError("\(name) is not a \(ext): it is not a zip package")
        }
        // ZIPFoundation's in-memory archive traps on offsets past the end of a damaged zip; its
        // file-backed reader does not. The bytes go to a private temporary file that is unlinked
        // as soon as it is open (the open handle keeps it readable; nothing is left behind).
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("docctl-import-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).zip")
        do {
            try data.write(to: temporary, options: .withoutOverwriting)
        } catch {
            throw ImportError("cannot read \(name): no room for a temporary copy (\(error.localizedDescription))")
        }
        defer { unlink(temporary.path) }
        let opened: Archive
        do {
            opened = try Archive(url: temporary, accessMode: .read)
        } catch {
            throw ImportError("\(name) is a damaged or truncated zip package (its central directory cannot be read)")
        }
        var names = Set<String>()
        var count = 0
        for entry in opened {
            count += 1
            if count > limits.maxEntries {
                throw ImportError("\(name) has more than \(limits.maxEntries) entries; refusing it as a possible zip bomb")
            }
            let path = entry.path
            if let problem = Self.unsafeNameProblem(path) {
                throw ImportError("\(name) has an entry named '\(Self.excerpt(path))' (\(problem)); refusing the package")
            }
            names.insert(path)
        }
        self.names = names
        self.parts = [:]
        self.archive = ArchiveBox(opened)
        self.name = name
    }

    /// A package whose parts are given as they are, without a zip (fuzzing, benchmarks).
    public init(parts: [String: Data], name: String) {
        self.parts = parts
        self.names = Set(parts.keys)
        self.archive = nil
        self.limits = Limits()
        self.name = name
    }

    /// The file name used in messages.
    public let name: String

    /// Reads entry `path`, or returns nil when it does not exist.
    public mutating func read(_ path: String) throws(ImportError) -> Data? {
        if let data = parts[path] { return data }
        guard names.contains(path), let archive, let entry = archive.archive[path] else { return nil }
        var data = Data()
        let limit = min(limits.maxEntryBytes, limits.maxTotalBytes - totalBytes)
        let entryLimit = limits.maxEntryBytes
        do {
            _ = try archive.archive.extract(entry, skipCRC32: false) { chunk in
                if data.count + chunk.count > limit { throw LimitExceeded() }
                data.append(chunk)
            }
        } catch is LimitExceeded {
            if limit < entryLimit {
                throw ImportError("\(name) inflates to more than \(Self.megabytes(limits.maxTotalBytes)) in all; refusing it as a possible zip bomb")
            }
            throw ImportError("\(name): entry \(path) inflates to more than \(Self.megabytes(entryLimit)); refusing it (a picture or part that large cannot be imported)")
        } catch {
            throw ImportError("\(name): entry \(path) is damaged (\(Self.describe(error)))")
        }
        totalBytes += data.count
        parts[path] = data
        return data
    }

    private struct LimitExceeded: Error {}

    /// Why an entry name is unsafe, or nil: absolute paths, `..` segments, drive letters, NUL.
    static func unsafeNameProblem(_ path: String) -> String? {
        if path.hasPrefix("/") || path.hasPrefix("\\") { return "an absolute path" }
        if path.utf8.contains(0) { return "a NUL byte" }
        let segments = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if segments.contains("..") { return "a '..' segment that points outside the package" }
        if let first = segments.first, first.count == 2, first.hasSuffix(":") { return "a drive letter" }
        return nil
    }

    static func containsUTF16(_ data: Data, _ text: String) -> Bool {
        let needle = Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return data.range(of: needle) != nil
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(bytes / (1024 * 1024)) MB" : "\(bytes) bytes"
    }

    static func excerpt(_ text: String) -> String { text.count > 60 ? String(text.prefix(60)) + "…" : text }

    static func describe(_ error: Error) -> String {
        switch error {
        case let error as Archive.ArchiveError: "\(error)"
        default: "\(error)"
        }
    }
}
