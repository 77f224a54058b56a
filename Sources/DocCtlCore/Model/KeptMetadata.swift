import Crypto
import Foundation

/// What a document's YAML files gave it, as a build keeps it between runs: everything
/// document.yaml, distribution.yaml, acknowledgements.yaml and history.yaml put into the
/// ``Document`` (all but its body), and the diagnostics reading them reported, keyed by the text
/// of those files (``key(folder:texts:)``).
///
/// `build -o` keeps one per document in its cache (``BuildCache/metadata``). The next build's load
/// reads the four files as always (their text is hashed, never a file date); when they digest to
/// ``key`` it takes the document's fields and diagnostics from here instead of parsing the YAML
/// and reading the values out of it: what it gets is what that parse gives. Decoded only when
/// taken, on the core that loads the document.
public struct KeptMetadata: Sendable, Equatable {
    /// The files read, in the order a load reads them (document.yaml first: without a document
    /// there, none of the others is read; the loaders' `fileName`s).
    static let files = ["document.yaml", "distribution.yaml", "acknowledgements.yaml", "history.yaml"]

    /// ``key(folder:texts:)`` of the files the fields were read from.
    public let key: String
    /// The document's fields and the diagnostics, encoded as the build cache's fields.
    public let fields: [UInt8]

    init(key: String, fields: [UInt8]) {
        self.key = key
        self.fields = fields
    }

    /// The key of what a load reads from the folder `folder` (relative to the set) whose
    /// ``files`` hold `texts` (nil: there is no such file): each file's name, length and text, the
    /// folder (every place and message names it) and docctl's version. Nothing else goes in: the
    /// set's files are not read while a document's YAML is, and a rule's severity is applied later.
    static func key(folder: String, texts: [String?]) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("docctl-kept-metadata 1 \(DocCtlVersion.number) \(folder)\n".utf8))
        for (name, text) in zip(files, texts) {
            guard let text else {
                hasher.update(data: Data("absent \(name)\n".utf8))
                continue
            }
            hasher.update(data: Data("file \(name) \(text.utf8.count)\n".utf8))
            text.withUTF8Bytes { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return SHA256Hex.string(hasher.finalize())
    }

    /// `document`'s fields but its body (and those derived from its folder), and `diagnostics`.
    init(key: String, document: Document, diagnostics: [Diagnostic]) {
        var writer = MetadataWriter()
        writer.write(document)
        writer.count(diagnostics.count)
        for diagnostic in diagnostics { writer.write(diagnostic) }
        self.init(key: key, fields: writer.fields.buffer)
    }

    /// The document in `folder` with the fields kept here (and no body), and the diagnostics;
    /// nil when the fields do not parse (the cache is then not one this docctl wrote).
    func document(folder: String) -> (Document, [Diagnostic])? {
        var reader = MetadataReader(fields)
        do {
            let document = try reader.document(folder: folder)
            var diagnostics: [Diagnostic] = []
            for _ in 0..<(try reader.count()) { diagnostics.append(try reader.diagnostic()) }
            guard reader.fields.atEnd else { return nil }
            return (document, diagnostics)
        } catch {
            return nil
        }
    }
}

// MARK: Fields (the build cache's format)

/// Writes a document's kept fields: each value a field (``FieldWriter``), an optional one after a
/// presence count (0 or 1), a list after its count, a place as path, line and column.
private struct MetadataWriter {
    var fields = FieldWriter()

    mutating func count(_ value: Int) { fields.count(value) }
    mutating func text(_ value: String) { fields.field(value) }
    mutating func flag(_ value: Bool) { fields.count(value ? 1 : 0) }

    mutating func optional<Value>(_ value: Value?, _ write: (inout MetadataWriter, Value) -> Void) {
        count(value == nil ? 0 : 1)
        if let value { write(&self, value) }
    }

    mutating func list<Value>(_ values: [Value], _ write: (inout MetadataWriter, Value) -> Void) {
        count(values.count)
        for value in values { write(&self, value) }
    }

    mutating func text(_ value: String?) { optional(value) { $0.text($1) } }

    mutating func location(_ value: SourceLocation) {
        text(value.path)
        count(value.line)
        count(value.column)
    }

    mutating func location(_ value: SourceLocation?) { optional(value) { $0.location($1) } }

    mutating func day(_ value: Day) {
        count(value.year)
        count(value.month)
        count(value.day)
    }

    mutating func day(_ value: Day?) { optional(value) { $0.day($1) } }

    mutating func located(_ value: Located<String>) {
        text(value.value)
        location(value.location)
    }

    mutating func located(_ value: Located<Day>?) {
        optional(value) { writer, value in
            writer.day(value.value)
            writer.location(value.location)
        }
    }

    mutating func approval(_ value: Approval) {
        text(value.name)
        day(value.date)
        location(value.location)
        text(value.department)
    }

