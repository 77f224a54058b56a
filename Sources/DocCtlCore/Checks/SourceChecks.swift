import Foundation

/// Rules on the sources themselves: duplicate numbers, raw HTML, stray `**`, paths out of the set.
enum SourceChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        var seen: [String: Document] = [:]
        for document in context.set.documents {
            if let first = seen[document.number] {
                sink.report(Rules.duplicateDocument, at: document.location,
                            "document number \(document.number) is also used by \(first.folder)",
                            notes: [Diagnostic.Note("first used here", at: first.location)],
                            fix: "give each document its own 文件编号")
            } else {
                seen[document.number] = document
            }
        }
        context.forEachBlock { document, block in
            if case .html(let html, let location) = block {
                sink.report(Rules.rawHTML, at: location, "raw HTML is not rendered: \(excerpt(html))",
                            fix: "write it in Markdown (tables, lists, emphasis) instead")
            }
        }
        context.forEachInline { document, inline in
            switch inline {
            case .html(let html, let location):
                sink.report(Rules.rawHTML, at: location, "raw HTML is not rendered: \(excerpt(html))",
                            fix: "write it in Markdown instead")
            case .text(let text) where hasDoubleAsterisk(text):
                // Text nodes carry no position; the paragraph check below reports those with one.
                break
            case .link(let url, _, _, let location):
                checkPath(url, from: document, at: location, context, &sink)
            default: break
            }
        }
        context.forEachBlock { _, block in
            guard case .paragraph(let inlines, let location) = block else { return }
            if containsStrayEmphasis(inlines) {
                sink.report(Rules.unparsedEmphasis, at: location,
                            "'**' was not read as bold here (CommonMark does not close '**' after full-width punctuation before a Han character)",
                            fix: "move the punctuation outside the markers: **注**：")
            }
        }
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
    static func hasDoubleAsterisk(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == 0x2A && previous == 0x2A { return true }
                previous = byte
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
