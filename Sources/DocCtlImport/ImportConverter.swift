import DocCtlCore
import Foundation

/// Turns the blocks of one Word document into a docctl document folder, reporting as it goes.
struct ImportConverter {
    let source: String
    let blocks: [WordBlock]
    let styles: WordStyles
    var numbering: WordNumbering
    let relationships: Relationships
    let footnotes: [String: String]
    let options: ImportOptions

    var report: ImportReport
    /// Control fields: value and the paragraph it came from.
    var control: [ControlField: (value: String, paragraph: Int)] = [:]
    var history: [HistoryRow] = []
    var titleCandidates: [(text: String, paragraph: WordParagraph, strong: Bool)] = []
    var coverDropped: [WordParagraph] = []
    /// Markdown chunks: one per file for a manual (split at chapters), one for other types.
    var chunks: [Chunk] = []
    var headings: [ImportedHeading] = []
    var media: [(name: String, data: Data)] = []
    var mediaNames = Set<String>()
    var consumedParagraphs = Set<Int>()
    var list = ListState()
    var footnoteCount = 0
    /// Page headers and footers, read after the body (the cover's values come first).
    var margins = PageMargins()
    /// Control fields that came from a page header or footer.
    var marginFields = Set<ControlField>()
    /// The organisation's name, from the page header, footer or cover.
    var organization: String?
    var organizationSource: String?
    /// Chinese outline headings seen so far (`三、职责` → 3, `（二）各部门` → 2), to accept only the next one.
    var outline = (top: 0, sub: 0)
    /// The block of the last control field or table of the cover.
    var lastCoverBlock = -1
    /// A document without any heading: the block its body starts at (after the cover's fields).
    var bodyFrom: Int?

    struct Chunk {
        var key: String
        var blocks: [String] = []
    }

    init(source: String, blocks: [WordBlock], styles: WordStyles, numbering: WordNumbering,
         relationships: Relationships, footnotes: [String: String], options: ImportOptions) {
        self.source = source
        self.blocks = blocks
        self.styles = styles
        self.numbering = numbering
        self.relationships = relationships
        self.footnotes = footnotes
        self.options = options
        self.report = ImportReport(source: source)
    }

    var isManual: Bool { (options.type ?? guessedType) == .manual }

    /// The type from the title when `--type` was not given: 手册 → manual, 程序 → procedure, …
    var guessedType: DocumentType {
        let title = (control[.title]?.value ?? titleCandidates.first?.text ?? source).lowercased()
        if title.contains("手册") || title.contains("manual") { return .manual }
        if title.contains("作业指导") || title.contains("指导书") || title.contains("instruction") || title.contains("规范") { return .instruction }
        if title.contains("方针") || title.contains("政策") || title.contains("policy") { return .policy }
        if title.contains("计划") || title.contains("预案") || title.contains("plan") { return .plan }
        return .procedure
    }

