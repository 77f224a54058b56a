/// Turns a flat list of blocks into the section tree, reading numbers and `{…}` attribute blocks.
public enum SectionBuilder {
    /// A heading's text split into number, title and attributes.
    public struct HeadingParts: Equatable {
        public var number: String?
        public var title: String
        public var attributes: [(key: String, value: String)]
        public static func == (a: HeadingParts, b: HeadingParts) -> Bool {
            a.number == b.number && a.title == b.title && a.attributes.map { "\($0.key)=\($0.value)" } == b.attributes.map { "\($0.key)=\($0.value)" }
        }
    }

    /// Characters that make a leading number a quantity (`2025年`, `12个月`, `3项`).
    static let quantityUnits: Set<Character> = ["年", "月", "日", "号", "个", "项", "次", "天", "周", "岁", "%", "％"]

    static let appendixPrefixes = ["附录", "附件", "附表", "Annex", "Appendix", "annex", "appendix"]

    /// Whether a heading's text starts with one of ``appendixPrefixes``, compared by UTF-8 bytes
    /// (String.hasPrefix compares Characters, which was a tenth of building sections).
    static func isAppendixTitle(_ text: String) -> Bool { appendixPrefix(of: text) != nil }

    /// The appendix prefix `text` starts with.
    static func appendixPrefix(of text: String) -> String? {
        appendixPrefixes.first { text.utf8.starts(with: $0.utf8) }
    }

    /// The anchor of an unnumbered heading, made from its text so that it stays put when sections
    /// are added or moved before it, and never `sec-` and a number (a numbered section's anchor: an
    /// unnumbered 前言 before `1 目的` used to take `sec-1` and push section 1 to `sec-1-2`).
    /// Appendices go by their label — `appendix-A` for 附录A, Appendix A or Annex A, `attachment-1`
    /// for 附件1, `schedule-2` for 附表2 — other headings by their title's letters and digits
    /// (`sec-前言`; the first 40 letters and digits, blanks as `-`). Nil when the title has neither.
    static func unnumberedAnchor(_ title: String, isAppendix: Bool) -> String? {
        if isAppendix, let prefix = appendixPrefix(of: title) {
            let rest = title.unicodeScalars.dropFirst(prefix.unicodeScalars.count).drop(while: Whitespace.isSpace)
            let label = String(String.UnicodeScalarView(rest.prefix { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }))
            if !label.isEmpty {
                let kind = prefix == "附件" ? "attachment" : prefix == "附表" ? "schedule" : "appendix"
                return "\(kind)-\(label)"
            }
        }
        var slug = ""
        var count = 0
        for character in title where count < 40 {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
                count += 1
            } else if character.isWhitespace, !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        guard slug.contains(where: { !$0.isNumber && $0 != "-" }) else { return nil }
        return "sec-" + slug
    }

