import DocCtlCore
import Foundation

/// A heading as imported: level, section number (if any), title, and where it was.
struct ImportedHeading {
    var level: Int
    var number: String?
    var title: String
    var paragraph: WordParagraph
    var isAppendix: Bool
    /// How it was recognised: "style", "numbering" or "text".
    var way: String
}

extension ImportConverter {
    /// Whether `paragraph` is a heading, in any of the three ways Word manuals have them: a heading
    /// style (or outline level), Word's automatic multilevel numbering, or a short numbered line.
    mutating func heading(_ paragraph: WordParagraph, text: String, label: WordNumbering.Label?,
                          reference: NumberingReference?) -> ImportedHeading? {
        guard text.count <= 80 else { return nil }
        let styleLevel = styles.headingLevel(paragraph.style)
            ?? paragraph.outlineLevel.flatMap { (0...8).contains($0) ? $0 + 1 : nil }
        let typed = Self.typedNumber(text)
        let appendix = Self.appendixTitle(text)

        if let styleLevel {
            if let appendix { return ImportedHeading(level: 1, number: nil, title: appendix, paragraph: paragraph, isAppendix: true, way: "style") }
            if let dotted = label?.dotted {
                let title = typed.map { $0.number == dotted ? $0.title : text } ?? text
                return ImportedHeading(level: Self.depth(dotted), number: dotted, title: title, paragraph: paragraph, isAppendix: false, way: "numbering")
            }
            if let typed {
                return ImportedHeading(level: Self.depth(typed.number), number: typed.number, title: typed.title, paragraph: paragraph, isAppendix: false, way: "style")
            }
            return ImportedHeading(level: styleLevel, number: nil, title: text, paragraph: paragraph, isAppendix: false, way: "style")
        }
        if let label, let dotted = label.dotted, Self.isHeadingLike(text),
           label.level > 0 || label.display == dotted || label.display.hasPrefix("第") || paragraph.isAllBold || styles.isBold(paragraph.style) {
            let title = typed.map { $0.number == dotted ? $0.title : text } ?? text
            return ImportedHeading(level: Self.depth(dotted), number: dotted, title: title, paragraph: paragraph, isAppendix: false, way: "numbering")
        }
        if label != nil { return nil } // a numbered list item
        if let appendix, text.count <= 40, Self.isHeadingLike(text) {
            return ImportedHeading(level: 1, number: nil, title: appendix, paragraph: paragraph, isAppendix: true, way: "text")
        }
        if let (level, value) = Self.chineseOutline(text), Self.isHeadingLike(text), text.count <= 30 {
            // 一、目的 … 二、范围: the next of the sequence only; （一）… under the current one.
            if level == 1, value == outline.top + 1 {
                outline = (value, 0)
                return ImportedHeading(level: 1, number: nil, title: text, paragraph: paragraph, isAppendix: false, way: "text")
            }
            if level == 2, outline.top > 0, value == outline.sub + 1, paragraph.isAllBold || styles.isBold(paragraph.style) || value > 1 {
                outline.sub = value
                return ImportedHeading(level: 2, number: nil, title: text, paragraph: paragraph, isAppendix: false, way: "text")
            }
        }
        if let typed, Self.isHeadingLike(text), typed.title.count <= 40 {
            let bold = paragraph.isAllBold || styles.isBold(paragraph.style)
            let plausible = isPlausibleNext(typed.number)
            if plausible && (bold || typed.spaced || typed.chapter || Self.depth(typed.number) >= 2) {
                return ImportedHeading(level: Self.depth(typed.number), number: typed.number, title: typed.title, paragraph: paragraph, isAppendix: false, way: "text")
            }
        }
        return nil
    }

    static func depth(_ number: String) -> Int { min(6, number.split(separator: ".").count) }

    /// Short, and not ending like a sentence.
    static func isHeadingLike(_ text: String) -> Bool {
        guard let last = text.last else { return false }
        return !"。；;，,：:！!？?".contains(last) && text.count <= 60
    }