    mutating func convert(package: inout DocxPackage) throws(ImportError) -> ImportedDocument {
        let unwalked = self
        // Pictures are read first: one too large for the limits refuses the whole file.
        for block in blocks {
            guard case .paragraph(let paragraph) = block else { continue }
            for image in paragraph.images {
                if let target = relationships[image.relationshipID], !target.external { _ = try package.read(target.path) }
            }
        }
        // A history table anywhere under its title (文档修改记录); otherwise only on the cover,
        // where control tables are too: a body table headed 文件编号 | 文件名称 is content.
        var consumedTables = Set<Int>()
        for (position, block) in blocks.enumerated() {
            guard case .table(let table) = block else { continue }
            let titled = blocks[max(0, position - 2)..<position].contains { block in
                if case .paragraph(let paragraph) = block { return Self.isHistoryTitle(paragraph.plainText.trimmingCharacters(in: Self.blanks)) }
                return false
            }
            if titled, readHistory(table) { consumedTables.insert(position) }
        }
        // A manual's chapters go to their own files; the type must be known before the walk.
        let manual = options.type == .manual || (options.type == nil && preliminaryTitleLooksLikeManual())
        var seenHeading = false
        var inTypedTOC = false
        var tocLines: [WordParagraph] = []
        chunks = [Chunk(key: "front")]

        for (position, block) in blocks.enumerated() {
            switch block {
            case .table(let table):
                if consumedTables.contains(position) { continue }
                flushList()
                let inCover = !seenHeading && bodyFrom.map { position < $0 } ?? true
                if inCover, (history.isEmpty && readHistory(table)) || readControlTable(table) {
                    lastCoverBlock = position
                    continue
                }
                if inCover && table.rows.count <= 12 {
                    report.add(.dropped, at: table.index, text: table.rows.first?.map(\.plainText).joined(separator: " "),
                               "a table on the cover (before the first heading) was not carried over")
                    continue
                }
                emit(table: table)
            case .paragraph(let paragraph):
                if consumedParagraphs.contains(paragraph.index) { continue }
                let reference = paragraph.numbering ?? styles.numbering(paragraph.style)
                let label = reference.flatMap { numbering.next($0) }
                let text = paragraph.plainText.trimmingCharacters(in: Self.blanks)
                // A TOC field's lines end in page numbers: a field whose end is missing must not
                // swallow the body after it.
                if (paragraph.inTOC && Self.isTypedTOCLine(text)) || styles.isTOC(paragraph.style) {
                    if !text.isEmpty { tocLines.append(paragraph) }
                    continue
                }
                if text.isEmpty && paragraph.images.isEmpty { continue }
                if Self.isTOCTitle(text) {
                    inTypedTOC = true
                    tocLines.append(paragraph)
                    continue
                }
                if inTypedTOC {
                    if Self.isTypedTOCLine(text) { tocLines.append(paragraph); continue }
                    inTypedTOC = false
                }
                if Self.isHistoryTitle(text) { continue }
                let inCover = !seenHeading && bodyFrom.map { position < $0 } ?? true
                if inCover, readControlParagraph(paragraph, text: text) {
                    lastCoverBlock = position
                    continue
                }
                if let heading = heading(paragraph, text: text, label: label, reference: reference) {
                    seenHeading = true
                    flushList()
                    emit(heading: heading, splitting: manual)
                    continue
                }
                if inCover {
                    coverParagraph(paragraph, text: text)
                    continue
                }
                emit(paragraph: paragraph, text: text, label: label, position: position, package: &package)
            }
        }
        flushList()
        // No heading at all: the text after the cover's fields is the body, not cover text to drop.
        if !seenHeading, bodyFrom == nil, let start = bodyStartWithoutHeadings(),
           blocks[start...].filter(isDroppedCoverText).count >= 2 {
            var again = unwalked
            again.bodyFrom = start
            again.report.add(.guessed, at: nil, text: nil,
                             "no headings found (neither heading styles, Word numbering nor numbered lines such as 1 目的 or 一、目的): the text after the cover is imported as paragraphs")
            return try again.convert(package: &package)
        }
        readPageMargins(margins)
        if organization == nil, let name = coverDropped.map({ $0.plainText.trimmingCharacters(in: Self.blanks) }).first(where: Self.looksLikeOrganization) {
            organization = name
            organizationSource = "cover"
            report.add(.found, at: nil, text: name, "organisation name (from the cover)")
        }
        if let first = tocLines.first {
            report.add(.dropped, first, "the table of contents (\(tocLines.count) lines) was dropped: docctl builds its own")
        }
        return try finish(package: &package)
    }

    static let blanks = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{A0}"))

    func preliminaryTitleLooksLikeManual() -> Bool {
        if let title = control[.title]?.value { return title.contains("手册") || title.lowercased().contains("manual") }
        for block in blocks.prefix(40) {
            if case .paragraph(let paragraph) = block {
                let text = paragraph.plainText
                if text.count <= 40, text.contains("手册") || text.lowercased().contains("manual") { return true }
            }
        }
        return false
    }

    static func isTOCTitle(_ text: String) -> Bool {
        guard text.utf8.count <= 64 else { return false }
        let key = ControlField.normalize(text)
        return ["目录", "contents", "tableofcontents", "目次"].contains(key)
    }

