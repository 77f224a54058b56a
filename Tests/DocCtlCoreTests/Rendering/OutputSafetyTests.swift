@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// What `build -o` may replace, template folders, and SOURCE_DATE_EPOCH.
@Suite(.serialized) struct OutputSafetyTests {
    static func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func names(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []).sorted()
    }

    @Test func theMarkerListsWhatTheBuildWroteAndNothingElseIsReplaced() throws {
        try TemporaryFolder.with { folder in
            let target = folder.url.appendingPathComponent("out")
            try OutputWriter.replace(target, with: ["index.html": Data("1".utf8), "QP-01/A-0/index.html": Data("2".utf8)])
            #expect(try String(contentsOf: target.appendingPathComponent(OutputWriter.marker), encoding: .utf8)
                == "docctl-output 1\nQP-01/A-0/index.html\nindex.html\n")
            // A file the user put into the output, even where a build writes, is not lost.
            try Self.write("mine", target.appendingPathComponent("QP-01/A-0/notes.txt"))
            let error = try #require(throwing { try OutputWriter.replace(target, with: ["index.html": Data("3".utf8)]) })
            #expect(error.description.contains("QP-01/A-0/notes.txt is not a file the last build wrote"), "\(error)")
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("QP-01/A-0/notes.txt").path))
        }
    }

    @Test func aMarkerAloneDoesNotMakeAFolderReplaceable() throws {
        try TemporaryFolder.with { folder in
            let target = folder.url.appendingPathComponent("out")
            // A marker copied in by hand (or anything else at that name) next to the user's files.
            try Self.write("anything\n", target.appendingPathComponent(OutputWriter.marker))
            try Self.write("keep", target.appendingPathComponent("index.html"))
            #expect(throwing { try OutputWriter.replace(target, with: ["index.html": Data("x".utf8)]) }?.description
                .contains("is not docctl's") == true)
            // The marker of an older docctl: taken only when the layout is exactly a build's.
            try Self.write("docctl build output: this folder is replaced as a whole by the next build\n", target.appendingPathComponent(OutputWriter.marker))
            try Self.write("keep", target.appendingPathComponent("report.docx"))
            #expect(throwing { try OutputWriter.replace(target, with: ["index.html": Data("x".utf8)]) }?.description
                .contains("report.docx is not a file the last build wrote") == true)
            #expect(Self.names(target) == [OutputWriter.marker, "index.html", "report.docx"])
            try FileManager.default.removeItem(at: target.appendingPathComponent("report.docx"))
            try Self.write("old", target.appendingPathComponent("QP-01/A-0/index.html"))
            try OutputWriter.replace(target, with: ["index.html": Data("x".utf8)])
            #expect(Self.names(target) == [OutputWriter.marker, "index.html"])
        }
    }

    @Test func twoBuildsIntoOneFolderAreKeptApart() throws {
        try TemporaryFolder.with { folder in
            let target = folder.url.appendingPathComponent("out")
            let lock = try SiteLock(site: target)
            let error = try #require(throwing { try OutputWriter.replace(target, with: ["index.html": Data("x".utf8)]) })
            #expect(error.description.contains("is locked: another docctl build or publish is writing it right now"), "\(error)")
            withExtendedLifetime(lock) {}
            #expect(!FileManager.default.fileExists(atPath: target.path))
        }
    }

    @Test func aTemplateLinkedOutOfItsFolderIsRefused() throws {
        try TemporaryFolder.with { folder in
            let templates = folder.url.appendingPathComponent("tp")
            try FileManager.default.copyItem(at: RenderingFixtures.templatesFolder.resolvingSymlinksInPath(), to: templates)
            let secret = folder.url.appendingPathComponent("passwd")
            try Self.write("root:x:0:0\n", secret)
            let footer = templates.appendingPathComponent("partials/footer.mustache")
            try FileManager.default.removeItem(at: footer)
            try FileManager.default.createSymbolicLink(at: footer, withDestinationURL: secret)
            let error = try #require(throwing { try TemplateSet(folder: templates) })
            #expect(error.description.contains("partials/footer.mustache leads out of the templates folder"), "\(error)")
            // A link inside the folder is fine; an asset linked out is refused when it is read.
            try FileManager.default.removeItem(at: footer)
            try FileManager.default.createSymbolicLink(atPath: footer.path, withDestinationPath: "head.mustache")
            let set = try TemplateSet(folder: templates)
            let css = templates.appendingPathComponent("assets/docctl.css")
            try FileManager.default.removeItem(at: css)
            try FileManager.default.createSymbolicLink(at: css, withDestinationURL: secret)
            #expect(throwing { try set.resource("assets/docctl.css") }?.description.contains("leads out of the templates folder") == true)
        }
    }

    @Test func sourceDateEpochIsAWholeNumberOfSecondsUpToYear9999() throws {
        #expect(try Day.sourceDateEpoch([:]) == nil)
        #expect(try Day.sourceDateEpoch(["SOURCE_DATE_EPOCH": "0"]) == Day(year: 1970, month: 1, day: 1))
        #expect(try Day.sourceDateEpoch(["SOURCE_DATE_EPOCH": "253402300799"]) == Day(year: 9999, month: 12, day: 31))
        for bad in ["253402300800", "99999999999999999999", "-1", "1e9", " 1", "abc", "１２"] {
            #expect(throwing { try Day.sourceDateEpoch(["SOURCE_DATE_EPOCH": bad]) }?.description
                .hasPrefix("SOURCE_DATE_EPOCH must be a whole number of seconds") == true, "\(bad)")
        }
    }
}

/// The DocCtlError a call throws, if any.
func throwing<T>(_ body: () throws -> T) -> DocCtlError? {
    do {
        _ = try body()
        return nil
    } catch let error as DocCtlError {
        return error
    } catch {
        return nil
    }
}
