import DocCtlCore
import FuzzSupport

// Heading text: number, title and `{clause=…}` / `{#id}` attribute blocks (SectionBuilder.parseHeading),
// and the same text as an ATX heading through the Markdown parser and the section builder.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeading(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = FuzzInput.text(data, size) else { return 0 }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
        let parts = SectionBuilder.parseHeading(String(line))
        _ = parts.number?.split(separator: ".").compactMap { Int($0) }
        _ = parts.attributes.count
    }
    let markdown = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64)
        .enumerated().map { "\(String(repeating: "#", count: $0.offset % 6 + 1)) \($0.element)\n\n内容。" }
        .joined(separator: "\n\n")
    let blocks = MarkdownParser.parse(markdown, path: "heading.md")
    _ = SectionBuilder.build(blocks, numbering: .standard)
    _ = SectionBuilder.build(blocks, numbering: .own)
    return 0
}
