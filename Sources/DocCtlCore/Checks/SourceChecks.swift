import Foundation

/// Rules on the sources themselves: duplicate numbers, raw HTML, stray `**`, paths out of the set.
enum SourceChecks {
    /// The set-level part: numbers and site folders of all documents, records, and every
    /// document's links (from its summary: a linked file may be another document's).
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        // Positions, not copies of every document.
        var seen: [String: Int] = [:]
        seen.reserveCapacity(context.set.documents.count)
        let documents = context.set.documents
        for position in documents.indices {
            let number = documents[position].number
            if let index = seen[number] {
                let document = documents[position]
                let first = documents[index]
                sink.report(Rules.duplicateDocument, at: document.location,
                            "document number \(document.number) is also used by \(first.folder)",
                            notes: [Diagnostic.Note("first used here", at: first.location)],
                            fix: "give each document its own 文件编号")
            } else {
                seen[number] = position
            }
        }
        checkFolderNames(context.set.documents, &sink)
        for record in context.set.records {
            checkBidi(record.id, "record id", at: record.location, &sink)
            checkBidi(record.title, "the title of record \(record.id)", at: record.location, &sink)
        }
        for (document, summary) in zip(context.set.documents, context.summaries) {
            for link in summary.links { checkPath(link.value, from: document, at: link.location, context, &sink) }
        }
    }

    /// The per-document part (see ``DocumentChecks``): bidirectional controls in the number, title
    /// and headings, taken anchors, raw HTML and stray `**`; the links go into `summary`.
    static func checkDocument(_ document: Document, blocks: [Block], inlines: [Inline], _ summary: inout DocumentSummary,
                              _ sink: inout DiagnosticSink) {
        checkBidi(document.number, "document number", at: document.numberLocation ?? document.location, &sink)
        checkBidi(document.title, "the title of \(document.number)", at: document.titleLocation ?? document.location, &sink)
        // Visited in place: `allSections` copied every section.
        document.forEachSection { section in
            checkBidi(section.title, "a section title", at: section.location, &sink)
            guard let taken = section.anchorTakenAt else { return }
            sink.report(Rules.duplicateAnchor, at: section.location,
                        "section '\(section.title)' cannot have its anchor: an earlier section of \(document.number) has it; it became #\(section.anchor)",
                        notes: [Diagnostic.Note("the anchor is taken here", at: taken)],
                        fix: "give each {id=…} a name of its own, unlike sec-<number> and appendix-<letter>")
        }
        for block in blocks {
            switch block {
            case .html(let html, let location):
                sink.report(Rules.rawHTML, at: location, "raw HTML is not rendered: \(excerpt(html))",
                            fix: "write it in Markdown (tables, lists, emphasis) instead")
            case .paragraph(let inlines, let location) where containsStrayEmphasis(inlines):
                sink.report(Rules.unparsedEmphasis, at: location,
                            "'**' was not read as bold here (CommonMark does not close '**' after full-width punctuation before a Han character)",
                            fix: "move the punctuation outside the markers: **注**：")
            default: break
            }
        }
        for inline in inlines {
            switch inline {
            case .html(let html, let location):
                sink.report(Rules.rawHTML, at: location, "raw HTML is not rendered: \(excerpt(html))",
                            fix: "write it in Markdown instead")
            case .link(let url, _, _, let location):
                summary.links.append(Located(url, at: location))
            default: break
            }
        }
    }

    /// Each document's site folder (`SiteNames.safeComponent` of its number) is its own, is not a name
    /// of the site root and fits a file name: otherwise one document's pages would replace another's
    /// (`QP-98/A` and `QP-98 A` are both `QP-98_A/`), or the build would fail half-way.
    static func checkFolderNames(_ documents: [Document], _ sink: inout DiagnosticSink) {
        var seen: [String: Int] = [:]
        seen.reserveCapacity(documents.count)
        let reserved = Set(SiteNames.reserved.map { $0.lowercased() })
        for position in documents.indices {
            let number = documents[position].number
            let folder = SiteNames.safeComponent(number)
            var location: SourceLocation { documents[position].numberLocation ?? documents[position].location }
            // Case is ignored: the site may be served from a file system that ignores it.
            let key = folder.lowercased()
            if reserved.contains(key) {
                sink.report(Rules.documentFolderName, at: location,
                            "document number '\(number)' would be the site's own '\(folder)'",
                            notes: [Diagnostic.Note("the site root holds \(SiteNames.reserved.joined(separator: ", "))")],
                            fix: "choose another 文件编号")
            } else if folder.utf8.count > SiteNames.maximumFolderBytes {
                sink.report(Rules.documentFolderName, at: location,
                            "document number '\(String(number.prefix(40)))…' is \(folder.utf8.count) bytes as a folder name; the limit is \(SiteNames.maximumFolderBytes)",
                            fix: "shorten the 文件编号")
            } else if let index = seen[key], documents[index].number != number {
                let first = documents[index]
                sink.report(Rules.documentFolderName, at: location,
                            "document numbers '\(number)' and '\(first.number)' both become the site folder '\(folder)'",
                            notes: [Diagnostic.Note("\(first.number) is written here", at: first.numberLocation ?? first.location)],
                            fix: "numbers may differ in letters, digits, '-', '_' and '.', not only in other characters or case")
            } else if seen[key] == nil {
                seen[key] = position
            }
        }
    }

    /// Bidirectional controls: U+202A–U+202E (embeddings, overrides), U+2066–U+2069 (isolates),
    /// U+200E and U+200F (marks).
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    static func checkBidi(_ text: String, _ what: String, at location: SourceLocation, _ sink: inout DiagnosticSink) {
        guard let scalar = text.unicodeScalars.first(where: isBidiControl) else { return }
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true)
        sink.report(Rules.bidiControl, at: location,
                    "\(what) holds the bidirectional control \(code): it shows in another order than it is written",
                    fix: "delete the invisible control character")
    }

    static func containsStrayEmphasis(_ inlines: [Inline]) -> Bool {
        inlines.contains { inline in
            switch inline {
            case .text(let text): hasDoubleAsterisk(text)
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c, _): containsStrayEmphasis(c)
            default: false
            }
        }
    }

    /// Whether `text` contains `**`, searched in UTF-8 (Foundation's `contains` converts every text
    /// node to UTF-16 first, which made this check one of the most expensive of `check`).
    /// Each `*` is found with `memchr` (most text has none): a byte loop over every text node
    /// was a third of the per-document checks of a large set.
    static func hasDoubleAsterisk(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard bytes.count > 1, let base = bytes.baseAddress else { return false }
            let last = base + (bytes.count - 1)
            var from = base
            while from < last, let hit = memchr(from, 0x2A, last - from) {
                let star = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                if star[1] == 0x2A { return true }
                from = star + 1
            }
            return false
        }
    }

    static func excerpt(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? text
        return line.count > 60 ? String(line.prefix(60)) + "…" : line
    }

    /// Local links must stay inside the set and exist; URLs with a scheme are left alone
    /// (cmark already drops `javascript:` and `data:` targets). Images are checked as they are
    /// loaded (``ImageLoader``).
    static func checkPath(_ url: String, from document: Document, at location: SourceLocation,
                          _ context: CheckContext, _ sink: inout DiagnosticSink) {
        switch LocalTarget.resolve(url, from: document.folder, root: context.set.root) {
        case .none, .url, .inside:
            break
        case .absolute:
            sink.report(Rules.pathOutsideSet, at: location, "link '\(url)' is an absolute path; paths must stay inside the document set",
                        fix: "use a path relative to the Markdown file")
        case .fileURL:
            sink.report(Rules.pathOutsideSet, at: location, "link '\(url)' points to a local file outside the document set",
                        fix: "link to a file inside the set with a relative path")
        case .outside:
            sink.report(Rules.pathOutsideSet, at: location, "link '\(url)' leaves the document set",
                        fix: "keep linked files inside the set")
        case .missing:
            sink.report(Rules.missingFile, at: location, "link '\(url)' points to a file that does not exist")
        case .symlinkOut:
            sink.report(Rules.pathOutsideSet, at: location, "link '\(url)' is a symbolic link out of the document set")
        }
    }
}
