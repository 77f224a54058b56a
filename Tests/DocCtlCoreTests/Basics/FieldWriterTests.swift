@testable import DocCtlCore
import Foundation
import Testing

/// The build cache is sized by a counting pass of the same writer before it is written (so that a
/// 120 MB cache never grows by doubling): the count must be the bytes written, to the byte.
@Suite struct FieldWriterTests {
    @Test func aCountingWriterCountsExactlyTheBytesAWriterWrites() {
        let texts = ["", "QP-04", "成文信息控制程序", "8.10", String(repeating: "文", count: 10_000), "a\nb:c", "🙂"]
        var counter = FieldWriter.counting()
        var writer = FieldWriter()
        for text in texts {
            counter.field(text)
            writer.field(text)
        }
        counter.count(1_234_567)
        writer.count(1_234_567)
        counter.optional(nil)
        writer.optional(nil)
        counter.optional("记录")
        writer.optional("记录")
        #expect(counter.bytes.isEmpty)
        #expect(counter.size == writer.bytes.count && writer.size == writer.bytes.count)
        var reader = FieldReader(bytes: [UInt8](writer.bytes), position: 0)
        #expect(texts.map { _ in reader.field() } == texts)
    }
}
