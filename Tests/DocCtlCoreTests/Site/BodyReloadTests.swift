@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// A build drops the set's parsed bodies once it is checked and parses each document's body again
/// when it renders it (``BodyReloader``): same pages, and never text the check did not see.
@Suite(.serialized) struct BodyReloadTests {
    @Test func aBodyParsedAgainIsTheBodyThatWasLoaded() throws {
        try TemporaryFolder.with { folder in
            let checked = try BuildTests.checked(RenderingFixtures.fullSet(), in: folder)
            var set = checked.set
            let reloader = BodyReloader.dropBodies(of: &set)
            #expect(set.documents.count == checked.set.documents.count)
            for (dropped, loaded) in zip(set.documents, checked.set.documents) {
                #expect(dropped.bodyDropped && !loaded.bodyDropped)
                #expect(dropped.preamble.isEmpty && dropped.allSections.allSatisfy { $0.blocks.isEmpty })
                #expect(dropped.bodyFiles.allSatisfy { $0.blocks.isEmpty })
                for body in loaded.bodyFiles { #expect(set.sources[body.path] == nil, "the text of \(body.path) is still held") }
                // What the blocks told of each section is kept: coverage and unfinished-section read it.
                #expect(dropped.allSections.map(\.isStub) == loaded.allSections.map(\.isStub))
                #expect(dropped.allSections.map(\.isUnwritten) == loaded.allSections.map(\.isUnwritten))
                #expect(dropped.allSections.map(\.clauses) == loaded.allSections.map(\.clauses))

                let reloaded = try reloader.reload(dropped)
                #expect(!reloaded.bodyDropped)
                #expect(reloaded.preamble == loaded.preamble)
                #expect(reloaded.bodyFiles.map(\.blocks) == loaded.bodyFiles.map(\.blocks))
                #expect(reloaded.allSections.map(\.blocks) == loaded.allSections.map(\.blocks))
                #expect(reloaded.allSections.map(\.anchor) == loaded.allSections.map(\.anchor))
                #expect(reloaded.allSections.map(\.clauses) == loaded.allSections.map(\.clauses))
            }
            #expect(CoverageReport.compute(set)?.entries.map(\.status) == CoverageReport.compute(checked.set)?.entries.map(\.status))
        }
    }

    @Test func aBuildWritesTheFilesOfTheSetRenderedWithItsBodies() throws {
        try TemporaryFolder.with { folder in
            let checked = try BuildTests.checked(RenderingFixtures.fullSet(), in: folder)
            let output = folder.url.appendingPathComponent("out")
            _ = try BuildTests.build(checked, incremental: false).run(to: output)
            // The per-document check records survive the drop and reach the build cache (build -o takes them over).
            #expect(!checked.documentChecks.isEmpty)
            #expect(BuildCache.read(from: output)?.checks == checked.documentChecks)
            let expected = try BuildTests.build(checked).plan().render()
            for (path, data) in expected {
                #expect(FileManager.default.contents(atPath: output.appendingPathComponent(path).path) == data, "\(path) differs")
            }
        }
    }

    @Test func aBodyChangedAfterTheCheckStopsTheBuild() throws {
        try TemporaryFolder.with { folder in
            let checked = try BuildTests.checked(RenderingFixtures.fullSet(), in: folder)
            let body = folder.url.appendingPathComponent("set/\(FixtureSet.procedureFolder)/body.md")
            var text = try String(contentsOf: body, encoding: .utf8)
            text += "\n未经检查的新段落。\n"
            try text.write(to: body, atomically: true, encoding: .utf8)
            let output = folder.url.appendingPathComponent("out")
            do throws(Build.Failure) {
                _ = try BuildTests.build(checked, incremental: false).run(to: output)
                Issue.record("a body changed after the check was rendered")
            } catch {
                guard case .environment(let message) = error else { Issue.record("\(error)"); return }
                #expect(message == "\(FixtureSet.procedureFolder)/body.md changed after the set was checked; nothing was written. Run the build again")
                #expect(!message.contains("\n"))
            }
            #expect(!FileManager.default.fileExists(atPath: output.path), "a stopped build wrote its output")

            // A body file removed since the check stops it the same way.
            try FileManager.default.removeItem(at: body)
            #expect(throws: Build.Failure.self) { try BuildTests.build(checked, incremental: false).run(to: output) }
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    /// `check` and `build` drop the parsed bodies only in a set whose Markdown reaches the budget:
    /// below it the bodies stay from the load to the render, parsed once.
    @Test func bodiesAreDroppedOnlyPastTheBudget() throws {
        try TemporaryFolder.with { folder in
            let root = folder.url.appendingPathComponent("set")
            try RenderingFixtures.fullSet().materialize(in: root)
            let kept = try CheckedSet.load(root, today: FixtureSet.today, strict: false, dropsBodies: true, keepsBodiesUnder: 1 << 20)
            #expect(!kept.set.documents.isEmpty && !kept.set.documents.contains(where: \.bodyDropped))
            let dropped = try CheckedSet.load(root, today: FixtureSet.today, strict: false, dropsBodies: true, keepsBodiesUnder: 16)
            #expect(!dropped.set.documents.contains { !$0.bodyDropped })
            #expect(kept.diagnostics == dropped.diagnostics)

            // Under the budget the build renders the bodies it checked: a body changed since is not read.
            var build = BuildTests.build(kept, incremental: false)
            build.keepsBodiesUnder = 1 << 20
            #expect(build.keepsBodies)
            let expected = try build.plan().render()
            let body = root.appendingPathComponent("\(FixtureSet.procedureFolder)/body.md")
            try (try String(contentsOf: body, encoding: .utf8) + "\n未经检查的新段落。\n").write(to: body, atomically: true, encoding: .utf8)
            let output = folder.url.appendingPathComponent("out")
            _ = try build.run(to: output)
            for (path, data) in expected {
                #expect(FileManager.default.contents(atPath: output.appendingPathComponent(path).path) == data, "\(path) differs")
            }
            // Past it (or with no budget), the same build parses the bodies again and sees the change.
            var small = BuildTests.build(kept, incremental: false)
            small.keepsBodiesUnder = 16
            #expect(!small.keepsBodies)
            #expect(throws: Build.Failure.self) { try small.run(to: folder.url.appendingPathComponent("out2")) }
        }
    }
}

