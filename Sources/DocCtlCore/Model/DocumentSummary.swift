import Crypto
import Foundation

/// What the set-level rules need of a document's body, gathered in one walk of it: the
/// references, cited titles and links it writes, and whether it holds a generated block.
///
/// Everything else the set-level rules read of a document (number, title, history, sections and
/// their clauses, records…) comes from its document.yaml and headings, which every load reads. A
/// summary is kept with the document's own findings (``DocumentCheckRecord``), keyed by the
/// digest of what they were made from, so an unchanged body is not walked again (`docctl serve`
/// keeps them in memory, `build -o` in the build cache).
public struct DocumentSummary: Sendable, Equatable {
    /// `[[…]]` as written (before canonical clause ids), in body order.
    public var references: [Located<String>] = []
    /// `《…》`, in body order.
    public var citedTitles: [Located<String>] = []
    /// The targets of Markdown links (not images), in body order.
    public var links: [Located<String>] = []
    /// The body holds a generated block (`{{…}}`).
    public var generatesBlocks = false
    /// The content digest (``ContentDigest``) when it depends on the document's own files only (no
    /// generated block that seals a set file, such as `{{statement-of-applicability}}`); nil otherwise.
    public var contentDigest: String?

    public init() {}

    public init(references: [Located<String>], citedTitles: [Located<String>], links: [Located<String>], generatesBlocks: Bool,
                contentDigest: String? = nil) {
        self.references = references
        self.citedTitles = citedTitles
        self.links = links
        self.generatesBlocks = generatesBlocks
        self.contentDigest = contentDigest
    }
}

/// The part of a document's per-document check that reads its parsed body (the source and
/// reference rules, what the summary gathers of the body, whether a generated block seals a set
/// file): made while the body is parsed at the load, so that a set loaded without its parsed bodies
/// (``Document/droppingBody(checked:)``) is not parsed a second time for its check. It reads
/// nothing but the document as loaded, so it is the same whenever it is made.
public struct DocumentBodyCheck: Sendable, Equatable {
    /// The summary without its content digest (made later from the set's sources).
    public var summary: DocumentSummary
    /// The findings of the source rules, then those of the reference rules (the clause rules' come between).
    public var sourceFindings: [Diagnostic]
    public var referenceFindings: [Diagnostic]
    /// Whether the body shows a generated block that seals a set file (``ContentDigest/showsSetData(_:)``).
    public var showsSetData: Bool

    public init(summary: DocumentSummary, sourceFindings: [Diagnostic], referenceFindings: [Diagnostic], showsSetData: Bool) {
        self.summary = summary
        self.sourceFindings = sourceFindings
        self.referenceFindings = referenceFindings
        self.showsSetData = showsSetData
    }
}

/// The per-document part of `check` for one document: its summary and its own findings, with the
/// key they were made under (see ``DocumentCheckRecord/key(ownSources:setInputs:)``).
public struct DocumentCheckRecord: Sendable, Equatable {
    public var key: String
    public var summary: DocumentSummary
    /// The diagnostics of the rules that read only this document (and the set inputs in the key).
    public var findings: [Diagnostic]

    public init(key: String, summary: DocumentSummary, findings: [Diagnostic]) {
        self.key = key
        self.summary = summary
        self.findings = findings
    }

    /// The key of a document's record: docctl's version, the digest of the document's own source
    /// files (``DocumentSet/ownSourceDigests``) and the digest of the set inputs the per-document
    /// rules read (docset.yaml and the set's own clause trees).
    public static func key(ownSources: String, setInputs: String) -> String {
        SHA256Hex.of(Data("docctl-document-check 1 \(DocCtlVersion.number)\n\(setInputs)\n\(ownSources)\n".utf8))
    }

    // MARK: Fields (the build cache's format)

    func write(to writer: inout FieldWriter) {
        writer.field(key)
        for list in [summary.references, summary.citedTitles, summary.links] {
            writer.count(list.count)
            for item in list {
                writer.field(item.value)
                Self.write(item.location, to: &writer)
            }
        }
        writer.field(summary.generatesBlocks ? "1" : "0")
        writer.optional(summary.contentDigest)
        writer.count(findings.count)
        for finding in findings {
            writer.field(finding.severity.rawValue)
            writer.field(finding.rule)
            Self.write(finding.location, to: &writer)
            writer.field(finding.message)
            writer.count(finding.notes.count)
            for note in finding.notes {
                writer.field(note.message)
                Self.write(note.location, to: &writer)
            }
            writer.optional(finding.fix)
        }
    }

