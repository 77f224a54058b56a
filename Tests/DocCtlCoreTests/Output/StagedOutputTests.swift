import DocCtlTestSupport
import Foundation
import Testing
@testable import DocCtlCore

/// The one staged-output helper: files and folders are replaced whole, in one rename.
@Suite struct StagedOutputTests {
    struct Failure: Error, Equatable { let message: String }

    @Test func theSwapExchangesTheFoldersInOneStep() throws {
        try TemporaryFolder.with { folder in
            let a = folder.url.appendingPathComponent("a"), b = folder.url.appendingPathComponent("b")
            try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
            try Data("new".utf8).write(to: a.appendingPathComponent("f"))
            try Data("old".utf8).write(to: b.appendingPathComponent("f"))
            try StagedOutput.swap(a, into: b, failure: Failure.init)
            #expect(try Data(contentsOf: b.appendingPathComponent("f")) == Data("new".utf8))
            #expect(try Data(contentsOf: a.appendingPathComponent("f")) == Data("old".utf8))
        }
    }

    /// A staged folder may hold hard links to the output it replaces: writing a name there makes a
    /// new file and never writes through the link into the other folder.
    @Test func aStagedWriteNeverWritesThroughAHardLink() throws {
        try TemporaryFolder.with { folder in
            let previous = folder.url.appendingPathComponent("previous.html").path
            let staged = folder.url.appendingPathComponent("staged.html").path
            try Data("previous".utf8).write(to: URL(fileURLWithPath: previous))
            #expect(link(previous, staged) == 0)
            try StagedOutput.writeStaged(Data("new".utf8), at: staged)
            #expect(FileManager.default.contents(atPath: previous) == Data("previous".utf8))
            #expect(FileManager.default.contents(atPath: staged) == Data("new".utf8))
            #expect(FileIdentity.of(previous) != FileIdentity.of(staged))
        }
    }

    @Test func aFileIsReplacedWholeKeepingItsPermissionsAndNoTemporaryIsLeft() throws {
        try TemporaryFolder.with { folder in
            let file = folder.url.appendingPathComponent("sub/history.yaml")
            try StagedOutput.write(Data("a: 1\n".utf8), to: file, failure: Failure.init)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            try StagedOutput.write(Data("a: 2\n".utf8), to: file, failure: Failure.init)
            #expect(try Data(contentsOf: file) == Data("a: 2\n".utf8))
            let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["history.yaml"])
        }
    }

    @Test func aFailedWriteReportsTheCallersErrorAndLeavesTheFile() throws {
        try TemporaryFolder.with { folder in
            let file = folder.url.appendingPathComponent("kept.txt")
            try Data("kept".utf8).write(to: file)
            // A folder where the file should be: the rename fails, the caller's error carries why.
            let blocked = folder.url.appendingPathComponent("blocked")
            try FileManager.default.createDirectory(at: blocked.appendingPathComponent("x"), withIntermediateDirectories: true)
            #expect(throws: Failure.self) { try StagedOutput.write(Data("new".utf8), to: blocked, failure: Failure.init) }
            #expect(try Data(contentsOf: file) == Data("kept".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["blocked", "kept.txt"])
        }
    }

    @Test func leftoversOfAKilledRunAreClearedAndAMovedAsideTargetIsPutBack() throws {
        try TemporaryFolder.with { folder in
            let target = folder.url.appendingPathComponent("site")
            let previous = folder.url.appendingPathComponent(".site.docctl-stage-4242-previous")
            try FileManager.default.createDirectory(at: previous, withIntermediateDirectories: true)
            try Data("old site".utf8).write(to: previous.appendingPathComponent("index.html"))
            let foreign = folder.url.appendingPathComponent(".site.docctl-stage-77")
            try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
            StagedOutput.clearLeftovers(of: target) { $0.lastPathComponent != foreign.lastPathComponent }
            #expect(try Data(contentsOf: target.appendingPathComponent("index.html")) == Data("old site".utf8))
            #expect(FileManager.default.fileExists(atPath: foreign.path), "a leftover the caller does not accept is kept")
            StagedOutput.clearLeftovers(of: target)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["site"])
        }
    }
}