    /// Splits `8.6.1 事件管理 {clause=8.6.1}`.
    public static func parseHeading(_ text: String) -> HeadingParts {
        var text = Whitespace.trimming(text)
        var attributes: [(String, String)] = []
        if text.hasSuffix("}"), let open = text.lastIndex(of: "{") {
            let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
            if !inner.contains("{") && !inner.hasPrefix("{") {
                for item in inner.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    if let last = attributes.last, last.0 == "clause" || last.0 == "clauses",
                       last.1.hasSuffix(",") || item.hasPrefix(","), !item.contains("=") {
                        // `{clause=8.7.3, isms:5.1, isms:A.5.1}`: a list written with spaces after its commas.
                        attributes[attributes.count - 1].1 += item
                    } else if item.hasPrefix("#") {
                        attributes.append(("id", String(item.dropFirst())))
                    } else if let equals = item.firstIndex(of: "=") {
                        attributes.append((String(item[..<equals]), String(item[item.index(after: equals)...])))
                    } else {
                        attributes.append((String(item), ""))
                    }
                }
                text = Whitespace.trimming(text[..<open])
            }
        }
        var number: String? = nil
        if text.hasPrefix("第"), let end = text.firstIndex(where: { $0 == "章" || $0 == "条" }) {
            let inner = text[text.index(after: text.startIndex)..<end]
            // 第4章 and 第四章
            let value = !inner.isEmpty && inner.allSatisfy({ $0.isASCII && $0.isNumber }) ? String(inner) : ChineseNumeral.value(inner).map(String.init)
            if let value {
                number = value
                text = Whitespace.trimming(text[text.index(after: end)...])
                return HeadingParts(number: number, title: text, attributes: attributes)
            }
        }
        // ４.１ typed with a full-width input method: the number is 4.1.
        if let first = text.unicodeScalars.first, (0xFF10...0xFF19).contains(first.value) {
            var ascii = ""
            var rest = text.unicodeScalars[...]
            while let scalar = rest.first, (0xFF10...0xFF19).contains(scalar.value) || scalar == "．" || scalar == "." || ("0"..."9").contains(scalar) {
                ascii.unicodeScalars.append(scalar.value >= 0xFF00 ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar)
                rest.removeFirst()
            }
            text = ascii + String(String.UnicodeScalarView(rest))
        }
        let digits = text.prefix { ($0.isASCII && $0.isNumber) || $0 == "." }
        if let first = digits.first, first.isNumber {
            let rest = text.dropFirst(digits.count)
            // `4组织环境` is numbered; `2025年度目标` and `3项原则` start with a quantity, not a number.
            if rest.isEmpty || rest.first == " " || rest.first == "\u{3000}"
                || (!(rest.first!.isASCII) && !quantityUnits.contains(rest.first!)) {
                var candidate = String(digits)
                if candidate.hasSuffix(".") { candidate.removeLast() }
                // Digits and dots only: no empty part means no leading dot and no "..".
                if candidate.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty }) {
                    number = candidate
                    text = Whitespace.trimming(rest)
                }
            }
        }
        return HeadingParts(number: number, title: text, attributes: attributes)
    }

    public static func build(_ blocks: [Block], numbering: ClauseNumbering) -> (preamble: [Block], sections: [Section]) {
        var preamble: [Block] = []
        var roots: [Section] = []
        var stack: [Section] = []
        var anchors: Set<String> = []
        var nextSuffix: [String: Int] = [:]
        // Where each anchor was taken, and whether by an `{id=…}`: a clash with one is reported.
        var owners: [String: (location: SourceLocation, explicit: Bool)] = [:]

        func close(downTo level: Int) {
            while let last = stack.last, last.level >= level {
                stack.removeLast()
                if stack.isEmpty { roots.append(last) } else { stack[stack.count - 1].children.append(last) }
            }
        }

        for block in blocks {
            guard case .heading(let level, let inlines, let location) = block else {
                if stack.isEmpty { preamble.append(block) } else { stack[stack.count - 1].blocks.append(block) }
                continue
            }
            let text = inlines.plainText
            let parts = parseHeading(text)
            let isAppendix = parts.number == nil && (isAppendixTitle(parts.title) || isAppendixTitle(text))
            var explicit: [Located<String>]? = nil
            var anchor: String? = nil
            for (key, value) in parts.attributes {
                switch key {
                case "clause", "clauses":
                    explicit = value == "none" || value.isEmpty ? [] :
                        value.split(separator: ",").map { Located(Whitespace.trimming($0), at: location) }
                            .filter { !$0.value.isEmpty }
                case "id": anchor = value
                default: break
                }
            }
            var clauses: [String] = []
            if let explicit {
                clauses = explicit.map(\.value)
            } else if numbering == .standard, let number = parts.number, !isAppendix, number != "0", !number.hasPrefix("0.") {
                clauses = [number]
            }
            var base = anchor ?? parts.number.map { "sec-\($0)" }
                ?? unnumberedAnchor(parts.title, isAppendix: isAppendix) ?? "sec-u\(anchors.count + 1)"
            base = base.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }
            var unique = base.isEmpty ? "sec" : base
            // Two made anchors (two headings 前言) are told apart quietly; an `{id=…}` on either side
            // of a clash is reported: a link written to it would reach the other section.
            let clash = owners[unique].flatMap { owner in owner.explicit || anchor != nil ? owner.location : nil }
            // Resume where the last search for this base stopped: 100 000 headings `# 1 …`
            // restarted from -2 every time and never finished.
            var counter = nextSuffix[base] ?? 2
            while anchors.contains(unique) { unique = "\(base)-\(counter)"; counter += 1 }
            nextSuffix[base] = counter
            anchors.insert(unique)
            owners[unique] = (location, anchor != nil && clash == nil)
            close(downTo: level)
            stack.append(Section(number: parts.number, title: parts.title, level: level, anchor: unique, clauses: clauses,
                                 explicitClauses: explicit, isAppendix: isAppendix, location: location, blocks: [],
                                 children: [], anchorTakenAt: clash))
        }
        close(downTo: 0)
        return (preamble, roots)
    }
}

import Foundation
