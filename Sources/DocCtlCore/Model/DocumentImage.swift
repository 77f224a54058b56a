import Crypto
import Foundation

/// An image of a document body (`![流程图](media/flow.png)`): a PNG, JPEG, GIF or WebP file of the
/// document set, read, verified by its magic bytes and hashed when the set is loaded.
///
/// It is part of the controlled content: its SHA-256 goes into the content digest, and it is copied
/// into the revision folder under a name made from that hash (``archivedPath``), so a published
/// revision never changes when a later revision changes the image.
public struct DocumentImage: Sendable, Hashable {
    /// The image formats docctl accepts. SVG is not one: an SVG file can carry script, which runs when
    /// the file is opened on its own from the intranet's origin.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case png, jpeg, gif, webp

        /// The media type, as in the archive (`image/png`).
        public var mediaType: String { "image/\(rawValue)" }

        /// The file extension of the archived copy.
        public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

        /// The name users know the format by.
        public var displayName: String { self == .webp ? "WebP" : rawValue.uppercased() }

        /// The format a file name's extension claims, if it is one docctl accepts.
        public static func claimed(byExtension name: String) -> Format? {
            switch (name.split(separator: ".").last.map(String.init) ?? "").lowercased() {
            case "png": .png
            case "jpg", "jpeg": .jpeg
            case "gif": .gif
            case "webp": .webp
            default: nil
            }
        }
    }

    /// What a file's first bytes say it is.
    public enum Sniffed: Sendable, Equatable {
        case image(Format)
        case svg
        /// Another kind of file, named when it is a common one (`PDF`), else nil.
        case other(String?)
    }

    /// Larger images are refused (`file-too-large`): a flowchart or diagram needs far less, and
    /// every image is read into memory and copied into every revision that shows it.
    public static let sizeLimit = 10 * 1024 * 1024

    /// Path of the image file relative to the document set's root, with `/`.
    public var source: String
    public var format: Format
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String
    public var data: Data
    /// Width and height in pixels, read from the file's header (PNG `IHDR`, the JPEG frame header,
    /// the GIF screen descriptor, WebP `VP8 `/`VP8L`/`VP8X`); nil when the header does not say.
    /// Pages give them to `<img>` so the browser keeps the image's place before it loads, and a
    /// jump to a section below a picture lands where it should.
    public let dimensions: PixelSize?

    /// An image's width and height in pixels.
    public struct PixelSize: Sendable, Hashable {
        public var width: Int
        public var height: Int
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    public init(source: String, format: Format, data: Data) {
        self.source = source
        self.format = format
        self.data = data
        self.sha256 = SHA256Hex.of(data)
        self.dimensions = DocumentImage.pixelSize(data, format: format)
    }

    /// The copy's path relative to the revision folder: `media/<first 16 hex of the SHA-256>.<ext>`.
    public var archivedPath: String { "media/\(sha256.prefix(16)).\(format.fileExtension)" }

    /// Whether `path` has the form of ``archivedPath`` (`media/<16 lower-case hex>.<ext>`).
    public static func isArchivedPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "media" else { return false }
        let name = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return name.count == 2 && name[0].count == 16 && name[0].allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
            && Format.allCases.contains { $0.fileExtension == name[1] }
    }

    /// The image inlined as a `data:` URL, for self-contained pages (`docctl copy`).
    public var dataURL: String { "data:\(format.mediaType);base64,\(data.base64EncodedString())" }

    /// Why a file whose first bytes say `format` is not a whole image, or nil when its frame holds:
    /// a copy cut short (an interrupted download, sync or commit) shows as a broken picture on every
    /// page. The frame only: PNG chunks up to `IEND` (starting with `IHDR`), a JPEG's closing EOI
    /// marker, a GIF's trailer byte, the RIFF length of a WebP file. Pixels are never decoded.
    public static func damage(_ data: Data, format: Format) -> String? {
        let bytes = HeaderBytes(data)
        switch format {
        case .png:
            var offset = 8
            while offset + 12 <= bytes.count, let length = bytes.big(offset, 4), let type = bytes.big(offset + 4, 4) {
                if offset == 8 && type != pngIHDR { return "its first chunk is not IHDR" }
                guard length <= bytes.count - offset - 12 else { break }
                if type == 0x4945_4E44 { return nil }  // "IEND"
                offset += 12 + length
            }
            return "it is cut short (no IEND chunk)"
        case .jpeg:
            // EOI (FF D9) ends the file; some writers pad after it, so look at the last bytes only.
            let tail = max(0, bytes.count - 1_024)..<max(0, bytes.count - 1)
            return tail.contains { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xD9 } ? nil : "it is cut short (no end-of-image marker)"
        case .gif:
            return bytes.count > 13 && bytes[bytes.count - 1] == 0x3B ? nil : "it is cut short (no trailer)"
        case .webp:
            guard let length = bytes.little(4, 4) else { return "it is cut short" }
            return length + 8 <= bytes.count ? nil : "it is cut short (its RIFF header says \(length + 8) bytes, the file has \(bytes.count))"
        }
    }

    static let pngIHDR = 0x4948_4452

    /// The size a file's header gives (see ``dimensions``).
    public static func pixelSize(_ data: Data, format: Format) -> PixelSize? {
        let bytes = HeaderBytes(data)
        let big = bytes.big, little = bytes.little
        func valid(_ width: Int?, _ height: Int?) -> PixelSize? {
            guard let width, let height, (1...100_000).contains(width), (1...100_000).contains(height) else { return nil }
            return PixelSize(width: width, height: height)
        }
        switch format {
        case .png:
            guard big(12, 4) == pngIHDR else { return nil }
            return valid(big(16, 4), big(20, 4))
        case .gif:
            return valid(little(6, 2), little(8, 2))
        case .webp:
            switch big(12, 4) {
            case 0x5650_3820:  // "VP8 ": lossy, 14-bit sizes after the frame tag and start code
                return valid(little(26, 2).map { $0 & 0x3FFF }, little(28, 2).map { $0 & 0x3FFF })
            case 0x5650_384C:  // "VP8L": lossless, 14-bit sizes minus one, packed after the signature byte
                guard let bits = little(21, 4) else { return nil }
                return valid((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
            case 0x5650_3858:  // "VP8X": extended, 24-bit sizes minus one
                return valid(little(24, 3).map { $0 + 1 }, little(27, 3).map { $0 + 1 })
            default:
                return nil
            }
        case .jpeg:
            // Walk the markers after SOI to the first start-of-frame (C0–CF but C4, C8, CC), past the
            // APPn segments (EXIF, ICC profile) before it.
            var offset = 2
            while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
                let marker = bytes[offset + 1]
                if marker == 0xFF { offset += 1; continue }  // fill byte
                if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { offset += 2; continue }
                guard let length = big(offset + 2, 2), length >= 2 else { return nil }
                if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return valid(big(offset + 7, 2), big(offset + 5, 2))
                }
                if marker == 0xDA || marker == 0xD9 { return nil }  // image data before any frame header
                offset += 2 + length
            }
            return nil
        }
    }

    /// Reads the format from the magic bytes, never from the name.
    public static func sniff(_ data: Data) -> Sniffed {
        let head = [UInt8](data.prefix(512))
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<(offset + bytes.count)]) == bytes
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .image(.png) }
        if starts([0xFF, 0xD8, 0xFF]) { return .image(.jpeg) }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .image(.gif) }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .image(.webp) }
        if starts(Array("%PDF".utf8)) { return .other("PDF") }
        if starts(Array("BM".utf8)) { return .other("BMP") }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .other("TIFF") }
        if starts([0x1F, 0x8B]) { return .other("gzip (perhaps a compressed SVG)") }
        // SVG is XML text: look for an <svg element near the start, whatever comes before it.
        let text = String(decoding: head, as: UTF8.self).lowercased()
        if text.contains("<svg") { return .svg }
        return .other(nil)
    }
}