    mutating func write(_ document: Document) {
        text(document.number)
        text(document.title)
        text(document.type.rawValue)
        optional(document.owner) { $0.located($1) }
        optional(document.classification) { $0.located($1) }
        flag(document.controlled)
        flag(document.withdrawn)
        location(document.statusLocation)
        optional(document.withdrawal) { writer, withdrawal in
            writer.located(withdrawal.date)
            writer.text(withdrawal.reason)
            writer.text(withdrawal.approvedBy)
            writer.location(withdrawal.location)
        }
        text(document.numbering.rawValue)
        text(document.standard)
        list(document.clauses) { $0.located($1) }
        list(document.records) { $0.located($1) }
        optional(document.prepared) { $0.approval($1) }
        optional(document.reviewed) { $0.approval($1) }
        list(document.countersigned) { $0.approval($1) }
        optional(document.approved) { $0.approval($1) }
        located(document.issued)
        located(document.effective)
        located(document.lastReview)
        optional(document.reviewEveryMonths) { writer, period in
            writer.count(period.value)
            writer.location(period.location)
        }
        list(document.distribution) { writer, copy in
            writer.text(copy.copy)
            writer.text(copy.holder)
            writer.location(copy.location)
        }
        list(document.history) { writer, entry in
            writer.text(entry.revisionText)
            writer.optional(entry.revision) { writer, mark in
                writer.text(mark.edition)
                writer.count(mark.revision)
            }
            writer.day(entry.date)
            writer.text(entry.change)
            writer.text(entry.sections)
            writer.text(entry.author)
            writer.text(entry.approver)
            writer.text(entry.digest)
            writer.location(entry.location)
            writer.location(entry.revisionLocation)
            writer.location(entry.dateLocation)
            writer.location(entry.digestLocation)
            writer.text(entry.commit)
            writer.text(entry.gitAuthor)
        }
        list(document.copyIssues) { writer, issue in
            writer.text(issue.copy)
            writer.text(issue.holder)
            writer.text(issue.revisionText)
            writer.day(issue.issued)
            writer.text(issue.closing?.rawValue)
            writer.day(issue.closed)
            writer.text(issue.note)
            writer.location(issue.location)
            writer.location(issue.revisionLocation)
        }
        list(document.acknowledgements) { writer, acknowledgement in
            writer.text(acknowledgement.revisionText)
            writer.text(acknowledgement.holder)
            writer.text(acknowledgement.name)
            writer.day(acknowledgement.date)
            writer.location(acknowledgement.location)
        }
        location(document.numberLocation)
        location(document.titleLocation)
    }

    mutating func write(_ diagnostic: Diagnostic) {
        text(diagnostic.severity.rawValue)
        text(diagnostic.rule)
        location(diagnostic.location)
        text(diagnostic.message)
        list(diagnostic.notes) { writer, note in
            writer.text(note.message)
            writer.location(note.location)
        }
        text(diagnostic.fix)
    }
}

/// Reads what ``MetadataWriter`` wrote; anything that does not parse throws.
private struct MetadataReader {
    struct Malformed: Error {}

    var fields: FieldReader
    /// The paths read so far (a document's places are in its four files): each is made into a
    /// string once.
    private var paths: [(bytes: ArraySlice<UInt8>, path: String)] = []

    init(_ bytes: [UInt8]) { fields = FieldReader(bytes: bytes, position: 0) }

    mutating func count() throws(Malformed) -> Int {
        guard let value = fields.count() else { throw Malformed() }
        return value
    }

    /// A field holding a whole number that may be larger than what is left to read (a line).
    mutating func number() throws(Malformed) -> Int {
        guard let bytes = fields.bytesField(), !bytes.isEmpty, bytes.count <= 18 else { throw Malformed() }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw Malformed() }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    mutating func text() throws(Malformed) -> String {
        guard let value = fields.field() else { throw Malformed() }
        return value
    }

    mutating func flag() throws(Malformed) -> Bool {
        switch try number() {
        case 0: false
        case 1: true
        default: throw Malformed()
        }
    }

    mutating func optional<Value>(_ read: (inout MetadataReader) throws(Malformed) -> Value) throws(Malformed) -> Value? {
        try flag() ? try read(&self) : nil
    }

