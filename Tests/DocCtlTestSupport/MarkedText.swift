import DocCtlCore

/// Fixture text with position markers (`1️⃣`, `2️⃣`, …) in the style of swift-format's tests.
///
/// A marker stands immediately before the character a diagnostic should point at. The markers are
/// removed from the text; each is remembered as the 1-based line and column (in Unicode scalars, the
/// convention of ``SourceLocation``) of the character that followed it.
public struct MarkedText: Sendable {
    /// The markers docctl tests use, in order.
    public static let markerNames = ["0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟"]

    /// The text without markers.
    public let text: String
    /// Marker → (line, column) in `text`.
    public let markers: [String: (line: Int, column: Int)]

    /// Strips the markers out of `marked`, remembering where each stood.
    public init(_ marked: String) {
        // Fast path for big generated inputs: every marker holds U+20E3 (keycap) or is 🔟.
        if !marked.unicodeScalars.contains(where: { $0 == "\u{20E3}" || $0 == "\u{1F51F}" }) {
            self.text = marked
            self.markers = [:]
            return
        }
        var text = ""
        var markers: [String: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        for character in marked {
            let name = String(character)
            if MarkedText.markerNames.contains(name) {
                precondition(markers[name] == nil, "marker \(name) is used twice in one fixture text")
                markers[name] = (line, column)
                continue
            }
            text.append(character)
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.markers = markers
    }
}