    init?(from reader: inout FieldReader) {
        guard let key = reader.field() else { return nil }
        var lists: [[Located<String>]] = []
        for _ in 0..<3 {
            guard let count = reader.count() else { return nil }
            var list: [Located<String>] = []
            for _ in 0..<count {
                guard let value = reader.field(), let location = Self.location(from: &reader), let location else { return nil }
                list.append(Located(value, at: location))
            }
            lists.append(list)
        }
        guard let generates = reader.field(), generates == "0" || generates == "1", let digest = reader.optional(),
              let count = reader.count() else { return nil }
        var findings: [Diagnostic] = []
        for _ in 0..<count {
            guard let severity = reader.field().flatMap(Severity.init(rawValue:)), let rule = reader.field(),
                  let location = Self.location(from: &reader), let message = reader.field(), let noteCount = reader.count() else { return nil }
            var notes: [Diagnostic.Note] = []
            for _ in 0..<noteCount {
                guard let text = reader.field(), let at = Self.location(from: &reader) else { return nil }
                notes.append(Diagnostic.Note(text, at: at))
            }
            guard let fix = reader.optional() else { return nil }
            findings.append(Diagnostic(severity, rule: rule, at: location, message, notes: notes, fix: fix))
        }
        self.init(key: key, summary: DocumentSummary(references: lists[0], citedTitles: lists[1], links: lists[2],
                                                     generatesBlocks: generates == "1", contentDigest: digest),
                  findings: findings)
    }

    static func write(_ location: SourceLocation?, to writer: inout FieldWriter) {
        writer.optional(location?.path)
        if let location {
            writer.count(location.line)
            writer.count(location.column)
        }
    }

    /// `.some(nil)` for no location, nil when the fields do not parse.
    static func location(from reader: inout FieldReader) -> SourceLocation?? {
        guard let path = reader.optional() else { return nil }
        guard let path else { return .some(nil) }
        guard let line = reader.integer(), let column = reader.integer() else { return nil }
        return .some(SourceLocation(path: path, line: line, column: column))
    }
}

extension DocumentSet {
    /// For each document (in ``documents``' order), the paths of the source files it owns: those
    /// under its folder, sorted. The others (docset.yaml, records.yaml, standards/…) are the set's.
    public var ownedSourcePaths: [[String]] {
        // Looked up by the path's own prefixes (no `String` made per prefix) and sorted per
        // document: this ran three times per build (check records, render keys, site key), and
        // sorting every path of the set and a new string per folder tried were most of it.
        var folders: [Substring: Int] = [:]
        folders.reserveCapacity(documents.count)
        for (index, document) in documents.enumerated() { folders[Substring(document.folder)] = index }
        var owned: [[String]] = Array(repeating: [], count: documents.count)
        for path in sources.keys {
            var prefix = Substring(path)
            while let slash = prefix.utf8.lastIndex(of: UInt8(ascii: "/")) {
                prefix = prefix[..<slash]
                if let index = folders[prefix] { owned[index].append(path); break }
            }
        }
        for index in owned.indices where owned[index].count > 1 { owned[index].sort() }
        return owned
    }

    /// For each document, the SHA-256 of its own source files (path, length and text of each) and
    /// of the images it shows (source path and SHA-256): what it was loaded from besides the set's
    /// files. Computed on every core, once per version of the set (the check's records and the
    /// render keys both use it).
    public var ownSourceDigests: [String] {
        lookup.ownSourceDigests { computeOwnSourceDigests() }
    }

    private func computeOwnSourceDigests() -> [String] {
        let owned = ownedSourcePaths
        let sources = self.sources
        let documents = self.documents
        return Parallel.map(documents.count) { index in
            var hasher = SHA256()
            for path in owned[index] {
                let text = sources[path]!.text
                // Hashed from the strings' own bytes: `Data(text.utf8)` copied every source of the set.
                ("file " + path + " " + String(text.utf8.count) + "\n").withUTF8Bytes { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
                text.withUTF8Bytes { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            }
            for image in documents[index].images { hasher.update(data: Data("image \(image.source) \(image.sha256)\n".utf8)) }
            return SHA256Hex.string(hasher.finalize())
        }
    }
}

extension DocumentSet {
    /// Gives ``contentDigest(of:)`` of `document` the digest its check record kept (see
    /// ``DocumentSummary/contentDigest``): the record's key covers every file the digest is made
    /// from, so it is the digest of the document as loaded now and need not be computed again.
    public func rememberContentDigest(_ digest: String, of document: Document) {
        lookup.store(digest: digest, ContentDigest.inputsBesidesText(document, sources: sources))
    }
}