    mutating func list<Value>(_ read: (inout MetadataReader) throws(Malformed) -> Value) throws(Malformed) -> [Value] {
        let count = try count()
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    mutating func optionalText() throws(Malformed) -> String? { try optional { r throws(Malformed) in try r.text() } }

    mutating func location() throws(Malformed) -> SourceLocation {
        guard let bytes = fields.bytesField() else { throw Malformed() }
        let path: String
        if let known = paths.first(where: { $0.bytes.elementsEqual(bytes) }) {
            path = known.path
        } else {
            path = String(decoding: bytes, as: UTF8.self)
            paths.append((bytes, path))
        }
        return SourceLocation(path: path, line: try number(), column: try number())
    }

    mutating func optionalLocation() throws(Malformed) -> SourceLocation? { try optional { r throws(Malformed) in try r.location() } }

    mutating func day() throws(Malformed) -> Day {
        guard let day = Day(year: try number(), month: try number(), day: try number()) else { throw Malformed() }
        return day
    }

    mutating func optionalDay() throws(Malformed) -> Day? { try optional { r throws(Malformed) in try r.day() } }

    mutating func located() throws(Malformed) -> Located<String> { Located(try text(), at: try location()) }

    mutating func locatedDay() throws(Malformed) -> Located<Day>? {
        try optional { r throws(Malformed) in Located(try r.day(), at: try r.location()) }
    }

    mutating func approval() throws(Malformed) -> Approval {
        Approval(name: try optionalText(), date: try optionalDay(), location: try location(), department: try optionalText())
    }

    mutating func choice<Value: RawRepresentable<String>>(_: Value.Type) throws(Malformed) -> Value {
        guard let value = Value(rawValue: try text()) else { throw Malformed() }
        return value
    }

    mutating func document(folder: String) throws(Malformed) -> Document {
        let number = try text(), title = try text(), type = try choice(DocumentType.self)
        let owner = try optional { r throws(Malformed) in try r.located() }
        let classification = try optional { r throws(Malformed) in try r.located() }
        let controlled = try flag(), withdrawn = try flag()
        let statusLocation = try optionalLocation()
        let withdrawal = try optional { r throws(Malformed) in
            Withdrawal(date: try r.locatedDay(), reason: try r.optionalText(), approvedBy: try r.optionalText(), location: try r.location())
        }
        let numbering = try choice(ClauseNumbering.self)
        let standard = try optionalText()
        let clauses = try list { r throws(Malformed) in try r.located() }
        let records = try list { r throws(Malformed) in try r.located() }
        var document = Document(
            folder: folder, number: number, title: title, type: type, owner: owner, classification: classification,
            controlled: controlled, withdrawn: withdrawn, numbering: numbering, standard: standard, clauses: clauses,
            records: records, issued: nil, effective: nil, lastReview: nil, reviewEveryMonths: nil, distribution: [],
            history: [], historyPath: "\(folder)/history.yaml", bodyFiles: [], preamble: [], sections: [],
            location: SourceLocation(path: "\(folder)/document.yaml", line: 1, column: 1))
        document.statusLocation = statusLocation
        document.withdrawal = withdrawal
        document.prepared = try optional { r throws(Malformed) in try r.approval() }
        document.reviewed = try optional { r throws(Malformed) in try r.approval() }
        document.countersigned = try list { r throws(Malformed) in try r.approval() }
        document.approved = try optional { r throws(Malformed) in try r.approval() }
        document.issued = try locatedDay()
        document.effective = try locatedDay()
        document.lastReview = try locatedDay()
        document.reviewEveryMonths = try optional { r throws(Malformed) in Located(try r.number(), at: try r.location()) }
        document.distribution = try list { r throws(Malformed) in
            CopyRegistration(copy: try r.text(), holder: try r.text(), location: try r.location())
        }
        document.history = try list { r throws(Malformed) in
            let revisionText = try r.text()
            let revision = try r.optional { r throws(Malformed) in RevisionMark(edition: try r.text(), revision: try r.number()) }
            return HistoryEntry(revisionText: revisionText, revision: revision, date: try r.optionalDay(), change: try r.text(),
                                sections: try r.text(), author: try r.text(), approver: try r.text(), digest: try r.optionalText(),
                                location: try r.location(), revisionLocation: try r.location(), dateLocation: try r.location(),
                                digestLocation: try r.optionalLocation(), commit: try r.optionalText(), gitAuthor: try r.optionalText())
        }
        document.copyIssues = try list { r throws(Malformed) in
            let copy = try r.text(), holder = try r.text(), revisionText = try r.text(), issued = try r.optionalDay()
            let closing = try r.optional { r throws(Malformed) in try r.choice(CopyIssue.Closing.self) }
            return CopyIssue(copy: copy, holder: holder, revisionText: revisionText, issued: issued, closing: closing,
                             closed: try r.optionalDay(), note: try r.optionalText(), location: try r.location(),
                             revisionLocation: try r.location())
        }
        document.acknowledgements = try list { r throws(Malformed) in
            Acknowledgement(revisionText: try r.text(), holder: try r.text(), name: try r.optionalText(), date: try r.optionalDay(),
                            location: try r.location())
        }
        document.numberLocation = try optionalLocation()
        document.titleLocation = try optionalLocation()
        return document
    }

    mutating func diagnostic() throws(Malformed) -> Diagnostic {
        let severity = try choice(Severity.self), rule = try text(), location = try optionalLocation(), message = try text()
        let notes = try list { r throws(Malformed) in
            let text = try r.text()
            return Diagnostic.Note(text, at: try r.optionalLocation())
        }
        return Diagnostic(severity, rule: rule, at: location, message, notes: notes, fix: try optionalText())
    }
}
