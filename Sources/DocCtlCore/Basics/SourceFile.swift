import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A text file of the document set, decoded and with line ends normalised, kept for snippets.
public struct SourceFile: Sendable {
    /// Path relative to the document set's root, with `/` separators.
    public let path: String
    /// The text with BOM removed and CRLF / CR turned into LF. Line numbers are unchanged by this.
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The 1-based line `number`, without its line end, or nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        return String(text[start..<end])
    }
}

/// Why a file could not become a ``SourceFile``.
public enum SourceReadProblem: Error, Sendable, Equatable {
    case unreadable(String)
    case tooLarge(bytes: Int, limit: Int)
    case notUTF8(likely: String, line: Int)
}

/// Reads and decodes source files: strict UTF-8, with a useful guess when it is not.
public enum SourceReader {
    /// Files larger than this are refused (cmark-gfm on Debian predates some denial-of-service fixes).
    public static let defaultLimit = 4 * 1024 * 1024

    public static func read(_ url: URL, limit: Int = defaultLimit) -> Result<String, SourceReadProblem> {
        readData(url, limit: limit).flatMap(decode)
    }

    /// ``read(_:limit:)`` of the file at `path` (the path of `url`) for which `lstat` gave
    /// `status`: a regular file (not a link) is read with one `open` and `read`s into the array
    /// that is decoded, without a second `stat` nor `Data`; anything else, or a file that fails
    /// to open or read, goes the way of ``read(_:limit:)`` (which reports it).
    static func read(_ url: URL, path: String, status: stat, limit: Int = defaultLimit) -> Result<String, SourceReadProblem> {
        guard status.st_mode & S_IFMT == S_IFREG else { return read(url, limit: limit) }
        if Int(status.st_size) > limit { return .failure(.tooLarge(bytes: Int(status.st_size), limit: limit)) }
        guard let bytes = readRegularFile(path, expected: Int(status.st_size), limit: limit) else { return read(url, limit: limit) }
        if bytes.count > limit { return .failure(.tooLarge(bytes: bytes.count, limit: limit)) }
        return decode(bytes: bytes)
    }

    /// The bytes of the file at `path` (`expected` long when it was looked at), up to `limit` + 1
    /// of them: a file that grew since is read to its end, or one byte past the limit. Nil when
    /// it cannot be opened or read.
    private static func readRegularFile(_ path: String, expected: Int, limit: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: min(expected, limit) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= limit else { break }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count)))
            }
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 && errno == EINTR { continue }
            guard read >= 0 else { return nil }
            if read == 0 { break }
            count += read
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// The first `byte` in `bytes` (`memchr`: decoding looks for a NUL and a CR in every file).
    static func firstIndex(of byte: UInt8, in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// The bytes of a regular file no larger than `limit`. Folders, devices, FIFOs and sockets are
    /// refused before they are opened: reading `/dev/zero` or a FIFO would never finish.
    public static func readData(_ url: URL, limit: Int = defaultLimit) -> Result<Data, SourceReadProblem> {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.unreadable("is a folder, not a file"))
        default: return .failure(.unreadable("is not a regular file (a device, FIFO or socket)"))
        }
        if Int(info.st_size) > limit { return .failure(.tooLarge(bytes: Int(info.st_size), limit: limit)) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return .failure(.unreadable(describe(error)))
        }
        if data.count > limit { return .failure(.tooLarge(bytes: data.count, limit: limit)) }
        return .success(data)
    }

    /// Decodes `data` as UTF-8 (BOM accepted), normalising line ends; otherwise names the likely encoding.
    public static func decode(_ data: Data) -> Result<String, SourceReadProblem> { decode(bytes: [UInt8](data)) }

    /// ``decode(_:)`` of bytes read into an array (no `Data` in between).
    static func decode(bytes: [UInt8]) -> Result<String, SourceReadProblem> {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(.notUTF8(likely: "UTF-16", line: 1))
        }
        if let nul = firstIndex(of: 0, in: bytes) {
            return .failure(.notUTF8(likely: "binary data (NUL byte)", line: lineNumber(in: bytes, at: nul)))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes)
            return .failure(.notUTF8(likely: guessEncoding(bytes), line: lineNumber(in: bytes, at: bad)))
        }
        if firstIndex(of: 0x0D, in: bytes) == nil { return .success(text) }  // bytes: Foundation's contains converts to UTF-16
        return .success(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileReadNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError: return "permission denied"
            default: break
            }
        }
        return ns.localizedDescription
    }

    static func lineNumber(in bytes: [UInt8], at offset: Int) -> Int {
        1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            if index + length > bytes.count { return index }
            if bytes[(index + 1)..<(index + length)].contains(where: { $0 & 0xC0 != 0x80 }) { return index }
            if String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil { return index }
            index += length
        }
        return bytes.count
    }

    /// GB18030/GBK text is pairs of bytes 0x81–0xFE then 0x40–0xFE; Latin-1 is single high bytes.
    static func guessEncoding(_ bytes: [UInt8]) -> String {
        var pairs = 0
        var singles = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
            } else if (0x81...0xFE).contains(byte), index + 1 < bytes.count,
                (0x40...0xFE).contains(bytes[index + 1]), bytes[index + 1] != 0x7F
            {
                pairs += 1
                index += 2
            } else {
                singles += 1
                index += 1
            }
        }
        if pairs > 0 && pairs >= singles { return "GB18030 (GBK)" }
        return "ISO-8859-1 or Windows-1252"
    }
}
