import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Decoding source files: strict UTF-8, BOM and CRLF accepted, other encodings named.
@Suite struct SourceReaderTests {
    static func decode(_ bytes: [UInt8]) -> Result<String, SourceReadProblem> { SourceReader.decode(Data(bytes)) }

    @Test func utf8WithBOMAndCRLFBecomesPlainLF() {
        #expect(SourceReader.decode(Data("\u{FEFF}一\r\n二\r三\n".utf8)) == .success("一\n二\n三\n"))
    }

    @Test func onlyALeadingBOMIsRemoved() {
        #expect(SourceReader.decode(Data("a\u{FEFF}b".utf8)) == .success("a\u{FEFF}b"))
    }

    @Test func nulByteIsBinaryAtItsLine() {
        #expect(Self.decode(Array("a\nb\nc\0d".utf8)) == .failure(.notUTF8(likely: "binary data (NUL byte)", line: 3)))
    }

    @Test func utf16IsNamed() {
        #expect(Self.decode([0xFF, 0xFE, 0xC4, 0x7E, 0xC7, 0x7E]) == .failure(.notUTF8(likely: "UTF-16", line: 1)))
        #expect(Self.decode([0xFE, 0xFF, 0x7E, 0xC4]) == .failure(.notUTF8(likely: "UTF-16", line: 1)))
    }

    @Test func gb18030IsGuessed() {
        #expect(Self.decode(SourceRuleTests.gb18030Chapter) == .failure(.notUTF8(likely: "GB18030 (GBK)", line: 1)))
    }

    @Test func latin1IsGuessedAtTheLineOfTheBadByte() {
        #expect(Self.decode(Array("line one\ncaf".utf8) + [0xE9, 0x0A]) == .failure(.notUTF8(likely: "ISO-8859-1 or Windows-1252", line: 2)))
    }

    @Test func truncatedUTF8SequenceIsRefused() {
        let bytes = Array("组织".utf8).dropLast()
        guard case .failure(.notUTF8) = Self.decode(Array(bytes)) else {
            Issue.record("a truncated sequence must not decode")
            return
        }
    }

    @Test func overlongAndSurrogateEncodingsAreRefused() {
        for bytes: [UInt8] in [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            guard case .failure(.notUTF8) = Self.decode(bytes) else {
                Issue.record("\(bytes) must not decode")
                continue
            }
        }
    }

    @Test func emptyFileIsEmptyText() {
        #expect(Self.decode([]) == .success(""))
        #expect(Self.decode([0xEF, 0xBB, 0xBF]) == .success(""))
    }

    @Test func folderMissingFileAndLimitAreReported() throws {
        try TemporaryFolder.with { folder in
            guard case .failure(.unreadable(let reason)) = SourceReader.read(folder.url) else {
                Issue.record("a folder is not a file")
                return
            }
            #expect(reason.contains("folder"))
            guard case .failure(.unreadable) = SourceReader.read(folder.url.appendingPathComponent("none.md")) else {
                Issue.record("a missing file is unreadable")
                return
            }
            let file = folder.url.appendingPathComponent("big.md")
            try Data(repeating: 0x61, count: 101).write(to: file)
            #expect(SourceReader.read(file, limit: 100) == .failure(.tooLarge(bytes: 101, limit: 100)))
            #expect(SourceReader.read(file, limit: 101) == .success(String(repeating: "a", count: 101)))
        }
    }
}
