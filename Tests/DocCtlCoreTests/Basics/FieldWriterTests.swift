@testable import DocCtlCore
import Foundation
import Testing

/// The build cache is hashed and written a piece at a time (``FieldWriter/streaming(every:_:)``), so
/// that a 120 MB cache is never whole in memory: the pieces must be the bytes a plain writer writes.
@Suite struct FieldWriterTests {
    static let texts = ["", "QP-04", "成文信息控制程序", "8.10", String(repeating: "文", count: 10_000), "a\nb:c", "🙂"]

    static func write(_ writer: inout FieldWriter) {
        for text in texts { writer.field(text) }
        writer.count(1_234_567)
        writer.optional(nil)
        writer.optional("记录")
    }

    @Test func aStreamingWriterHandsOverExactlyTheBytesAWriterWrites() {
        var whole = FieldWriter()
        Self.write(&whole)
        var reader = FieldReader(bytes: [UInt8](whole.bytes), position: 0)
        #expect(Self.texts.map { _ in reader.field() } == Self.texts)
        for pieceSize in [1, 7, 4096, 1 << 20] {
            var pieces: [Data] = []
            var streaming = FieldWriter.streaming(every: pieceSize) { pieces.append($0) }
            Self.write(&streaming)
            streaming.finish()
            #expect(pieces.reduce(Data(), +) == whole.bytes)
            #expect(streaming.bytes.isEmpty)
            // Pieces are handed over as they fill, not all at the end.
            if pieceSize < 4096 { #expect(pieces.count > 1) }
        }
    }

    /// Numbers are written without a string in between: the same bytes as their decimal text.
    @Test(arguments: [0, 7, 9, 10, 99, 100, 1_234_567, Int(Int32.max), Int.max, -5])
    func aCountIsItsDecimalText(value: Int) {
        var counted = FieldWriter()
        counted.count(value)
        var texted = FieldWriter()
        texted.field(String(value))
        #expect(counted.bytes == texted.bytes)
        var reader = FieldReader(bytes: [UInt8](counted.bytes), position: 0)
        #expect(reader.integer() == value)
    }

    /// A count is read from its digits alone, never past the end of the fields, and no larger than
    /// what is left of them.
    @Test func aCountReadsOnlyDigitsWithinTheFields() {
        let bytes = Array("1:3\n2:+3\n1:9\nsha256".utf8)
        var reader = FieldReader(bytes: bytes, position: 0, end: 14)
        #expect(reader.count() == 3)
        #expect(reader.count() == nil)
        var tail = FieldReader(bytes: bytes, position: 10, end: 14)
        #expect(tail.count() == nil)
    }

    @Test func theBuildCacheWrittenInPiecesIsItsBytes() throws {
        var cache = BuildCache()
        cache.documents["QP-01"] = BuildCache.Entry(key: "k", files: ["QP-01/index.html": "h"],
                                                   entries: (0..<3000).map { SearchIndex.Entry(number: "QP-01", document: "文件", section: "\($0)",
                                                                                                  url: "QP-01/A-0/#s\($0)", text: String(repeating: "控制", count: 200)) })
        var pieces: [Data] = []
        cache.write { pieces.append($0) }
        #expect(pieces.count > 2)
        let data = pieces.reduce(Data(), +)
        #expect(data == cache.data)
        #expect(BuildCache(data: data) == cache)
    }
}
