@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl build` stage by stage (``Build``): gate, plan, previous build, render and swap.
@Suite(.serialized) struct BuildTests {
    static let environment = ["SOURCE_DATE_EPOCH": "1768435200"]  // 2026-01-15

    /// The fixture written into `folder/set`, loaded and checked as `build` does.
    static func checked(_ fixture: FixtureSet, in folder: TemporaryFolder) throws -> CheckedSet {
        let root = folder.url.appendingPathComponent("set")
        try fixture.materialize(in: root)
        return try CheckedSet.load(root, today: FixtureSet.today, strict: false)
    }

    static func build(_ checked: CheckedSet, draft: Bool = false, incremental: Bool = true) -> Build {
        Build(checked: checked, today: FixtureSet.today, draft: draft, incremental: incremental, environment: environment)
    }

    @Test func theGateStopsASetWithErrorsUnlessItIsADraft() throws {
        try TemporaryFolder.with { folder in
            var fixture = RenderingFixtures.fullSet()
            fixture.replace("title: 成文信息控制程序", with: "title: ''", in: "\(FixtureSet.procedureFolder)/document.yaml")
            let checked = try Self.checked(fixture, in: folder)
            #expect(checked.exitStatus == 1, "the fixture must have an error: \(checked.diagnostics.map(\.rule))")
            let output = folder.url.appendingPathComponent("out")
            #expect(throws: Build.Failure.self) { try Self.build(checked).run(to: output) }
            do throws(Build.Failure) {
                try Self.build(checked).gate()
                Issue.record("the gate let a set with errors through")
            } catch {
                guard case .stopped(let status) = error else { Issue.record("\(error)"); return }
                #expect(status == 1)
            }
            #expect(!FileManager.default.fileExists(atPath: output.path), "a stopped build wrote its output")
            try Self.build(checked, draft: true).gate()
            let outcome = try Self.build(checked, draft: true).run(to: output)
            #expect(outcome.published.contains(FixtureSet.procedureNumber))
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(DraftBuild.marker).path))
        }
    }

    @Test func thePlanWithholdsWhatIsAbovePublishUpToAndResolvesTheDateOnce() throws {
        try TemporaryFolder.with { folder in
            let checked = try Self.checked(RenderingFixtures.fullSet(), in: folder)
            let renderer = try Self.build(checked).plan()
            #expect(!renderer.site.published.contains("PL-01"), "the secret plan is classified above publish-up-to")
            #expect(renderer.site.published.contains(FixtureSet.procedureNumber))
            #expect(renderer.buildDate == Day(year: 2026, month: 1, day: 15))
            let outcome = try Self.build(checked).run(to: folder.url.appendingPathComponent("out"))
            #expect(outcome.withheld == ["PL-01 (秘密)"])
            #expect(!outcome.published.contains("PL-01"))

            var bad = Self.build(checked)
            bad.environment = ["SOURCE_DATE_EPOCH": "yesterday"]
            #expect(throws: Build.Failure.self) { try bad.plan() }
            var missing = Self.build(checked)
            missing.templatesFolder = folder.url.appendingPathComponent("no-such-templates").path
            #expect(throws: Build.Failure.self) { try missing.plan() }
        }
    }

    @Test func aPreviousBuildIsReusedOnlyWhenItIsOfTheSameKind() throws {
        try TemporaryFolder.with { folder in
            let checked = try Self.checked(RenderingFixtures.fullSet(), in: folder)
            let output = folder.url.appendingPathComponent("out")
            #expect(Build.previousBuild(in: output, draft: false) == nil)
            let first = try Self.build(checked).run(to: output)
            #expect(first.reused == 0 && first.rendered == first.published.count)
            let previous = try #require(Build.previousBuild(in: output, draft: false))
            #expect(Set(previous.cache.documents.keys) == Set(first.published))
            #expect(Build.previousBuild(in: output, draft: true) == nil, "a real build is never reused for a draft")

            let second = try Self.build(checked).run(to: output)
            #expect(second.reused == first.published.count && second.rendered == 0)
            let clean = try Self.build(checked, incremental: false).run(to: output)
            #expect(clean.reused == 0 && clean.rendered == first.published.count)
        }
    }

    @Test func renderAndSwapReplacesTheOutputWholeAndRefusesAFolderOfTheUsers() throws {
        try TemporaryFolder.with { folder in
            let checked = try Self.checked(RenderingFixtures.fullSet(), in: folder)
            let renderer = try Self.build(checked).plan()
            let output = folder.url.appendingPathComponent("out")
            _ = try Build.renderAndSwap(renderer, into: output, previous: nil)
            let written = Set(FileManager.default.enumerator(atPath: output.path)!.compactMap { $0 as? String }
                .filter { !FileManager.default.isDirectory(output.appendingPathComponent($0)) })
            #expect(written == Set(try renderer.render().keys).union([OutputWriter.marker, BuildCache.file]))

            let mine = folder.url.appendingPathComponent("mine")
            try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
            try Data("notes".utf8).write(to: mine.appendingPathComponent("notes.txt"))
            #expect(throws: DocCtlError.self) { try Build.renderAndSwap(renderer, into: mine, previous: nil) }
            #expect(FileManager.default.contents(atPath: mine.appendingPathComponent("notes.txt").path) == Data("notes".utf8))
        }
    }
}

private extension FileManager {
    func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
