/// Chinese numerals as documents write counts and chapter numbers: 三 → 3, 十 → 10, 十二 → 12,
/// 二十 → 20, 三十六 → 36 (两 is 2). Up to 99; anything else is nil.
public enum ChineseNumeral {
    static let digits: [Character: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    /// Whether a character can be part of a numeral.
    public static func isNumeral(_ character: Character) -> Bool { digits[character] != nil || character == "十" }

    public static func value(_ text: some StringProtocol) -> Int? {
        let characters = Array(text)
        guard let ten = characters.firstIndex(of: "十") else {
            return characters.count == 1 ? digits[characters[0]] : nil
        }
        let tens = ten == 0 ? 1 : (ten == 1 ? digits[characters[0]] : nil)
        let ones = ten == characters.count - 1 ? 0 : (ten == characters.count - 2 ? digits[characters[ten + 1]] : nil)
        guard let tens, let ones else { return nil }
        return tens * 10 + ones
    }
}
