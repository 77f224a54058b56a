import DocCtlCore

/// `word/numbering.xml`, and the counters that turn a paragraph's `w:numPr` into the number Word
/// shows (`4.1`, `a)`, `第4章`), with start values, restarts and `startOverride`.
struct WordNumbering {
    struct Level {
        var start = 1
        var format = "decimal"
        var text = ""
        var restartAfter: Int?
        var legal = false
    }

    struct Num {
        var abstractID: String
        var startOverrides: [Int: Int]
    }

    /// What one numbered paragraph shows.
    struct Label: Equatable {
        /// As Word shows it: `4.1`, `a)`, `第4章`, `•`.
        var display: String
        /// The arabic dotted number (`4.1.2`) when the level text is made of the levels' numbers
        /// and separators only (a heading number); nil for list labels such as `a)`.
        var dotted: String?
        var level: Int
        var format: String
        var isBullet: Bool { format == "bullet" || format == "none" }
    }

    private var abstracts: [String: [Int: Level]] = [:]
    private var nums: [String: Num] = [:]
    private var counters: [String: [Int?]] = [:]
    private var overridden = Set<String>()

    init() {}

    init(root: XMLElement?) {
        guard let root else { return }
        for element in root.childElements {
            if element.name == "abstractNum", let id = element.attr("abstractNumId") {
                var levels: [Int: Level] = [:]
                for lvl in element.childElements where lvl.name == "lvl" {
                    guard let index = lvl.attr("ilvl").flatMap(Int.init), (0...8).contains(index) else { continue }
                    levels[index] = Level(
                        start: lvl.childValue("start").flatMap(Int.init) ?? 1,
                        format: lvl.childValue("numFmt") ?? "decimal",
                        text: lvl.childValue("lvlText") ?? "",
                        restartAfter: lvl.childValue("lvlRestart").flatMap(Int.init),
                        legal: lvl.isOn("isLgl") ?? false
                    )
                }
                abstracts[id] = levels
            } else if element.name == "num", let id = element.attr("numId"),
                      let abstractID = element.childValue("abstractNumId") {
                var overrides: [Int: Int] = [:]
                for override in element.childElements where override.name == "lvlOverride" {
                    if let level = override.attr("ilvl").flatMap(Int.init),
                       let start = override.childValue("startOverride").flatMap(Int.init) {
                        overrides[level] = start
                    }
                }
                nums[id] = Num(abstractID: abstractID, startOverrides: overrides)
            }
        }
    }

    /// The level definition for a reference, without counting.
    func level(_ reference: NumberingReference) -> Level? {
        guard let numID = reference.numID, let num = nums[numID] else { return nil }
        return abstracts[num.abstractID]?[reference.level ?? 0]
    }

    /// Counts one paragraph numbered by `reference` and returns its label; nil for `numId 0`
    /// (numbering switched off) or an unknown list.
    mutating func next(_ reference: NumberingReference) -> Label? {
        guard let numID = reference.numID, numID != "0", let num = nums[numID],
              let levels = abstracts[num.abstractID] else { return nil }
        let ilvl = min(max(reference.level ?? 0, 0), 8)
        var values = counters[num.abstractID] ?? Array(repeating: nil, count: 9)
        if !overridden.contains(numID), !num.startOverrides.isEmpty {
            overridden.insert(numID)
            for (level, start) in num.startOverrides where (0...8).contains(level) {
                values[level] = start - 1
                for deeper in (level + 1)..<9 { values[deeper] = nil }
            }
        }
        let start = levels[ilvl]?.start ?? 1
        values[ilvl] = (values[ilvl] ?? (start - 1)) + 1
        for deeper in (ilvl + 1)..<9 {
            // lvlRestart="0" keeps a deeper level counting; by default it restarts.
            if levels[deeper]?.restartAfter == 0 { continue }
            values[deeper] = nil
        }
        counters[num.abstractID] = values
        let definition = levels[ilvl] ?? Level()
        return Self.label(definition, ilvl: ilvl, values: values, levels: levels)
    }

    static func label(_ definition: Level, ilvl: Int, values: [Int?], levels: [Int: Level]) -> Label {
        var display = ""
        var numbers: [String] = []
        var onlyNumbers = true
        var expected = 1
        var scalars = Array(definition.text.unicodeScalars)
        var index = 0
        if definition.format == "bullet" { scalars = [] }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "%", index + 1 < scalars.count, let digit = Int(String(scalars[index + 1])), (1...9).contains(digit) {
                let level = digit - 1
                let value = values[level] ?? (levels[level]?.start ?? 1)
                let levelFormat = definition.legal ? "decimal" : (levels[level]?.format ?? "decimal")
                display += Self.format(value, levelFormat)
                if digit == expected, ["decimal", "decimalZero", "chineseCounting", "chineseCountingThousand", "ideographTraditional"].contains(levels[level]?.format ?? "decimal") || definition.legal {
                    numbers.append(String(value))
                    expected += 1
                } else {
                    onlyNumbers = false
                }
                index += 2
                continue
            }
            display.unicodeScalars.append(scalar)
            if scalar != "." { onlyNumbers = false }
            index += 1
        }
        if definition.format == "bullet" { display = definition.text.isEmpty ? "•" : definition.text }
        // 第%1章 and 第%1.%2节 are heading numbers too: the words around are a frame.
        if !onlyNumbers, definition.text.hasPrefix("第"),
           definition.text.hasSuffix("章") || definition.text.hasSuffix("节") || definition.text.hasSuffix("条") {
            onlyNumbers = definition.text.dropFirst().dropLast().allSatisfy { $0 == "%" || $0 == "." || $0.isNumber }
        }
        let dotted = onlyNumbers && !numbers.isEmpty && expected - 1 == ilvl + 1 ? numbers.joined(separator: ".") : nil
        return Label(display: display, dotted: dotted, level: ilvl, format: definition.format)
    }

    static func format(_ value: Int, _ format: String) -> String {
        switch format {
        case "decimalZero": value < 10 ? "0\(value)" : String(value)
        case "lowerLetter": letters(value, upper: false)
        case "upperLetter": letters(value, upper: true)
        case "lowerRoman": roman(value).lowercased()
        case "upperRoman": roman(value)
        case "chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting", "chineseLegalSimplified":
            chinese(value)
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
            (1...20).contains(value) ? String(UnicodeScalar(0x2460 + value - 1)!) : String(value)
        case "none": ""
        default: String(value)
        }
    }

    static func letters(_ value: Int, upper: Bool) -> String {
        guard value > 0 else { return String(value) }
        let letter = UnicodeScalar((upper ? 65 : 97) + (value - 1) % 26)!
        return String(repeating: String(letter), count: (value - 1) / 26 + 1)
    }

    static func roman(_ value: Int) -> String {
        guard value > 0, value < 4000 else { return String(value) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = value
        var result = ""
        for (number, text) in table { while rest >= number { result += text; rest -= number } }
        return result
    }

    static func chinese(_ value: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard value > 0, value < 100 else { return String(value) }
        if value < 10 { return digits[value] }
        let tens = value / 10, ones = value % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
