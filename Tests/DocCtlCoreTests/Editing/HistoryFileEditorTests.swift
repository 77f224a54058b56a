@testable import DocCtlCore
import Foundation
import Testing

/// Text edits of history.yaml: only the edited lines change, byte for byte.
@Suite struct HistoryFileEditorTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    static func edit(_ text: String, _ change: (inout HistoryFileEditor) throws -> Void) throws -> String {
        var editor = try HistoryFileEditor(data: Data(text.utf8), path: "history.yaml")
        try change(&editor)
        return String(decoding: editor.text.data, as: UTF8.self)
    }

    /// The lines of `after` that are not in `before`, when `after` is `before` with lines inserted.
    static func insertedLines(_ before: String, _ after: String) -> [String]? {
        var old = before.components(separatedBy: "\n")[...]
        var added: [String] = []
        for line in after.components(separatedBy: "\n") {
            if old.first == line { old.removeFirst() } else { added.append(line) }
        }
        return old.isEmpty ? added : nil
    }

    @Test func sealingABlockEntryInsertsOneLineAndKeepsEveryOtherByte() throws {
        let before = """
            # 文档修改记录 — QP-04   (a comment that must stay)
            - revision: "A/0"
              date: 2025-03-18    # 首版
              change: 新建
              sections: 全部
              author: 赵一鸣
              approver: 周明远

            # A/1 follows the SLA renewal
            - revision: 'A/1'
              date:   2025-06-16
              change: >-
                按主要客户续签的 SLA，P2 事件解决时限
                由 8 小时缩短为 6 小时
              sections: 5.2
              author: 方婷
              approver: 周明远   # 批准人
            # trailing comment

            """
        let after = try Self.edit(before) { try $0.setInLastEntry("digest", to: Self.digest) }
        #expect(Self.insertedLines(before, after) == ["  digest: \(Self.digest)"])
        #expect(after.contains("  approver: 周明远   # 批准人\n  digest: \(Self.digest)\n# trailing comment\n"))
    }

    @Test func sealingKeepsCRLFAndTheByteOrderMark() throws {
        let before = "\u{FEFF}- revision: \"A/0\"\r\n  date: 2025-03-18\r\n  change: 新建\r\n  author: 林\r\n  approver: 周\r\n"
        var editor = try HistoryFileEditor(data: Data(before.utf8), path: "history.yaml")
        try editor.setInLastEntry("digest", to: Self.digest)
        let after = String(decoding: editor.text.data, as: UTF8.self)
        #expect(after == "\u{FEFF}- revision: \"A/0\"\r\n  date: 2025-03-18\r\n  change: 新建\r\n  author: 林\r\n  approver: 周\r\n  digest: \(Self.digest)\r\n")
    }

    @Test func sealingAFileWithoutFinalNewlineEndsTheLastLineFirst() throws {
        let after = try Self.edit("- revision: A/0\n  date: 2025-03-18\n  change: 新建\n  author: 林") {
            try $0.setInLastEntry("digest", to: Self.digest)
        }
        #expect(after == "- revision: A/0\n  date: 2025-03-18\n  change: 新建\n  author: 林\n  digest: \(Self.digest)\n")
    }

    @Test func sealingAFlowEntryAddsTheKeyInsideTheBraces() throws {
        let before = """
            - { revision: "A/0", date: 2025-03-18, change: 新建, sections: 全部, author: 林, approver: 周 }
            - { revision: "A/1", date: 2025-09-22, change: "修订: 见 5.2", sections: "5.2", author: 林, approver: 周 }   # 最新

            """
        let after = try Self.edit(before) { try $0.setInLastEntry("digest", to: Self.digest) }
        #expect(after == """
            - { revision: "A/0", date: 2025-03-18, change: 新建, sections: 全部, author: 林, approver: 周 }
            - { revision: "A/1", date: 2025-09-22, change: "修订: 见 5.2", sections: "5.2", author: 林, approver: 周, digest: "\(Self.digest)" }   # 最新

            """)
    }

    @Test func sealingAMultiLineFlowEntryWithCommentsAndATrailingComma() throws {
        let before = """
            - {
                revision: "A/0",   # 首版
                date: 2025-03-18,
                change: "it's {new}",
                author: 林,  # 修改人
              }

            """
        let after = try Self.edit(before) { try $0.setInLastEntry("digest", to: Self.digest) }
        #expect(after.contains("    author: 林, digest: \"\(Self.digest)\"  # 修改人\n  }"))
        let value = try #require(YAMLValue.parse(after)?.items?.last?.pairs)
        #expect(value["digest"] == .scalar(Self.digest))
        #expect(value["change"] == .scalar("it's {new}"))
    }

    @Test func anEmptyDigestKeyIsFilledInPlace() throws {
        let before = "- revision: A/0\n  date: 2025-03-18\n  digest:      # sealed by docctl release\n  change: 新建\n  author: 林\n"
        let after = try Self.edit(before) { try $0.setInLastEntry("digest", to: Self.digest) }
        #expect(after == "- revision: A/0\n  date: 2025-03-18\n  digest:      \(Self.digest) # sealed by docctl release\n  change: 新建\n  author: 林\n")
    }

    @Test func theDateIsReplacedKeepingItsQuotes() throws {
        let before = "- revision: A/0\n  date: \"2025-03-18\"  # 修改日期\n  change: 新建\n  author: 林\n"
        let after = try Self.edit(before) { try $0.setInLastEntry("date", to: "2025-04-01") }
        #expect(after == "- revision: A/0\n  date: \"2025-04-01\"  # 修改日期\n  change: 新建\n  author: 林\n")
        let flow = try Self.edit("- { revision: A/0, date: 2025-03-18, change: 新建 }\n") { try $0.setInLastEntry("date", to: "2025-04-01") }
        #expect(flow == "- { revision: A/0, date: 2025-04-01, change: 新建 }\n")
    }

    @Test func aKeyAfterABlockScalarGoesAfterTheScalar() throws {
        let before = "- revision: A/0\n  date: 2025-03-18\n  author: 林\n  change: |\n    第一行\n\n    第三行\n"
        let after = try Self.edit(before) { try $0.setInLastEntry("digest", to: Self.digest) }
        let value = try #require(YAMLValue.parse(after)?.items?.last?.pairs)
        #expect(value["change"] == .scalar("第一行\n\n第三行\n"))
        #expect(value["digest"] == .scalar(Self.digest))
    }

    @Test func appendingFollowsTheBlockLayoutOfTheEntries() throws {
        let before = """
            # history
            - revision: "A/0"
              date: 2025-03-18
              change: 新建
              author: 林
              approver: 周
              digest: \(Self.digest)

            - revision: "A/1"
              date: 2025-06-16
              change: 修订
              sections: 5.2
              author: 林
              approver: 周
              digest: \(Self.digest)

            """
        let after = try Self.edit(before) {
            try $0.appendEntry([("revision", "A/2"), ("date", "2026-01-15"), ("change", "增加: 重大事件 #1"),
                                ("sections", "4.2"), ("author", "方婷")])
        }
        #expect(after == before + """

            - revision: "A/2"
              date: 2026-01-15
              change: "增加: 重大事件 #1"
              sections: "4.2"
              author: 方婷

            """)
    }

    @Test func appendingFollowsTheFlowLayoutOfTheEntries() throws {
        let before = "- { revision: A/0, date: 2025-03-18, change: 新建, author: 林, approver: 周, digest: \"\(Self.digest)\" }\n"
        let after = try Self.edit(before) {
            try $0.appendEntry([("revision", "B/0"), ("date", "2026-01-15"), ("change", "换版"), ("sections", "4.2、8.5.1"),
                                ("author", "林"), ("approver", "周")])
        }
        #expect(after == before + "- { revision: B/0, date: 2026-01-15, change: 换版, author: 林, approver: 周, sections: 4.2、8.5.1 }\n")
    }

    @Test func appendingToAFlowListInsertsBeforeTheClosingBracket() throws {
        let before = "[ { revision: A/0, date: 2025-03-18, change: 新建, author: 林 } ]  # all\n"
        let after = try Self.edit(before) {
            try $0.appendEntry([("revision", "A/1"), ("date", "2026-01-15"), ("change", "修订"), ("author", "林")])
        }
        #expect(after == "[ { revision: A/0, date: 2025-03-18, change: 新建, author: 林 }, { revision: A/1, date: 2026-01-15, change: 修订, author: 林 } ]  # all\n")
    }

    @Test func aFileThatIsNotAListIsRefused() {
        #expect(refusal { try HistoryFileEditor(data: Data("revision: A/0\n".utf8), path: "h.yaml") } != nil)
        #expect(refusal { try HistoryFileEditor(data: Data("- [unclosed\n".utf8), path: "h.yaml") } != nil)
    }
}
