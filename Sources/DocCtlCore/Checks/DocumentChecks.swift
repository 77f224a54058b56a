import Crypto
import Foundation

/// The per-document part of `check`: the rules that walk a document's body and headings and read
/// nothing of the other documents. Each theme puts its part here (`checkDocument`) and keeps its
/// set-level part in `run`, which reads the documents' ``DocumentSummary`` instead of their bodies.
///
/// What these rules read, and so what a record's key must cover (``DocumentCheckRecord/key(ownSources:setInputs:)``):
/// - the document as loaded: its own files (document.yaml, history.yaml, body files, and the images
///   it shows), which is all a document's load reads besides docset.yaml;
/// - the set's clause tree, which maps and checks its headings: built-in trees come with docctl's
///   version, the set's own from `standards/`, the choice and `harmonized` from docset.yaml;
/// - docset.yaml's language (the messages quote clause titles in it).
/// ``setInputs(_:)`` digests docset.yaml and `standards/` whole.
enum DocumentChecks {
    /// The SHA-256 of the set files the per-document rules depend on: docset.yaml and every file under `standards/`.
    static func setInputs(_ set: DocumentSet) -> String {
        var hasher = SHA256()
        // Filtered before sorting: sorting every path of the set was most of it.
        for path in set.sources.keys.filter({ $0 == "docset.yaml" || $0.hasPrefix("standards/") }).sorted() {
            let text = set.sources[path]!.text
            ("file " + path + " " + String(text.utf8.count) + "\n").withUTF8Bytes { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            text.withUTF8Bytes { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return SHA256Hex.string(hasher.finalize())
    }

    /// The part of `document`'s check that reads its parsed body: the source and reference rules'
    /// findings, the summary they gather, and whether a generated block seals a set file. Made at
    /// the load for a body that is dropped (``DocumentSetLoader/checksBody``), here otherwise.
    @Sendable static func bodyCheck(_ document: Document) -> DocumentBodyCheck {
        var summary = DocumentSummary()
        let blocks = CheckContext.blocks(of: document)
        let inlines = CheckContext.inlines(of: document)
        var source = DiagnosticSink(), reference = DiagnosticSink()
        SourceChecks.checkDocument(document, blocks: blocks, inlines: inlines, &summary, &source)
        ReferenceChecks.checkDocument(document, blocks: blocks, inlines: inlines, &summary, &reference)
        return DocumentBodyCheck(summary: summary, sourceFindings: source.diagnostics, referenceFindings: reference.diagnostics,
                                 showsSetData: ContentDigest.showsSetData(blocks))
    }

    /// `document`'s record: its summary and the findings of every theme's per-document part, the
    /// body's part taken from the load when it was made there (``Document/bodyCheck``).
    static func record(_ document: Document, set: DocumentSet, key: String) -> DocumentCheckRecord {
        let body = document.bodyCheck ?? bodyCheck(document)
        var sink = DiagnosticSink()
        sink.append(contentsOf: body.sourceFindings)
        ClauseChecks.checkDocument(document, set: set, &sink)
        sink.append(contentsOf: body.referenceFindings)
        var summary = body.summary
        // The content digest of a sealed document, which the revision rules compare and every page
        // shows the status of: kept only when it is made from the document's own files alone (what
        // the key covers). Unsealed documents are not digested here (`check` does not need it).
        if document.current?.digest != nil && !body.showsSetData {
            summary.contentDigest = set.contentDigest(of: document)
        }
        return DocumentCheckRecord(key: key, summary: summary, findings: sink.diagnostics)
    }

    /// The record of every document (in the set's order), from `cache` where its key is unchanged,
    /// made on every core otherwise; `cache` then holds exactly these.
    static func records(_ set: DocumentSet, cache: DocumentCheckCache?) -> [DocumentCheckRecord] {
        let inputs = setInputs(set)
        let own = set.ownSourceDigests
        let documents = set.documents
        let records = Parallel.map(documents.count) { index in
            let key = DocumentCheckRecord.key(ownSources: own[index], setInputs: inputs)
            if let kept = cache?.record(documents[index].folder, key: key) {
                if let digest = kept.summary.contentDigest { set.rememberContentDigest(digest, of: documents[index]) }
                return kept
            }
            // A set loaded without its parsed bodies (``DocumentSetLoader/dropsBodies``): this body is
            // parsed again from the text the set keeps, checked, and freed with this closure. The
            // text is the text loaded, so the same section tree always comes back.
            // (Unless its part of the check was made while it was parsed at the load.)
            let document = documents[index].bodyDropped && documents[index].bodyCheck == nil
                ? BodyReloader.parsing(documents[index], sources: set.sources) ?? documents[index] : documents[index]
            return record(document, set: set, key: key)
        }
        cache?.replace(with: Dictionary(zip(documents.map(\.folder), records), uniquingKeysWith: { first, _ in first }))
        return records
    }
}
