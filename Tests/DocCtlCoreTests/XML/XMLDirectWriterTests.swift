import Foundation
import Testing
@testable import DocCtlCore

/// ``XMLDirectWriter`` must write the bytes libxml2 writes (``XMLWriter``): archives keep their
/// bytes whichever writer made them.
@Suite struct XMLDirectWriterTests {
    static let names = ["document", "section", "p", "svg", "a", "td", "x-y", "_z", "h1.b"]
    static let namespaces: [String?] = [nil, "", DocumentArchive.namespace, DocumentArchive.xhtmlNamespace, DocumentArchive.svgNamespace]
    static let pieces = ["a", "事件", "<", ">", "&", "\"", "'", "\n", "\r", "\t", "\r\n", " ", "\u{1}", "\u{0}", "\u{1F}", "\u{7F}",
                         "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "😀", "é", "\u{3000}", "&amp;", "]]>", "𠀀"]

    static func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T { items[random.below(items.count)] }

    static func text(_ random: inout SplitMix64) -> String {
        (0..<random.below(6)).map { _ in Self.pick(pieces, &random) }.joined()
    }

    static func tree(_ random: inout SplitMix64, depth: Int) -> XMLElement {
        var element = XMLElement(name: Self.pick(names, &random), namespace: Self.pick(namespaces, &random))
        for index in 0..<random.below(3) {
            element.attributes.append(XMLAttribute(name: "at\(index)", value: text(&random)))
        }
        guard depth > 0 else { return element }
        for _ in 0..<random.below(4) {
            if random.below(4) == 0 {
                element.children.append(.text(text(&random)))
            } else {
                element.children.append(.element(tree(&random, depth: depth - 1)))
            }
        }
        return element
    }

    @Test func writesLibxml2sBytesForGeneratedTrees() throws {
        for seed in UInt64(1)...400 {
            var random = SplitMix64(seed: seed)
            let root = Self.tree(&random, depth: 5)
            let direct = try #require(XMLDirectWriter.serialize(root), "seed \(seed)")
            #expect(direct == XMLWriter.serialize(root), "seed \(seed)")
        }
    }

    /// libxml2 indents at most 30 levels (60 spaces); deeper elements stay at that indentation.
    @Test func capsTheIndentationAsLibxml2Does() throws {
        var root = XMLElement(name: "leaf", namespace: DocumentArchive.namespace, children: [.text("x")])
        for level in 0..<40 {
            root = XMLElement(name: "n\(level)", namespace: level % 7 == 0 ? nil : DocumentArchive.namespace,
                              children: [.element(root), .element(XMLElement(name: "e"))])
        }
        let direct = try #require(XMLDirectWriter.serialize(root))
        #expect(direct == XMLWriter.serialize(root))
        #expect(String(decoding: direct, as: UTF8.self).contains("\n" + String(repeating: " ", count: 60) + "<leaf"))
    }

    /// What only libxml2 can judge is left to it.
    @Test func declinesWhatItDoesNotWrite() {
        #expect(XMLDirectWriter.serialize(XMLElement(name: "a:b")) == nil)
        #expect(XMLDirectWriter.serialize(XMLElement(name: "名")) == nil)
        #expect(XMLDirectWriter.serialize(XMLElement(name: "a", attributes: [XMLAttribute(name: "lang", value: "x", namespace: "http://www.w3.org/XML/1998/namespace")])) == nil)
        #expect(XMLDirectWriter.serialize(XMLElement(name: "a", attributes: [XMLAttribute(name: "b", value: "1"), XMLAttribute(name: "b", value: "2")])) == nil)
        #expect(XMLDirectWriter.serialize(XMLElement(name: "a", attributes: [XMLAttribute(name: "xmlns", value: "u")])) == nil)
    }

    /// Every archive of the example set, written both ways.
    @Test func writesTheExamplesArchivesAsLibxml2Does() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("manual-src")
        let (set, _) = try DocumentSetLoader().load(root)
        let renderer = try RenderingFixtures.renderer(set)
        #expect(renderer.schemaIsBuiltIn)
        #expect(set.documents.count > 10)
        for document in set.documents {
            let tree = DocumentArchive.element(document, context: renderer.builder.context(.site(depth: 2), document: document),
                                               buildDate: renderer.buildDate)
            let direct = try #require(XMLDirectWriter.serialize(tree), "\(document.number)")
            #expect(direct == XMLWriter.serialize(tree), "\(document.number)")
            #expect(try renderer.archive(document) == direct, "\(document.number)")
        }
    }
}
