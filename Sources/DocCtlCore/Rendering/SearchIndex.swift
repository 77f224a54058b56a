import Foundation

/// The offline search index: one entry per section of every published document.
///
/// Written as `assets/search-index.json` (for tools) and as `assets/search-index.js`, which
/// sets `window.DOCCTL_SEARCH_INDEX` so that search also works from `file://` pages, where
/// browsers refuse to fetch JSON.
///
/// Made of one ``Part`` per document, each made when its document is rendered (on every core) and
/// kept in the build cache: a build that reuses a document takes its part as it is, and the index
/// puts the parts together without reading any entry's text again.
public struct SearchIndex: Sendable {
    /// One searchable place.
    public struct Entry: Codable, Sendable, Hashable {
        public var number: String
        public var document: String
        public var section: String
        /// Relative to the site root.
        public var url: String
        public var text: String
    }

    /// One document's share of the index: its entries as the index writes them, and their bigram
    /// postings by their position in the part. Put after the entries of the documents before it,
    /// a part's postings move up by the number of those entries; nothing else of it changes.
    public struct Part: Sendable, Equatable {
        /// How many entries it holds.
        public let count: Int
        /// The entries' JSON objects, separated by commas (as the index's `entries` array holds them).
        public let json: ArraySlice<UInt8>
        /// Every bigram of the entries, in the order it is first met: the pair (8 bytes, as
        /// ``forEachBigram(_:_:)`` packs it, least significant byte first), then, in LEB128, how
        /// many entries hold it, the last of them and the length of its ``PostingList``'s bytes,
        /// then those bytes.
        public let postings: ArraySlice<UInt8>

        /// The part of `entries`: their JSON and their postings.
        public init(_ entries: [Entry]) {
            count = entries.count
            var json: [UInt8] = []
            // Every field, the names and quotes, and a sixteenth for escapes: an array that outgrows
            // its reservation doubles, and a thousand parts held to the end of a build at twice their
            // size were 100 MB of a large set's peak.
            let estimate = entries.reduce(0) { total, entry in
                total + entry.number.utf8.count + entry.document.utf8.count + entry.section.utf8.count + entry.text.utf8.count
                    + entry.url.utf8.count + 64
            }
            json.reserveCapacity(estimate + estimate / 16)
            for (position, entry) in entries.enumerated() {
                if position > 0 { json.append(UInt8(ascii: ",")) }
                SearchIndex.writeJSON(entry, into: &json)
            }
            // Held until the index is written: kept at its size (a copy when the array grew anyway).
            self.json = json.capacity > json.count + json.count / 8 ? json.withUnsafeBufferPointer { Array($0) }[...] : json[...]
            var byPair: [UInt64: PostingList] = [:]
            var order: [UInt64] = []
            for (index, entry) in entries.enumerated() {
                let posting = Int32(truncatingIfNeeded: index)
                for field in [entry.number, entry.document, entry.section, entry.text] {
                    SearchIndex.forEachBigram(field) { pair in
                        // Entries are visited in order: the last posting tells whether this one has it already.
                        let isNew = byPair[pair, default: PostingList()].appendOnce(posting)
                        if isNew { order.append(pair) }
                    }
                }
            }
            var postings: [UInt8] = []
            for pair in order {
                let list = byPair[pair]!
                withUnsafeBytes(of: pair.littleEndian) { postings.append(contentsOf: $0) }
                LEB128.append(UInt32(list.count), to: &postings)
                LEB128.append(UInt32(list.last), to: &postings)
                LEB128.append(UInt32(list.bytes.count), to: &postings)
                postings.append(contentsOf: list.bytes)
            }
            self.postings = postings.capacity > postings.count + postings.count / 8
                ? postings.withUnsafeBufferPointer { Array($0) }[...] : postings[...]
        }