    /// `4.1 理解组织`, `4.1理解`, `第4章 组织环境`: the number, the title, and whether a blank followed.
    static func typedNumber(_ text: String) -> (number: String, title: String, spaced: Bool, chapter: Bool)? {
        if let match = CachedRegex.range(#"^第\s*[0-9一二三四五六七八九十]+\s*[章节]"#, in: text) {
            let inner = text[match].dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            let number = Int(inner) ?? chineseNumber(inner)
            guard let number else { return nil }
            let title = text[match.upperBound...].trimmingCharacters(in: blanks.union(CharacterSet(charactersIn: "：:、.")))
            guard !title.isEmpty else { return nil }
            return (String(number), title, true, true)
        }
        guard let match = CachedRegex.range(#"^\d{1,2}(\.\d{1,2}){0,5}"#, in: text) else { return nil }
        let number = String(text[match])
        var rest = text[match.upperBound...]
        if rest.hasPrefix(".") || rest.hasPrefix("．") || rest.hasPrefix("、") { rest = rest.dropFirst() }
        let spaced = rest.first.map { $0.isWhitespace || $0 == "\u{3000}" } ?? false
        let title = rest.trimmingCharacters(in: blanks)
        guard let first = title.first, !first.isNumber, !"%％年月日个.)）、．".contains(first) else { return nil }
        guard !number.hasPrefix("0") || number.hasPrefix("0.") || number == "0" else { return nil }
        return (number, title, spaced, false)
    }

    /// `一、目的` (level 1) and `（一）信息安全部` (level 2): the outline of many Chinese procedures, with
    /// the value of its numeral; nil for anything else, and for a numeral without a title after it.
    static func chineseOutline(_ text: String) -> (level: Int, value: Int)? {
        if let match = CachedRegex.range(#"^[一二三四五六七八九十]{1,3}\s*[、．.]"#, in: text) {
            let numeral = text[match].dropLast().trimmingCharacters(in: .whitespaces)
            guard let value = chineseNumber(numeral), text[match.upperBound...].contains(where: { !$0.isWhitespace }) else { return nil }
            return (1, value)
        }
        if let match = CachedRegex.range(#"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]"#, in: text) {
            let numeral = text[match].dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            guard let value = chineseNumber(numeral), text[match.upperBound...].contains(where: { !$0.isWhitespace }) else { return nil }
            return (2, value)
        }
        return nil
    }

    static func chineseNumber(_ text: String) -> Int? { ChineseNumeral.value(text) }

    /// `附件1：职责分配表` → `附件1 职责分配表`; nil when the text is not an appendix heading.
    static func appendixTitle(_ text: String) -> String? {
        guard let match = CachedRegex.range(#"^(附件|附录|附表|Appendix|Annex)\s*[0-9A-Z一二三四五六七八九十]{1,3}"#, in: text) else { return nil }
        let label = text[match].replacingOccurrences(of: " ", with: "")
        let rest = text[match.upperBound...].trimmingCharacters(in: blanks.union(CharacterSet(charactersIn: "：:、.．-—")))
        if let first = rest.first, first.isNumber { return nil }
        let fixedLabel = label.hasPrefix("Appendix") || label.hasPrefix("Annex") ? text[match].trimmingCharacters(in: .whitespaces) : label
        return rest.isEmpty ? fixedLabel : fixedLabel + " " + rest
    }

    /// A typed number follows the headings before it: the next sibling, a child `.1`, or the
    /// next number of an ancestor — so that `3 个工作日` in a sentence-like line is not a heading.
    func isPlausibleNext(_ number: String) -> Bool {
        let parts = number.split(separator: ".").compactMap { Int($0) }
        guard let previous = headings.last(where: { $0.number != nil })?.number else {
            return parts.count <= 2 && (parts.first ?? 99) <= 12
        }
        let before = previous.split(separator: ".").compactMap { Int($0) }
        if parts.count == before.count + 1, Array(parts.dropLast()) == before { return parts.last! <= 2 }
        guard parts.count <= before.count, parts.count >= 1 else { return false }
        let prefix = Array(before.prefix(parts.count - 1))
        guard Array(parts.dropLast()) == prefix else { return false }
        let step = parts.last! - before[parts.count - 1]
        return step >= 1 && step <= 3
    }

    mutating func emit(heading: ImportedHeading, splitting manual: Bool) {
        headings.append(heading)
        report.counts.sections += 1
        if manual, heading.level == 1 || (headings.count == 1) {
            let key = heading.isAppendix ? "appendix" : heading.number.map { "ch\($0.split(separator: ".")[0])" } ?? "front"
            if chunks.count == 1 && chunks[0].blocks.isEmpty {
                chunks[0].key = key
            } else if chunks.last?.key != key {
                chunks.append(Chunk(key: key))
            }
        }
        let hashes = String(repeating: "#", count: max(1, min(6, heading.level)))
        let number = heading.number.map { $0 + " " } ?? ""
        var title = MarkdownText.escape(heading.title)
        if title.hasSuffix("}") { title = String(title.dropLast()) + "\\}" }
        append("\(hashes) \(number)\(title)")
    }

    /// Headings whose title names another clause than their number (`5.1.1 建立服务管理方针`
    /// under 5.2, or a manual numbered by an older structure): the `{clause=…}` to add.
    mutating func reportClauseMapping() {
        guard let tree = options.clauseTree, isManual else { return }
        // The clause titles normalized once, and each heading title matched once: a manual repeats
        // few titles, and normalizing every clause title for every heading was most of the work.
        let clauses: [(id: String, titles: [String])] = tree.order.compactMap { id in
            guard let clause = tree.clause(id), !clause.untitled else { return nil }
            return (id, ([clause.titleEN, clause.titleZH].compactMap { $0 } + clause.aliases).map(TitleNormalizer.normalize))
        }
        var matches: [String: [String]] = [:]
        for heading in headings {
            guard let number = heading.number, !number.hasPrefix("0") else { continue }
            let normalized = TitleNormalizer.normalize(heading.title)
            guard !normalized.isEmpty else { continue }
            let ids = matches[normalized] ?? clauses.filter { Self.titleMatches(normalized, $0.titles) }.map(\.id)
            matches[normalized] = ids
            if let clause = tree.clause(number), clause.untitled || ids.contains(number) { continue }
            if let match = ids.first(where: { $0 != number }) {
                report.add(.fix, heading.paragraph, "heading \(number) \(heading.title) has the title of clause \(match): add {clause=\(match)} to the heading (or renumber it)")
            }
        }
    }

    /// ``ClauseTree/titleMatches(_:clause:)`` on titles already normalized: equal, or within the
    /// same small edit distance.
    static func titleMatches(_ wanted: String, _ candidates: [String]) -> Bool {
        if candidates.contains(wanted) { return true }
        let wantedLength = wanted.count
        for candidate in candidates where !candidate.isEmpty {
            let length = candidate.count
            let limit = max(1, min(length, wantedLength) / 6)
            if abs(length - wantedLength) > limit { continue }
            if Spelling.editDistance(candidate, wanted) <= limit { return true }
        }
        return false
    }
}
