import Foundation
import ZIPFoundation

/// A zip read back with ZIPFoundation, as an unzip tool sees it: every entry's name, bytes, date
/// and mode, in the archive's order.
public struct ZipContents {
    public struct Entry {
        public var path: String
        public var data: Data
        public var modified: Date?
        public var permissions: UInt16?
        public var isFile: Bool
    }

    public var entries: [Entry]

    /// Reads the zip at `url`; throws when ZIPFoundation cannot open it or an entry's checksum fails.
    public init(url: URL) throws {
        let archive = try Archive(url: url, accessMode: .read)
        var entries: [Entry] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            entries.append(Entry(path: entry.path, data: data, modified: entry.fileAttributes[.modificationDate] as? Date,
                                 permissions: (entry.fileAttributes[.posixPermissions] as? NSNumber)?.uint16Value,
                                 isFile: entry.type == .file))
        }
        self.entries = entries
    }

    /// Entry bytes by path.
    public var files: [String: Data] {
        Dictionary(entries.map { ($0.path, $0.data) }, uniquingKeysWith: { first, _ in first })
    }

    /// The text of the entry at `path`, or nil.
    public func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }

    /// The extra-field length of each central directory record of `zip` (which has no archive
    /// comment), read from the raw bytes: what varies between zip tools (timestamps, uid/gid).
    public static func centralExtraFieldLengths(_ zip: Data) -> [Int] {
        let bytes = [UInt8](zip)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = bytes.count - 22
        guard end >= 0, u32(end) == 0x0605_4b50 else { return [] }
        var offset = u32(end + 16)
        var lengths: [Int] = []
        for _ in 0..<u16(end + 10) {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4b50 else { break }
            lengths.append(u16(offset + 30))
            offset += 46 + u16(offset + 28) + u16(offset + 30) + u16(offset + 32)
        }
        return lengths
    }
}
