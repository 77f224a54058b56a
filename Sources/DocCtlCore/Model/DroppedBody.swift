import Foundation

/// What a section's blocks told of it, kept when the blocks are dropped (see ``Document/droppingBody()``).
public struct DroppedSectionBody: Sendable, Hashable {
    public var isStub: Bool
    public var hadBlocks: Bool
    /// The names of the section's own `{{…}}` blocks (not nested ones), in order.
    public var placeholders: [String]
}

/// What a document's dropped body told of it beyond its sections: what the content digest, the
/// render keys and the site map read of the bodies of documents other than the one rendered.
public struct DroppedDocumentBody: Sendable, Hashable {
    /// The names of the preamble's own `{{…}}` blocks, in order.
    public var preamblePlaceholders: [String]
    /// The names of the `{{…}}` blocks anywhere in the body, nested ones included.
    public var generatedBlocks: Set<String>
    /// The documents a `[[number#anchor]]` or `[[number@revision]]` reference names (see ``RenderKeys``).
    public var referencedNumbers: Set<String>
}

extension Section {
    /// The names of this section's own `{{…}}` blocks, in order (also once its blocks were dropped).
    public var placeholderNames: [String] {
        droppedBody?.placeholders ?? Block.placeholderNames(blocks)
    }
}

extension Block {
    /// The names of the `{{…}}` blocks among `blocks` themselves (not nested ones), in order.
    public static func placeholderNames(_ blocks: [Block]) -> [String] {
        blocks.compactMap { if case .placeholder(let name, _) = $0 { name } else { nil } }
    }
}

/// ``Document/bodySummary`` once computed. Copies of a document share it, and a change of the
/// document's body files or preamble replaces it: `serve` keeps unchanged documents from one save
/// to the next, and the render keys read every document's summary on each save.
final class BodySummaryMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: DroppedDocumentBody?

    /// The kept summary, or `compute()`'s (outside the lock), kept.
    func value(_ compute: () -> DroppedDocumentBody) -> DroppedDocumentBody {
        if let kept = lock.withLock({ kept }) { return kept }
        let computed = compute()
        lock.withLock { kept = computed }
        return computed
    }
}

extension Document {
    /// What the body tells of the document beyond its sections (kept when the body is dropped).
    public var bodySummary: DroppedDocumentBody {
        if let droppedBody { return droppedBody }
        return bodySummaryMemo.value { summarizingBody() }
    }

    private func summarizingBody() -> DroppedDocumentBody {
        var numbers = Set<String>()
        var generated = Set<String>()
        for body in bodyFiles {
            for block in body.blocks {
                block.forEachBlock { if case .placeholder(let name, _) = $0 { generated.insert(name) } }
                block.forEachInline { inline in
                    if case .reference(let target, _) = inline, target.contains(where: { $0 == "#" || $0 == "@" }) {
                        numbers.insert(String(target.prefix { $0 != "#" && $0 != "@" }).trimmingCharacters(in: .whitespaces))
                    }
                }
            }
        }
        return DroppedDocumentBody(preamblePlaceholders: Block.placeholderNames(preamble), generatedBlocks: generated,
                                   referencedNumbers: numbers)
    }

    /// This document without the blocks of its body — every section keeps its number, title,
    /// anchor, clauses and children, and what its blocks told of it (``Section/isStub``,
    /// ``Section/isUnwritten``). A build drops the bodies once the set is checked, so that the
    /// parsed text of the whole set is never in memory at once: each document's body is parsed
    /// again from its files when it is rendered (``restoringBody(files:preamble:sections:)``).
    ///
    /// `checked` is the body's part of the per-document check, made from this body (the check then
    /// does not parse it again).
    public func droppingBody(checked: DocumentBodyCheck? = nil) -> Document {
        guard !bodyDropped else { return self }
        var copy = self
        copy.droppedBody = bodySummary
        copy.bodyCheck = checked
        copy.preamble = []
        copy.bodyFiles = bodyFiles.map { BodyFile(path: $0.path, blocks: []) }
        copy.sections = sections.map(Document.dropBlocks)
        return copy
    }

    private static func dropBlocks(_ section: Section) -> Section {
        var copy = section
        copy.droppedBody = DroppedSectionBody(isStub: section.isStub, hadBlocks: !section.blocks.isEmpty,
                                              placeholders: Block.placeholderNames(section.blocks))
        copy.blocks = []
        copy.children = section.children.map(dropBlocks)
        return copy
    }

    /// This document with the body parsed again: `files` are the blocks of each body file (in
    /// ``bodyFiles``' order), `preamble` and `sections` the tree built from them as loading built
    /// it. Each section keeps everything the set gave it (clauses mapped from the standard,
    /// anchors) and takes its blocks back; nil when the tree is not the one this document had
    /// (the files changed since it was loaded).
    public func restoringBody(files: [[Block]], preamble: [Block], sections parsed: [Section]) -> Document? {
        guard files.count == bodyFiles.count else { return nil }
        var copy = self
        copy.bodyFiles = zip(bodyFiles, files).map { BodyFile(path: $0.path, blocks: $1) }
        copy.preamble = preamble
        guard let restored = Document.restore(sections, from: parsed) else { return nil }
        copy.sections = restored
        copy.droppedBody = nil
        copy.bodyCheck = nil
        return copy
    }

    private static func restore(_ sections: [Section], from parsed: [Section]) -> [Section]? {
        guard sections.count == parsed.count else { return nil }
        var result: [Section] = []
        result.reserveCapacity(sections.count)
        for (kept, fresh) in zip(sections, parsed) {
            guard kept.title == fresh.title, kept.level == fresh.level, kept.location == fresh.location,
                  let children = restore(kept.children, from: fresh.children) else { return nil }
            var section = kept
            section.blocks = fresh.blocks
            section.children = children
            section.droppedBody = nil
            result.append(section)
        }
        return result
    }
}