    /// A typed TOC line: a title followed by dot leaders or blanks and a page number.
    static func isTypedTOCLine(_ text: String) -> Bool {
        CachedRegex.range(#"^.{1,80}?([\t .…·．_-]{1,}|\s)\d{1,3}$"#, in: text) != nil
    }

    static func isHistoryTitle(_ text: String) -> Bool {
        guard text.utf8.count <= 96 else { return false }
        let key = ControlField.normalize(text)
        return ["文档修改记录", "文件修改记录", "修订记录", "修改记录", "变更履历", "修订历史", "文件修订记录", "版本记录",
                "revisionhistory", "documenthistory", "changehistory", "版本历史", "修订履历"].contains(key)
    }

    /// A paragraph the cover walk dropped (not a title, not a control field).
    func isDroppedCoverText(_ block: WordBlock) -> Bool {
        guard case .paragraph(let paragraph) = block else { return false }
        return coverDropped.contains { $0.index == paragraph.index }
    }

    /// Where the body of a document without headings starts: the first paragraph after the cover's
    /// last field that the cover walk dropped or took for a title (the title itself, when the cover
    /// had none before its fields, stays the title).
    func bodyStartWithoutHeadings() -> Int? {
        func position(_ paragraph: WordParagraph) -> Int? {
            blocks.firstIndex { if case .paragraph(let other) = $0 { other.index == paragraph.index } else { false } }
        }
        let candidates = titleCandidates.compactMap { position($0.paragraph) }
        let titled = control[.title] != nil || candidates.contains { $0 < lastCoverBlock }
        let title = titled ? nil : candidates.first { $0 > lastCoverBlock }
        return blocks.indices.first { $0 > lastCoverBlock && $0 != title && (isDroppedCoverText(blocks[$0]) || candidates.contains($0)) }
    }

    mutating func coverParagraph(_ paragraph: WordParagraph, text: String) {
        let styleName = styles.name(paragraph.style)?.lowercased() ?? ""
        let strong = styleName == "title" || styleName == "标题" || styleName == "subtitle"
        let keyword = ["手册", "程序", "指导书", "规范", "制度", "方针", "计划", "预案", "manual", "procedure", "instruction", "policy", "plan"]
            .contains { text.lowercased().contains($0) }
        if (strong || keyword) && text.count <= 40 {
            titleCandidates.append((text, paragraph, strong))
        } else {
            coverDropped.append(paragraph)
        }
    }

    // MARK: Lists

    struct ListState {
        var kinds: [String] = []
        var items: [String] = []
        var level = -1
        var count = 0
    }

    mutating func flushList() {
        guard !list.items.isEmpty else { list = ListState(); return }
        append(list.items.joined(separator: "\n"))
        report.counts.lists += 1
        list = ListState()
    }

    mutating func append(_ block: String) {
        chunks[chunks.count - 1].blocks.append(block)
    }

    /// A list item: `a)`, `1)`, `（1）`, `①`, a bullet, or a paragraph Word numbers as a list.
    mutating func listItem(_ paragraph: WordParagraph, label: WordNumbering.Label?) -> Bool {
        var level: Int
        var ordered: Bool
        var dropPrefix = 0
        if let label {
            level = label.level
            ordered = !label.isBullet
        } else if let (kind, length) = Self.typedListMarker(paragraph.plainText) {
            ordered = kind != "bullet"
            dropPrefix = length
            if let existing = list.kinds.firstIndex(of: kind) {
                list.kinds.removeSubrange((existing + 1)...)
                level = existing
            } else {
                list.kinds.append(kind)
                level = list.kinds.count - 1
            }
        } else {
            return false
        }
        level = min(level, list.level + 1, 5)
        list.level = level
        let content = inlineMarkdown(paragraph.inlines, dropping: dropPrefix, indent: String(repeating: " ", count: level * 3 + 3))
        let marker = ordered ? "1. " : "-  "
        list.items.append(String(repeating: " ", count: level * 3) + marker + content.trimmingCharacters(in: .whitespaces))
        return true
    }

    /// The kind and length of a typed list marker at the start of `text`.
    static func typedListMarker(_ text: String) -> (String, Int)? {
        // Most paragraphs start with a Chinese character: no marker, and no regular expression run.
        guard let first = text.unicodeScalars.first, first.isASCII || "（①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳•●·▪■◆○◇➢√–—）".unicodeScalars.contains(first) else {
            return nil
        }
        let patterns: [(String, String)] = [
            ("letter", #"^[a-z][)）]\s*"#), ("upper", #"^[A-Z][)）]\s*"#), ("digit", #"^\d{1,2}[)）]\s*"#),
            ("paren", #"^[（(]\d{1,2}[)）]\s*"#), ("circled", #"^[①-⑳]\s*"#), ("bullet", #"^[•●·▪■◆○◇➢√]\s*"#),
            ("dash", #"^[-–—]\s+"#),
        ]
        for (kind, pattern) in patterns {
            if let range = CachedRegex.range(pattern, in: text), range.upperBound < text.endIndex {
                return (kind == "dash" ? "bullet" : kind, text.distance(from: text.startIndex, to: range.upperBound))
            }
        }
        return nil
    }

    // MARK: Paragraphs

    mutating func emit(paragraph: WordParagraph, text: String, label: WordNumbering.Label?, position: Int,
                       package: inout DocxPackage) {
        let images = paragraph.images
        if !images.isEmpty {
            flushList()
            for image in images { emit(image: image, in: paragraph, position: position, package: &package) }
            if text.isEmpty { return }
        }
        if listItem(paragraph, label: label) {
            emitFootnotes(paragraph)
            return
        }
        flushList()
        let markdown = inlineMarkdown(paragraph.inlines, dropping: 0, indent: "")
        guard !markdown.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        append(MarkdownText.escapeLineStart(markdown.trimmingCharacters(in: .whitespaces)))
        report.counts.paragraphs += 1
        emitFootnotes(paragraph)
    }

    var pendingFootnotes: [String] = []

    mutating func emitFootnotes(_ paragraph: WordParagraph) {
        guard !pendingFootnotes.isEmpty else { return }
        if !list.items.isEmpty { flushList() }
        for note in pendingFootnotes { append(note) }
        pendingFootnotes = []
    }

    /// The Markdown of a run of inlines: bold and italic markers outside punctuation (CommonMark
    /// does not close `**` after full-width punctuation), links, footnote marks, line breaks.
    mutating func inlineMarkdown(_ inlines: [WordInline], dropping prefix: Int, indent: String, inTable: Bool = false,
                                 plain: Bool = false) -> String {
        var segments: [(text: String, bold: Bool, italic: Bool, raw: String?)] = []
        var toDrop = prefix
        func add(_ text: String, _ bold: Bool, _ italic: Bool) {
            var value = text
            if toDrop > 0 {
                let count = min(toDrop, value.count)
                value.removeFirst(count)
                toDrop -= count
            }
            guard !value.isEmpty else { return }
            if let last = segments.last, last.raw == nil, last.bold == bold, last.italic == italic {
                segments[segments.count - 1].text += value
            } else {
                segments.append((value, bold, italic, nil))
            }
        }
        for inline in inlines {
            switch inline {
            case .text(let text, let bold, let italic): add(text, bold && !plain, italic && !plain)
            case .lineBreak:
                segments.append(("", false, false, inTable ? " " : "\\\n" + indent))
            case .image: break
            case .footnote(let id):
                footnoteCount += 1
                report.counts.footnotes += 1
                let mark = inTable ? "（注\(footnoteCount)）" : "（注\(footnoteCount)）"
                segments.append(("", false, false, mark))
                pendingFootnotes.append("注\(footnoteCount)：" + MarkdownText.escape(footnotes[id] ?? ""))
            case .link(let target, let children):
                var text = ""
                for child in children { child.appendPlain(to: &text) }
                let url = target.hasPrefix("rel:") ? relationships[String(target.dropFirst(4))].flatMap { $0.external ? $0.path : nil } : nil
                if let url, url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("mailto:"), !text.isEmpty {
                    report.counts.links += 1
                    let escapedURL = url.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: ")", with: "%29")
                        .replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E")
                    segments.append(("", false, false, "[" + MarkdownText.escape(text, inTable: inTable) + "](" + escapedURL + ")"))
                } else {
                    add(text, false, false)
                }
            }
        }
        var result = ""
        for segment in segments {
            if let raw = segment.raw { result += raw; continue }
            result += styled(segment.text, bold: segment.bold, italic: segment.italic, inTable: inTable)
        }
        return result
    }

    func styled(_ text: String, bold: Bool, italic: Bool, inTable: Bool) -> String {
        guard bold || italic else { return referencing(text, inTable: inTable) }
        let scalars = Array(text)
        var start = 0
        var end = scalars.count
        func isEdge(_ character: Character) -> Bool { character.isWhitespace || character.isPunctuation || character.isSymbol }
        while start < end, isEdge(scalars[start]) { start += 1 }
        while end > start, isEdge(scalars[end - 1]) { end -= 1 }
        guard start < end else { return referencing(text, inTable: inTable) }
        let marker = bold && italic ? "***" : bold ? "**" : "*"
        return referencing(String(scalars[..<start]), inTable: inTable) + marker
            + referencing(String(scalars[start..<end]), inTable: inTable) + marker
            + referencing(String(scalars[end...]), inTable: inTable)
    }

    /// Escapes text, turning a document number of the set (`QP-04`) into `[[QP-04]]`.
    func referencing(_ text: String, inTable: Bool) -> String {
        guard !options.knownNumbers.isEmpty, text.contains("-") else { return MarkdownText.escape(text, inTable: inTable) }
        var result = ""
        var last = text.startIndex
        for range in CachedRegex.ranges(#"[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)+"#, in: text) {
            let token = String(text[range])
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : nil
            result += MarkdownText.escape(String(text[last..<range.lowerBound]), inTable: inTable)
            if options.knownNumbers.contains(token), before.map({ !$0.isLetter && !$0.isNumber }) ?? true {
                result += "[[\(token)]]"
            } else {
                result += MarkdownText.escape(token, inTable: inTable)
            }
            last = range.upperBound
        }
        return result + MarkdownText.escape(String(text[last...]), inTable: inTable)
    }

    // MARK: Pictures

    static let captionPattern = #"^(图|圖|Figure|Fig\.)\s*[0-9一二三四五六七八九十]"#

    mutating func emit(image: WordImageReference, in paragraph: WordParagraph, position: Int, package: inout DocxPackage) {
        guard let target = relationships[image.relationshipID] else {
            report.add(.dropped, paragraph, "a picture whose part is missing from the package was not carried over")
            return
        }
        if target.external {
            report.add(.dropped, paragraph, "a linked (not embedded) picture was not carried over: \(ImportReport.excerpt(target.path))")
            return
        }
        let data: Data?
        do { data = try package.read(target.path) } catch {
            report.add(.dropped, paragraph, "picture \(target.path) was not carried over: \(error.message)")
            return
        }
        guard let data else {
            report.add(.dropped, paragraph, "picture \(target.path) is missing from the package")
            return
        }
        let base = ((target.path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let format = Self.imageFormat(data) else {
            let ext = (target.path as NSString).pathExtension.uppercased()
            report.add(.dropped, paragraph, "picture \((target.path as NSString).lastPathComponent) (\(ext.isEmpty ? "unknown format" : ext)) was not converted: save it as PNG and add it to media/")
            return
        }
        var name = Self.safeFileName(base) + "." + format
        var counter = 2
        while mediaNames.contains(name) { name = Self.safeFileName(base) + "-\(counter)." + format; counter += 1 }
        mediaNames.insert(name)
        media.append((name, data))
        report.counts.pictures += 1
        var alt = caption(after: position, paragraph: paragraph)
        if alt == nil, let description = image.description {
            alt = description
        }
        if alt == nil {
            alt = "图\(report.counts.pictures)"
            report.add(.guessed, paragraph, "picture media/\(name) has no caption; its alt text is '\(alt!)'")
        }
        append("![\(MarkdownText.escape(alt!))](media/\(name))")
    }

    /// The caption right after (or, failing that, before) a picture: `图1 事件处理流程`.
    mutating func caption(after position: Int, paragraph: WordParagraph) -> String? {
        let own = paragraph.plainText.trimmingCharacters(in: Self.blanks)
        if CachedRegex.range(Self.captionPattern, in: own) != nil { return own }
        for next in blocks[(position + 1)...].prefix(2) {
            guard case .paragraph(let candidate) = next else { break }
            let text = candidate.plainText.trimmingCharacters(in: Self.blanks)
            if text.isEmpty { continue }
            if CachedRegex.range(Self.captionPattern, in: text) != nil, text.count <= 60 {
                consumedParagraphs.insert(candidate.index)
                return text
            }
            break
        }
        return nil
    }

    static func imageFormat(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "gif" }
        return nil
    }

    static func safeFileName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
            .map(Character.init))
        return cleaned.isEmpty ? "image" : String(cleaned.prefix(40))
    }

    // MARK: Tables

    mutating func emit(table: WordTable) {
        var grid: [[String]] = []
        var mergedCells = 0
        var previous: [String] = []
        for (rowIndex, row) in table.rows.enumerated() {
            var cells: [String] = []
            for cell in row {
                // The header row is bold anyway: Word's bold there is not carried over as markup.
                var text = cell.paragraphs.map { inlineMarkdown($0.inlines, dropping: 0, indent: "", inTable: true, plain: rowIndex == 0) }
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
                if cell.verticalMerge == .continue {
                    text = cells.count < previous.count ? previous[cells.count] : ""
                    mergedCells += 1
                }
                if cell.nestedTables > 0 {
                    report.add(.dropped, cell.paragraphs.first, "a table nested in a table cell was flattened into the cell's text")
                }
                for _ in 0..<cell.span { cells.append(text) }
                mergedCells += cell.span - 1
            }
            grid.append(cells)
            previous = cells
        }
        let columns = grid.map(\.count).max() ?? 0
        guard columns > 0 else { return }
        for index in grid.indices { grid[index] += Array(repeating: "", count: columns - grid[index].count) }
        var lines = ["| " + grid[0].joined(separator: " | ") + " |", "|" + Array(repeating: " --- |", count: columns).joined()]
        for row in grid.dropFirst() { lines.append("| " + row.joined(separator: " | ") + " |") }
        append(lines.joined(separator: "\n"))
        report.counts.tables += 1
        if mergedCells > 0 {
            report.add(.guessed, at: table.index, text: table.rows.first?.first?.plainText,
                       "\(mergedCells) merged cell\(mergedCells == 1 ? " was" : "s were") repeated in each cell they covered (Markdown tables cannot merge cells)")
        }
    }
}
