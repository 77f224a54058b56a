import DocCtlCore
import Foundation
import Testing

/// The files compiled into docctl are exactly those of `Sources/DocCtlCore/Resources` (the
/// EmbedResources plugin regenerates them when one changes).
@Suite struct BuiltInResourcesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/DocCtlCore/Resources")

    @Test func theCompiledFilesAreTheFilesOfResources() throws {
        let paths = (FileManager.default.enumerator(atPath: Self.folder.path)?.compactMap { $0 as? String } ?? []).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
        #expect(paths.count > 15)
        #expect(BuiltInResources.paths == paths)
        for path in paths {
            #expect(BuiltInResources.data(path) == (try Data(contentsOf: Self.folder.appendingPathComponent(path))), "\(path) differs")
        }
    }

    @Test func theBuiltInTemplatesAndTreesLoadWithoutAnyFileBesideTheBinary() throws {
        let templates = try TemplateSet.bundled()
        #expect(templates.origin == "built-in")
        #expect(templates.folder == nil)
        #expect(try templates.resource("assets/docctl.css").count > 1000)
        #expect(try templates.resource("document.xsd").count > 1000)
        #expect(throws: DocCtlError.self) { try templates.resource("assets/missing.css") }
        #expect(StandardsLibrary.builtIn.tree("iso-iec-20000-1-2018")?.clause("8.6.1") != nil)
    }
}
