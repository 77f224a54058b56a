import Foundation

/// Parses document bodies again from their files, for a build that dropped them after the check:
/// the parsed text of a whole set (about four times its Markdown) is then never in memory at once,
/// only the bodies of the documents being rendered.
///
/// The text parsed again must be the text that was checked: each body file's SHA-256 is kept when
/// the bodies are dropped, and a file that changed since (or can no longer be read) stops the
/// build with a one-line error instead of rendering text the check never saw.
public struct BodyReloader: Sendable {
    public let root: URL
    /// Body file path → SHA-256 of the text that was loaded and checked.
    let stamps: [String: String]

    /// Drops the parsed bodies of `set` (``Document/droppingBody()``) and the body files' text from
    /// its sources; returns what parses them again.
    public static func dropBodies(of set: inout DocumentSet) -> BodyReloader {
        let paths = set.documents.flatMap { $0.bodyFiles.map(\.path) }
        let sources = set.sources
        let digests = Parallel.map(paths.count) { index in sources[paths[index]].map { SHA256Hex.of(Data($0.text.utf8)) } }
        var stamps: [String: String] = [:]
        for (path, digest) in zip(paths, digests) { stamps[path] = digest }
        set.documents = set.documents.map { $0.droppingBody() }
        set.sources = sources.filter { stamps[$0.key] == nil }
        return BodyReloader(root: set.root, stamps: stamps)
    }

    /// `document` with its body parsed again from its files, as loading parsed it; `document`
    /// itself when its body was not dropped.
    public func reload(_ document: Document) throws(DocCtlError) -> Document {
        guard document.bodyDropped else { return document }
        var context = LoadContext(root: root)
        var texts: [SourceFile] = []
        for body in document.bodyFiles {
            guard let file = context.readText(root.appendingPathComponent(body.path, isDirectory: false)),
                  let stamp = stamps[body.path], SHA256Hex.of(Data(file.text.utf8)) == stamp else {
                throw changed(body.path)
            }
            texts.append(file)
        }
        guard let restored = BodyReloader.parsing(document, texts: texts) else {
            throw changed(document.bodyFiles.first?.path ?? document.folder)
        }
        return restored
    }

    /// `document` with its body parsed from `texts` (the text of each of its body files, in order),
    /// as loading parses it; nil when that is not the section tree the document has.
    public static func parsing(_ document: Document, texts: [SourceFile]) -> Document? {
        guard document.bodyDropped else { return document }
        var files: [[Block]] = []
        var blocks: [Block] = []
        for file in texts {
            let parsed = MarkdownParser.parse(file.text, path: file.path)
            files.append(parsed)
            blocks.append(contentsOf: parsed)
        }
        let (preamble, sections) = SectionBuilder.build(blocks, numbering: document.numbering)
        return document.restoringBody(files: files, preamble: preamble, sections: sections)
    }

    /// `document` with its body parsed again from the text `sources` hold (a set loaded with
    /// ``DocumentSetLoader/dropsBodies`` keeps the text, 1/4 of the parsed body).
    public static func parsing(_ document: Document, sources: [String: SourceFile]) -> Document? {
        let texts = document.bodyFiles.compactMap { sources[$0.path] }
        guard texts.count == document.bodyFiles.count else { return nil }
        return parsing(document, texts: texts)
    }

    private func changed(_ path: String) -> DocCtlError {
        .io("\(path) changed after the set was checked; nothing was written. Run the build again")
    }
}
