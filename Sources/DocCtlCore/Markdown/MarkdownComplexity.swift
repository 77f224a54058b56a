/// Bounds on the structure of one Markdown file, checked with one pass over its bytes before
/// cmark-gfm parses it.
///
/// The 4 MiB size limit alone does not bound the work: 4 MiB of `*a* ` is a million emphasis
/// nodes (cmark-gfm alone needs 820 MB for them, docctl's build 1.8 GB), and 4 MiB of `# 同` is
/// 700 000 headings (13 s of check). No manual comes near these limits — a dense 80 KB procedure
/// has about a hundred headings and a few hundred emphasis markers — so a file past them is refused
/// with a diagnostic instead of being parsed.
public enum MarkdownComplexity {
    /// The most headings (lines starting with up to three spaces and `#`) one file may hold.
    public static let maximumHeadings = 20_000
    /// The most emphasis delimiters (`*` and `_`) one file may hold.
    public static let maximumEmphasisMarkers = 250_000

    /// Why `text` is too complex to parse (a sentence for a diagnostic), or nil when it is within the bounds.
    public static func problem(_ text: String) -> String? {
        var headings = 0, markers = 0
        // Over the byte buffer: a loop over `text.utf8` (its iterator is not inlined) cost ~37
        // instructions a byte, 1.5 % of a build of large documents.
        text.withUTF8Bytes { bytes in
            var atLineStart = true, indent = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\n"):
                    atLineStart = true
                    indent = 0
                    continue
                case UInt8(ascii: " ") where atLineStart && indent < 3:
                    indent += 1
                    continue
                case UInt8(ascii: "#") where atLineStart:
                    headings += 1
                case UInt8(ascii: "*"), UInt8(ascii: "_"):
                    markers += 1
                default:
                    break
                }
                atLineStart = false
            }
        }
        if headings > maximumHeadings {
            return "\(headings) headings; docctl reads at most \(maximumHeadings) headings in one file"
        }
        if markers > maximumEmphasisMarkers {
            return "\(markers) emphasis markers (* and _); docctl reads at most \(maximumEmphasisMarkers) in one file"
        }
        return nil
    }
}
