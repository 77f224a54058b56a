@testable import DocCtlCore
import Foundation
import Testing

/// The pure-Swift text operations give what Foundation's gave (they replaced it on the paths of
/// `check` for speed): blanks as `CharacterSet.whitespaces`, literal replacement and search.
@Suite struct LiteralTextTests {
    /// Every Unicode scalar Foundation calls a blank (or a blank or line end) is one here, and no other.
    @Test func blanksAreFoundationsBlanks() {
        // Where Unicode has its blanks (Latin-1, Ogham, General Punctuation, CJK, the BOM), and around.
        let values = Array(UInt32(0)...0x200) + Array(UInt32(0x1600)...0x1800) + Array(UInt32(0x2000)...0x2100)
            + Array(UInt32(0x3000)...0x3010) + [0xFEFF, 0xFF01, 0x4E00]
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(Whitespace.isSpace(scalar) == CharacterSet.whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
            #expect(Whitespace.isSpaceOrNewline(scalar) == CharacterSet.whitespacesAndNewlines.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test(arguments: ["", " ", "  a b  ", "\u{3000}质量手册\u{3000}", "\t x\t", "a\n", "\n a \n", "\u{00A0}b\u{2003}", "无空白", " é\u{301} "])
    func trimmingIsFoundationsTrimming(_ text: String) {
        #expect(Whitespace.trimming(text) == text.trimmingCharacters(in: .whitespaces))
        #expect(Whitespace.trimming(text[...]) == text.trimmingCharacters(in: .whitespaces))
        #expect(Whitespace.isBlank(text) == text.unicodeScalars.allSatisfy(CharacterSet.whitespacesAndNewlines.contains))
    }

    @Test func literalReplacementAndSearch() {
        let cases: [(String, String, String)] = [
            ("12 个 月", " ", ""), ("不符合和不符合项", "不符合", "不合格"), ("aaaa", "aa", "b"), ("a\r\nb\r\n", "\r\n", "\n"),
            ("质量管理体系", "质量", ""), ("no match", "xyz", "q"), ("", "a", "b"), ("ab", "ab", ""), ("x确定质量管理", "管理", "MGMT"),
        ]
        for (text, target, replacement) in cases {
            #expect(text.replacingLiteral(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement), "\(text)")
            #expect(text.containsLiteral(target) == text.contains(target), "\(text) ∋ \(target)")
        }
        #expect("abc".replacingLiteral("", with: "x") == "abc")
        #expect("abc".containsLiteral(""))
    }
}
