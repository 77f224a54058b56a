/// What a section's blocks told of it, kept when the blocks are dropped (see ``Document/droppingBody()``).
public struct DroppedSectionBody: Sendable, Hashable {
    public var isStub: Bool
    public var hadBlocks: Bool
}

extension Document {
    /// This document without the blocks of its body — every section keeps its number, title,
    /// anchor, clauses and children, and what its blocks told of it (``Section/isStub``,
    /// ``Section/isUnwritten``). A build drops the bodies once the set is checked, so that the
    /// parsed text of the whole set is never in memory at once: each document's body is parsed
    /// again from its files when it is rendered (``restoringBody(files:sections:)``).
    public func droppingBody() -> Document {
        var copy = self
        copy.preamble = []
        copy.bodyFiles = bodyFiles.map { BodyFile(path: $0.path, blocks: []) }
        copy.sections = sections.map(Document.dropBlocks)
        copy.bodyDropped = true
        return copy
    }

    private static func dropBlocks(_ section: Section) -> Section {
        var copy = section
        copy.droppedBody = DroppedSectionBody(isStub: section.isStub, hadBlocks: !section.blocks.isEmpty)
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
        copy.bodyDropped = false
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