        /// A part read back from the build cache, or nil when its postings do not parse: every
        /// pair two CJK scalars, every list within the bytes, non-empty, its last entry one of the part's.
        init?(count: Int, json: ArraySlice<UInt8>, postings: ArraySlice<UInt8>) {
            self.count = count
            self.json = json
            self.postings = postings
            guard count >= 0, count < Int(Int32.max), json.isEmpty == (count == 0) else { return nil }
            var valid = true
            let complete = forEachList { pair, entries, last, bytes in
                if !SearchIndex.isCJK(value: UInt32(truncatingIfNeeded: pair >> 32)) || !SearchIndex.isCJK(value: UInt32(truncatingIfNeeded: pair))
                    || entries == 0 || last >= count || entries > bytes.count {
                    valid = false
                }
                var position = bytes.startIndex
                if LEB128.read(bytes, at: &position) == nil { valid = false }
            }
            guard complete, valid else { return nil }
        }

        /// Calls `body` with each pair, how many entries hold it, the last of them and its list's
        /// bytes, in order; false when the bytes end before a record does.
        @discardableResult
        func forEachList(_ body: (_ pair: UInt64, _ entries: Int, _ last: Int32, _ bytes: ArraySlice<UInt8>) -> Void) -> Bool {
            var position = postings.startIndex
            let end = postings.endIndex
            while position < end {
                guard end - position >= 8 else { return false }
                var pair: UInt64 = 0
                for shift in 0..<8 { pair |= UInt64(postings[position + shift]) << (8 * shift) }
                position += 8
                guard let entries = LEB128.read(postings, at: &position), let last = LEB128.read(postings, at: &position),
                      let length = LEB128.read(postings, at: &position), last < UInt32(Int32.max),
                      Int(length) <= end - position else { return false }
                body(pair, Int(entries), Int32(last), postings[position..<(position + Int(length))])
                position += Int(length)
            }
            return true
        }
    }

    public var format = 2
    /// The documents' parts, in order.
    let parts: [Part]
    /// Bigram postings, sorted by the key's UTF-8 bytes (the order of the JSON): entry indices,
    /// ascending, each kept as its distance from the one before in a variable-length integer
    /// (``PostingList``): at 1000 large documents the index has about 15 million postings, 60 MB as
    /// 32-bit integers and mostly one byte each this way.
    let postings: [(key: String, entries: PostingList)]

    /// Bigram postings for Chinese (and Japanese, Korean) text: every pair of neighbouring CJK
    /// characters in an entry's number, titles or text → the indices of the entries holding it,
    /// ascending. Chinese is written without spaces and docctl has no word segmenter: the search
    /// script splits a query run such as `事件管理` into its bigrams (事件 件管 管理) and finds the
    /// entries in which every character of the run is covered by a bigram present there — so
    /// 《事件与服务请求管理程序》 is found, though `事件管理` is not a substring of it.
    public var bigrams: [String: [Int]] {
        Dictionary(uniqueKeysWithValues: postings.map { ($0.key, $0.entries.values.map(Int.init)) })
    }

    /// The index of `entries`, with their bigram postings.
    public init(entries: [Entry]) {
        self.init(parts: [Part(entries)])
    }

    /// The index of the parts' entries, in order: each part's postings moved up by the entries before it.
    public init(parts: [Part]) {
        self.parts = parts
        var byPair: [UInt64: PostingList] = [:]
        var order: [UInt64] = []
        var base: Int32 = 0
        for part in parts {
            part.forEachList { pair, entries, last, bytes in
                let isNew = byPair[pair, default: PostingList()].append(bytes, entries: entries, last: last, movedUpBy: base)
                if isNew { order.append(pair) }
            }
            base &+= Int32(truncatingIfNeeded: part.count)
        }
        self.postings = SearchIndex.keyed(byPair, order: order)
    }

