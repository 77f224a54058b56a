import Crypto
import Foundation

/// A document's body as a build keeps it between runs: what loading the body made, in the form
/// a dropped body has (``Document/droppingBody(checked:)``), keyed by the text it was parsed from.
///
/// `build -o` keeps one per document in its cache (``BuildCache/bodies``); the next build's load
/// reads the document's YAML and the text of its body files as always, and when they digest to
/// ``key`` it takes the body from here instead of parsing the Markdown: the document it makes is
/// the one a load and a drop give (the images are loaded again from ``images``, with their
/// diagnostics). Only the documents rendered are parsed (``BodyReloader``).
public struct KeptBody: Sendable, Equatable {
    /// An image the body shows: the target as written, the folder of the Markdown file that names
    /// it and where (``ImageLoader`` resolves and reads it again at every load).
    public struct ImageReference: Sendable, Equatable {
        public var folder: String
        public var url: String
        public var location: SourceLocation
    }

    /// A section without its blocks (see ``Section``; its clauses as the document's load made them,
    /// before the set's standard mapped them).
    public struct KeptSection: Sendable, Equatable {
        var number: String?
        var title: String
        var level: Int
        var anchor: String
        var clauses: [String]
        var explicitClauses: [Located<String>]?
        var isAppendix: Bool
        var location: SourceLocation
        var anchorTakenAt: SourceLocation?
        var body: DroppedSectionBody
        var children: [KeptSection]
    }

    /// ``key(numbering:files:)`` of what the body was made from.
    public let key: String
    public let sections: [KeptSection]
    public let summary: DroppedDocumentBody
    public let repeatedPlaceholders: [SourceLocation: SourceLocation]
    public let images: [ImageReference]
    /// This body as the build cache's fields, made once (on the core that loaded the document), or
    /// the bytes it was read from: a build writes the cache twice (its checksum, then the file),
    /// and a thousand bodies written field by field were a fifth of an incremental build.
    public let fields: [UInt8]

    /// The key of a body made from `files` (each body file parsed, in order) with `numbering`:
    /// everything parsing it and building its section tree reads, and docctl's version.
    public static func key(numbering: ClauseNumbering, files: [SourceFile]) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("docctl-kept-body 1 \(DocCtlVersion.number) \(numbering.rawValue)\n".utf8))
        for file in files {
            hasher.update(data: Data("file \(file.path) \(file.text.utf8.count)\n".utf8))
            hasher.update(data: Data(file.text.utf8))
        }
        return SHA256Hex.string(hasher.finalize())
    }

    /// The kept form of `document`'s body (parsed, or dropped: ``Document/droppingBody(checked:)``
    /// keeps the same of each section).
    init(key: String, document: Document, images: [ImageReference]) {
        func keep(_ section: Section) -> KeptSection {
            KeptSection(number: section.number, title: section.title, level: section.level, anchor: section.anchor,
                        clauses: section.clauses, explicitClauses: section.explicitClauses, isAppendix: section.isAppendix,
                        location: section.location, anchorTakenAt: section.anchorTakenAt,
                        body: section.droppedBody ?? DroppedSectionBody(isStub: section.isStub, hadBlocks: !section.blocks.isEmpty,
                                                                        placeholders: Block.placeholderNames(section.blocks)),
                        children: section.children.map(keep))
        }
        self.init(key: key, sections: document.sections.map(keep), summary: document.bodySummary,
                  repeatedPlaceholders: document.repeatedPlaceholders, images: images)
    }

    init(key: String, sections: [KeptSection], summary: DroppedDocumentBody, repeatedPlaceholders: [SourceLocation: SourceLocation],
         images: [ImageReference], fields: [UInt8]? = nil) {
        self.key = key
        self.sections = sections
        self.summary = summary
        self.repeatedPlaceholders = repeatedPlaceholders
        self.images = images
        if let fields {
            self.fields = fields
        } else {
            var writer = FieldWriter()
            Self.write(key: key, sections: sections, summary: summary, repeatedPlaceholders: repeatedPlaceholders, images: images,
                       to: &writer)
            self.fields = writer.buffer
        }
    }
}

extension Document {
    /// Gives this document the body `kept` holds, dropped, as parsed from `files` (its body files,
    /// in order): what loading them and ``droppingBody(checked:)`` give, but the images (loaded
    /// from ``KeptBody/images`` by the caller).
    mutating func takeBody(_ kept: KeptBody, files: [String]) {
        func section(_ kept: KeptBody.KeptSection) -> Section {
            Section(number: kept.number, title: kept.title, level: kept.level, anchor: kept.anchor, clauses: kept.clauses,
                    explicitClauses: kept.explicitClauses, isAppendix: kept.isAppendix, location: kept.location, blocks: [],
                    children: kept.children.map(section), anchorTakenAt: kept.anchorTakenAt, droppedBody: kept.body)
        }
        bodyFiles = files.map { BodyFile(path: $0, blocks: []) }
        preamble = []
        sections = kept.sections.map(section)
        repeatedPlaceholders = kept.repeatedPlaceholders
        droppedBody = kept.summary
        bodyCheck = nil
    }
}

// MARK: Fields (the build cache's format)

extension KeptBody {
    func write(to writer: inout FieldWriter) { writer.raw(fields) }

