import DocCtlCore
import FuzzSupport

// Markdown bodies: cmark-gfm through MarkdownParser (front matter, [[…]], 《…》, {{…}}, columns),
// then the section tree, in both numbering modes, and a walk over every block and inline.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = FuzzInput.text(data, size) else { return 0 }
    let blocks = MarkdownParser.parse(text, path: "body.md")
    for numbering in [ClauseNumbering.standard, .own] {
        let (preamble, sections) = SectionBuilder.build(blocks, numbering: numbering)
        _ = preamble.count
        for section in sections.flatMap(\.flattened) { _ = section.clauses.count + section.anchor.count }
    }
    var count = 0
    for block in blocks {
        block.forEachBlock { _ in count += 1 }
        block.forEachInline { inline in _ = inline.plainText; count += 1 }
    }
    return count < 0 ? 1 : 0
}