    /// The postings by bigram string, sorted as the JSON has them. Strings are made once per
    /// distinct pair, at the end (a `String` per pair, hashed after Unicode normalisation, was a
    /// third of `build` on a corpus of large documents). Pairs that are one string to Swift (a
    /// compatibility ideograph and its canonical form) share one key, the first met in `order`,
    /// with their postings merged — as a dictionary of strings had them.
    static func keyed(_ pairs: [UInt64: PostingList], order: [UInt64]) -> [(key: String, entries: PostingList)] {
        var byPair = pairs
        var result: [String: PostingList] = [:]
        result.reserveCapacity(order.count)
        for pair in order {
            let key = String(String.UnicodeScalarView([Unicode.Scalar(UInt32(truncatingIfNeeded: pair >> 32))!,
                                                       Unicode.Scalar(UInt32(truncatingIfNeeded: pair))!]))
            let list = byPair.removeValue(forKey: pair)!
            if let existing = result[key] {
                result[key] = PostingList(Array(Set(existing.values).union(list.values)).sorted())
            } else {
                result[key] = list
            }
        }
        // JSONEncoder sorts keys by their UTF-8 bytes, not by String's `<` (which normalises first).
        return result.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { (key: $0.key, entries: $0.value) }
    }

    /// Calls `body` with every pair of neighbouring CJK scalars of `text`, packed as `first << 32 | second`.
    static func forEachBigram(_ text: String, _ body: (UInt64) -> Void) {
        text.withUTF8Bytes { bytes in
            let count = bytes.count
            var index = 0
            var previous: UInt32 = 0  // 0: the last scalar was not CJK
            while index < count {
                let lead = bytes[index]
                let scalar: UInt32
                if lead < 0x80 {
                    previous = 0
                    index += 1
                    continue
                } else if lead < 0xE0 {
                    scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if lead < 0xF0 {
                    scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    scalar = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                }
                if isCJK(value: scalar) {
                    if previous != 0 { body(UInt64(previous) << 32 | UInt64(scalar)) }
                    previous = scalar
                } else {
                    previous = 0
                }
            }
        }
    }

    /// Whether `scalar` is written without spaces between words: Han, kana, hangul.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool { isCJK(value: scalar.value) }

    static func isCJK(value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }

    /// The pairs of neighbouring CJK characters of `text`, in order (with repeats).
    static func bigrams(of text: String) -> [String] {
        var grams: [String] = []
        var previous: Unicode.Scalar? = nil
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                if let previous { grams.append(String(String.UnicodeScalarView([previous, scalar]))) }
                previous = scalar
            } else {
                previous = nil
            }
        }
        return grams
    }

    /// The entries of one document whose page is at `page`: its preamble, then each section, with
    /// the texts rendered for its page and archive.
    static func entries(_ document: Document, page: String, rendered: RenderedBlocks) -> [Entry] {
        var entries = [Entry(number: document.number, document: document.title, section: "", url: page,
                             text: rendered.preambleText.isEmpty ? document.title : rendered.preambleText)]
        for section in document.allSections {
            let title = [section.number, section.title].compactMap { $0 }.joined(separator: " ")
            entries.append(Entry(number: document.number, document: document.title, section: title,
                                 url: page + "#" + section.anchor, text: rendered.sectionTexts[section.anchor] ?? ""))
        }
        return entries
    }

    /// The entries of a published revision read back from its archive, whose page is at `page`.
    static func entries(_ archive: ArchivedRevision, page: String) -> [Entry] {
        var entries = [Entry(number: archive.number, document: archive.title, section: "", url: page,
                             text: archive.preambleText.isEmpty ? archive.title : archive.preambleText)]
        for section in archive.allSections {
            let title = [section.number, section.title].compactMap { $0 }.joined(separator: " ")
            entries.append(Entry(number: archive.number, document: archive.title, section: title,
                                 url: page + "#" + section.anchor, text: section.text))
        }
        return entries
    }

    /// Sorted keys, no escaped slashes: the same index always gives the same bytes — those
    /// `JSONEncoder` gives with `.sortedKeys` and `.withoutEscapingSlashes` (``SearchIndexTests``
    /// compares the two), written directly: JSONEncoder boxed every posting of the index and was a
    /// sixth of a `build` of large documents.
    public var json: Data { files.json }

    /// The index as `assets/search-index.json` and as the script `assets/search-index.js` for
    /// `file://` browsing. Both are views of one buffer, written once: at 1000 large documents the
    /// index is ~150 MB, and the JSON, its copy into `Data` and the script's copy of it were three
    /// buffers of that size at once.
    var files: (json: Data, script: Data) {
        let prefix = Array(SearchIndex.scriptPrefix.utf8), suffix = Array(SearchIndex.scriptSuffix.utf8)
        var writer = ChunkedBytes(capacity: prefix.count + jsonSizeEstimate + suffix.count)
        writer.append(prefix)
        writeJSON(into: &writer)
        writer.append(suffix)
        let script = writer.finish()
        return (script[prefix.count ..< script.count - suffix.count], script)
    }

    /// Hands the JSON to `emit` in pieces of about a megabyte, in order: a build writes them to the
    /// files as they come, so that the index (~150 MB at 1000 large documents) is never whole in memory.
    func writeJSON(pieces emit: @escaping ([UInt8]) -> Void) {
        var writer = ChunkedBytes(sink: emit)
        writeJSON(into: &writer)
        _ = writer.finish()
    }

    /// About the size of the JSON (it only sizes the first allocation).
    var jsonSizeEstimate: Int {
        parts.reduce(0) { $0 + $1.json.count + 1 } + postings.reduce(0) { $0 + 12 + 6 * $1.entries.count } + 64
    }

    func writeJSON(into writer: inout ChunkedBytes) {
        writer.append(#"{"bigrams":{"#.utf8)
        for (position, posting) in postings.enumerated() {
            if position > 0 { writer.append(UInt8(ascii: ",")) }
            SearchIndex.writeJSON(posting.key, into: &writer.chunk)
            writer.append(":[".utf8)
            var first = true
            posting.entries.forEach { index in
                if !first { writer.append(UInt8(ascii: ",")) }
                first = false
                writer.appendDecimal(index)
            }
            writer.append(UInt8(ascii: "]"))
            writer.flushIfFull()
        }
        writer.append(#"},"entries":["#.utf8)
        var first = true
        for part in parts where part.count > 0 {
            if !first { writer.append(UInt8(ascii: ",")) }
            first = false
            writer.append(part.json)
            writer.flushIfFull()
        }
        writer.append(#"],"format":"#.utf8)
        writer.append(String(format).utf8)
        writer.append(UInt8(ascii: "}"))
    }

    /// One entry as JSONEncoder writes it with sorted keys.
    static func writeJSON(_ entry: Entry, into output: inout [UInt8]) {
        for (name, value) in [("document", entry.document), ("number", entry.number), ("section", entry.section),
                              ("text", entry.text), ("url", entry.url)] {
            output.append(contentsOf: (name == "document" ? #"{""# : #",""#).utf8)
            output.append(contentsOf: name.utf8)
            output.append(contentsOf: #"":"#.utf8)
            writeJSON(value, into: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// A JSON string as JSONEncoder writes it: `"` and `\` escaped, control characters as `\b \f \n
    /// \r \t` or `\u00XX`, everything else (slashes, non-ASCII) as it is.
    static func writeJSON(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        text.withUTF8Bytes { bytes in
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
                case 0x08: output.append(contentsOf: #"\b"#.utf8)
                case 0x0C: output.append(contentsOf: #"\f"#.utf8)
                case 0x0A: output.append(contentsOf: #"\n"#.utf8)
                case 0x0D: output.append(contentsOf: #"\r"#.utf8)
                case 0x09: output.append(contentsOf: #"\t"#.utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: #"\u00"#.utf8)
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0x0F)])
                }
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// What `assets/search-index.js` writes around the JSON.
    static let scriptPrefix = "window.DOCCTL_SEARCH_INDEX = "
    static let scriptSuffix = ";\n"
}

/// Bytes gathered in a small array and moved into one growing `Data` a megabyte at a time: the
/// byte loops stay on an array (fast appends), the result is one buffer with no final copy.
struct ChunkedBytes {
    var chunk: [UInt8] = []
    private var data: Data
    /// Receives each piece instead of `data`, when set.
    private let sink: (([UInt8]) -> Void)?

    init(capacity: Int) {
        data = Data(capacity: capacity)
        sink = nil
        chunk.reserveCapacity(1 << 20 + 4096)
    }

    /// Hands every piece to `sink` instead of gathering them (``finish()`` then returns no bytes).
    init(sink: @escaping ([UInt8]) -> Void) {
        data = Data()
        self.sink = sink
        chunk.reserveCapacity(1 << 20 + 4096)
    }

    mutating func append(_ byte: UInt8) { chunk.append(byte) }
    mutating func append(_ bytes: [UInt8]) { chunk.append(contentsOf: bytes) }
    mutating func append(_ bytes: ArraySlice<UInt8>) { chunk.append(contentsOf: bytes) }
    mutating func append(_ bytes: String.UTF8View) { chunk.append(contentsOf: bytes) }

    /// `value` (≥ 0) in decimal, as `String(value)` writes it.
    mutating func appendDecimal(_ value: Int32) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = UInt32(value)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[9 - count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            } while remaining > 0
            chunk.append(contentsOf: buffer[(10 - count)...])
        }
    }

    mutating func flushIfFull() {
        if chunk.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        if let sink {
            if !chunk.isEmpty { sink(chunk) }
        } else {
            data.append(contentsOf: chunk)
        }
        chunk.removeAll(keepingCapacity: true)
    }

    /// The bytes written.
    mutating func finish() -> Data {
        flush()
        return data
    }
}

/// Ascending entry indices (≥ 0), each kept as its distance from the one before (the first from
/// -1) in LEB128: seven bits a byte, the high bit set on every byte but a number's last.
struct PostingList: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []
    /// The last index (-1 when there is none).
    private(set) var last: Int32 = -1
    /// How many indices it holds.
    private(set) var count = 0

    init() {}

    init(_ values: [Int32]) {
        for value in values { _ = appendOnce(value) }
    }

    /// Appends `value` (not below the last one) unless it is the last one already; true when the list was empty.
    mutating func appendOnce(_ value: Int32) -> Bool {
        if value == last { return false }
        LEB128.append(UInt32(bitPattern: value &- last), to: &bytes)
        last = value
        count += 1
        return count == 1
    }

    /// Appends the list of `entries` indices whose bytes are `other` and whose last index is
    /// `otherLast`, every index moved up by `offset` (all above the last one here): only the first
    /// distance is written anew, the others are the same. True when the list was empty.
    mutating func append(_ other: ArraySlice<UInt8>, entries: Int, last otherLast: Int32, movedUpBy offset: Int32) -> Bool {
        var position = other.startIndex
        guard entries > 0, let distance = LEB128.read(other, at: &position) else { return false }
        let wasEmpty = count == 0
        LEB128.append(UInt32(bitPattern: (Int32(bitPattern: distance) &- 1 &+ offset) &- last), to: &bytes)
        bytes.append(contentsOf: other[position...])
        count += entries
        last = otherLast &+ offset
        return wasEmpty
    }

    /// Calls `body` with every index, in order.
    func forEach(_ body: (Int32) -> Void) {
        var value: Int32 = -1
        var delta: UInt32 = 0
        var shift: UInt32 = 0
        for byte in bytes {
            delta |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 != 0 {
                shift += 7
                continue
            }
            value = value &+ Int32(bitPattern: delta)
            body(value)
            delta = 0
            shift = 0
        }
    }

    var values: [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(count)
        forEach { result.append($0) }
        return result
    }
}

/// Unsigned LEB128: seven bits a byte, least significant first, the high bit set on every byte but the last.
enum LEB128 {
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The number at `position` in `bytes` (moving `position` past it); nil when the bytes end
    /// before it does or it has more than five bytes.
    static func read(_ bytes: ArraySlice<UInt8>, at position: inout Int) -> UInt32? {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while position < bytes.endIndex, shift < 35 {
            let byte = bytes[position]
            position += 1
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