    private static func write(key: String, sections: [KeptSection], summary: DroppedDocumentBody,
                              repeatedPlaceholders: [SourceLocation: SourceLocation], images: [ImageReference],
                              to writer: inout FieldWriter) {
        writer.field(key)
        writer.count(sections.count)
        for section in sections { section.write(to: &writer) }
        Self.write(summary.preamblePlaceholders, to: &writer)
        Self.write(summary.generatedBlocks.sorted(), to: &writer)
        Self.write(summary.referencedNumbers.sorted(), to: &writer)
        writer.count(repeatedPlaceholders.count)
        for (repeated, first) in repeatedPlaceholders.sorted(by: { $0.key < $1.key }) {
            DocumentCheckRecord.write(repeated, to: &writer)
            DocumentCheckRecord.write(first, to: &writer)
        }
        writer.count(images.count)
        for image in images {
            writer.field(image.folder)
            writer.field(image.url)
            DocumentCheckRecord.write(image.location, to: &writer)
        }
    }

    init?(from reader: inout FieldReader) {
        let start = reader.position
        guard let key = reader.field(), let count = reader.count() else { return nil }
        var sections: [KeptSection] = []
        for _ in 0..<count {
            guard let section = KeptSection(from: &reader, depth: 0) else { return nil }
            sections.append(section)
        }
        guard let preamble = Self.strings(from: &reader), let generated = Self.strings(from: &reader),
              let referenced = Self.strings(from: &reader), let repeatedCount = reader.count() else { return nil }
        var repeated: [SourceLocation: SourceLocation] = [:]
        for _ in 0..<repeatedCount {
            guard let at = DocumentCheckRecord.location(from: &reader), let at,
                  let first = DocumentCheckRecord.location(from: &reader), let first else { return nil }
            repeated[at] = first
        }
        guard let imageCount = reader.count() else { return nil }
        var images: [ImageReference] = []
        for _ in 0..<imageCount {
            guard let folder = reader.field(), let url = reader.field(),
                  let location = DocumentCheckRecord.location(from: &reader), let location else { return nil }
            images.append(ImageReference(folder: folder, url: url, location: location))
        }
        self.init(key: key, sections: sections,
                  summary: DroppedDocumentBody(preamblePlaceholders: preamble, generatedBlocks: Set(generated),
                                               referencedNumbers: Set(referenced)),
                  repeatedPlaceholders: repeated, images: images, fields: Array(reader.bytes[start..<reader.position]))
    }

    static func write(_ strings: [String], to writer: inout FieldWriter) {
        writer.count(strings.count)
        for text in strings { writer.field(text) }
    }

    static func strings(from reader: inout FieldReader) -> [String]? {
        guard let count = reader.count() else { return nil }
        var strings: [String] = []
        for _ in 0..<count {
            guard let text = reader.field() else { return nil }
            strings.append(text)
        }
        return strings
    }
}

extension KeptBody.KeptSection {
    /// Headings nest six deep at most; a deeper tree in a cache is not one docctl wrote.
    static let maximumDepth = 16

    func write(to writer: inout FieldWriter) {
        writer.optional(number)
        writer.field(title)
        writer.count(level)
        writer.field(anchor)
        KeptBody.write(clauses, to: &writer)
        writer.field(explicitClauses == nil ? "0" : "1")
        if let explicitClauses {
            writer.count(explicitClauses.count)
            for clause in explicitClauses {
                writer.field(clause.value)
                DocumentCheckRecord.write(clause.location, to: &writer)
            }
        }
        writer.field(isAppendix ? "1" : "0")
        DocumentCheckRecord.write(location, to: &writer)
        DocumentCheckRecord.write(anchorTakenAt, to: &writer)
        writer.field(body.isStub ? "1" : "0")
        writer.field(body.hadBlocks ? "1" : "0")
        KeptBody.write(body.placeholders, to: &writer)
        writer.count(children.count)
        for child in children { child.write(to: &writer) }
    }

    init?(from reader: inout FieldReader, depth: Int) {
        guard depth < Self.maximumDepth, let number = reader.optional(), let title = reader.field(),
              let level = reader.integer(), let anchor = reader.field(), let clauses = KeptBody.strings(from: &reader),
              let hasExplicit = Self.flag(from: &reader) else { return nil }
        var explicit: [Located<String>]?
        if hasExplicit {
            guard let count = reader.count() else { return nil }
            var list: [Located<String>] = []
            for _ in 0..<count {
                guard let value = reader.field(), let at = DocumentCheckRecord.location(from: &reader), let at else { return nil }
                list.append(Located(value, at: at))
            }
            explicit = list
        }
        guard let isAppendix = Self.flag(from: &reader), let location = DocumentCheckRecord.location(from: &reader), let location,
              let taken = DocumentCheckRecord.location(from: &reader), let isStub = Self.flag(from: &reader),
              let hadBlocks = Self.flag(from: &reader), let placeholders = KeptBody.strings(from: &reader),
              let childCount = reader.count() else { return nil }
        var children: [KeptBody.KeptSection] = []
        for _ in 0..<childCount {
            guard let child = KeptBody.KeptSection(from: &reader, depth: depth + 1) else { return nil }
            children.append(child)
        }
        self.init(number: number, title: title, level: level, anchor: anchor, clauses: clauses, explicitClauses: explicit,
                  isAppendix: isAppendix, location: location, anchorTakenAt: taken,
                  body: DroppedSectionBody(isStub: isStub, hadBlocks: hadBlocks, placeholders: placeholders), children: children)
    }

    private static func flag(from reader: inout FieldReader) -> Bool? {
        switch reader.field() {
        case "0": false
        case "1": true
        default: nil
        }
    }
}
