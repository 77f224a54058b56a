import Foundation
import Testing
@testable import DocCtlCore
import DocCtlTestSupport

/// ``ArchiveConformance`` against libxml2's validation with the built-in `document.xsd`: both accept
/// docctl's archives, and both reject an archive broken in any one value the schema constrains.
@Suite struct ArchiveConformanceTests {
    static func schema() throws -> XMLSchema {
        try XMLSchema(data: try #require(BuiltInResources.data("templates/document.xsd")), path: "document.xsd")
    }

    /// The archive tree of the fixture set's procedure (history, approvals, copies, clauses, references).
    static func procedureTree() throws -> XMLElement {
        let set = try RenderingFixtures.load(RenderingFixtures.fullSet())
        let renderer = try RenderingFixtures.renderer(set)
        let document = try #require(set.document(number: FixtureSet.procedureNumber))
        return DocumentArchive.element(document, context: renderer.builder.context(.site(depth: 2), document: document),
                                       buildDate: renderer.buildDate)
    }

    /// `change` applied to every element named `name` (whose parent is `parent`, when given); counts the changes.
    static func mutating(_ root: XMLElement, _ name: String, parent: String? = nil,
                         _ change: (inout XMLElement) -> Void) -> (XMLElement, Int) {
        var count = 0
        func visit(_ element: XMLElement, _ parentName: String) -> XMLElement {
            var element = element
            element.children = element.children.map { child in
                if case .element(let inner) = child { return .element(visit(inner, element.name)) }
                return child
            }
            if element.name == name, parent.map({ $0 == parentName }) ?? true {
                change(&element)
                count += 1
            }
            return element
        }
        return (visit(root, ""), count)
    }

    static func setting(_ attribute: String, _ value: String) -> (inout XMLElement) -> Void {
        { element in
            element.attributes = element.attributes.filter { $0.name != attribute } + [XMLAttribute(name: attribute, value: value)]
        }
    }

    static func text(_ value: String) -> (inout XMLElement) -> Void { { $0.children = value.isEmpty ? [] : [.text(value)] } }

    static func libxml2Issues(_ tree: XMLElement, _ schema: XMLSchema) -> [XMLIssue] {
        XMLWriter.serialize(tree, validatingWith: schema).issues.filter { $0.severity == .error }
    }

    @Test func acceptsWhatLibxml2AcceptsOnTheExampleAndTheFixtures() throws {
        let schema = try Self.schema()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("manual-src")
        let (example, _) = try DocumentSetLoader().load(root)
        for set in [example, try RenderingFixtures.load(RenderingFixtures.fullSet()), try RenderingFixtures.load(SiteRendererTests.hostileSet())] {
            let renderer = try RenderingFixtures.renderer(set)
            for document in set.documents {
                let tree = DocumentArchive.element(document, context: renderer.builder.context(.site(depth: 2), document: document),
                                                   buildDate: renderer.buildDate)
                #expect(Self.libxml2Issues(tree, schema).isEmpty, "\(document.number)")
                #expect(ArchiveConformance.issues(tree).isEmpty, "\(document.number)")
            }
        }
    }

    @Test func rejectsWhatLibxml2RejectsOneFacetAtATime() throws {
        let schema = try Self.schema()
        let tree = try Self.procedureTree()
        let broken: [(String, String?, (inout XMLElement) -> Void)] = [
            ("document", nil, Self.setting("number", "")),
            ("document", nil, Self.setting("revision", "")),
            ("document", nil, Self.setting("built", "2026-02-30")),
            ("document", nil, Self.setting("format", "0")),
            ("title", "control", Self.text("")),
            ("issued", nil, Self.text("2026-1-01")),
            ("review-every-months", nil, Self.text("0")),
            ("review-every-months", nil, Self.text("-3")),
            ("digest", "control", Self.text("sha256:XYZ")),
            ("standard", nil, Self.setting("id", "")),
            ("clause", nil, Self.text("")),
            ("record", nil, Self.setting("id", "")),
            ("approval", nil, Self.setting("date", "0000-01-01")),
            ("copy", nil, Self.setting("number", "")),
            ("entry", nil, Self.setting("revision", "")),
            ("entry", nil, Self.setting("date", "2026-13-01")),
            ("section", nil, Self.setting("anchor", "")),
            ("section", nil, Self.setting("number", "")),
            ("section", nil, Self.setting("level", "7")),
            ("body", nil, { $0.children.append(.text("loose text")) }),
            ("body", nil, { $0.children.append(.element(XMLElement(name: "svg", namespace: DocumentArchive.svgNamespace))) }),
            ("body", nil, { $0.children.append(.element(XMLElement(name: "p", namespace: DocumentArchive.namespace))) }),
            ("reference", nil, Self.setting("target", "")),
        ]
        for (name, parent, change) in broken {
            let (mutated, count) = Self.mutating(tree, name, parent: parent, change)
            #expect(count > 0, "the fixture's archive has no <\(name)>")
            #expect(!Self.libxml2Issues(mutated, schema).isEmpty, "libxml2 accepts a broken <\(name)>")
            #expect(!ArchiveConformance.issues(mutated).isEmpty, "a broken <\(name)> was not found")
        }
        let stillValid: [(String, String?, (inout XMLElement) -> Void)] = [
            ("title", "section", Self.text("")),
            ("body", nil, { $0.children.append(.text("\n  \t")) }),
            ("entry", nil, Self.setting("digest", "anything")),
            ("document", nil, Self.setting("built", "2024-02-29")),
            ("review-every-months", nil, Self.text("+012")),
        ]
        for (name, parent, change) in stillValid {
            let (mutated, count) = Self.mutating(tree, name, parent: parent, change)
            #expect(count > 0, "the fixture's archive has no <\(name)>")
            #expect(Self.libxml2Issues(mutated, schema).isEmpty, "libxml2 rejects <\(name)>")
            #expect(ArchiveConformance.issues(mutated).isEmpty, "<\(name)> was rejected")
        }
    }

    /// A `document.xsd` given with `--templates` is validated by libxml2, as before.
    @Test func aSchemaOfTheUsersIsValidatedByLibxml2() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docctl-xsd-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for entry in try FileManager.default.contentsOfDirectory(atPath: RenderingFixtures.templatesFolder.path) {
            try FileManager.default.copyItem(at: RenderingFixtures.templatesFolder.appendingPathComponent(entry),
                                             to: folder.appendingPathComponent(entry))
        }
        // A stricter schema: the title must be at most 3 characters.
        let xsd = String(decoding: try #require(BuiltInResources.data("templates/document.xsd")), as: UTF8.self)
            .replacingOccurrences(of: #"<xs:element name="title" type="d:NonEmpty"/>"#,
                                  with: #"<xs:element name="title"><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType></xs:element>"#)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("document.xsd"))
        try Data(xsd.utf8).write(to: folder.appendingPathComponent("document.xsd"))
        let set = try RenderingFixtures.load(RenderingFixtures.fullSet())
        let renderer = try SiteRenderer(set: set, templates: try TemplateSet(folder: folder), buildDate: RenderingFixtures.buildDate)
        #expect(!renderer.schemaIsBuiltIn)
        let document = try #require(set.document(number: FixtureSet.procedureNumber))
        #expect(throws: DocCtlError.self) { try renderer.archive(document) }
        #expect(try RenderingFixtures.renderer(set).schemaIsBuiltIn)
    }
}