extension Document {
    /// The image a Markdown image target of this document's body points to, when it was loaded.
    public func image(target: String) -> DocumentImage? {
        imageSources[target].flatMap { source in images.first { $0.source == source } }
    }

    /// The images referenced in `blocks`, in order of first reference, each once.
    func images(in blocks: [Block]) -> [DocumentImage] {
        var result: [DocumentImage] = []
        for block in blocks {
            block.forEachInline { inline in
                if case .image(let url, _, _, _) = inline, let image = image(target: url), !result.contains(image) {
                    result.append(image)
                }
            }
        }
        return result
    }
}

/// Big- and little-endian integers at byte offsets of a file, read in place (an image is not copied
/// to check its frame); nil past the end.
private struct HeaderBytes {
    let data: Data

    init(_ data: Data) { self.data = data }

    var count: Int { data.count }

    subscript(offset: Int) -> UInt8 { data[data.startIndex + offset] }

    func big(_ offset: Int, _ length: Int) -> Int? {
        guard offset >= 0, offset + length <= count else { return nil }
        return (offset..<(offset + length)).reduce(0) { $0 << 8 | Int(self[$1]) }
    }

    func little(_ offset: Int, _ length: Int) -> Int? {
        guard offset >= 0, offset + length <= count else { return nil }
        return (offset..<(offset + length)).reversed().reduce(0) { $0 << 8 | Int(self[$1]) }
    }
}
