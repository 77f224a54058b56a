import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// End-to-end: the example's flowchart through `build` and `copy`, and image diagnostics as printed.
@Suite(.serialized) struct ImageCommandTests {
    static let source = "manual-src/procedures/QP-06-change/media/change-flow.png"

    @Test func buildCopiesTheExampleFlowchartIntoItsRevisionFolder() throws {
        let png = try Data(contentsOf: DocCtlProcess.repositoryRoot.appendingPathComponent(Self.source))
        #expect(png.count < 30_000)
        let name = "media/\(String(SiteManifest.hash(png).prefix(16))).png"
        try TemporaryFolder.with { folder in
            let output = folder.url.appendingPathComponent("out")
            let result = try DocCtlProcess.run(["build", "manual-src", "-o", output.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Data(contentsOf: output.appendingPathComponent("QP-06/A-3/\(name)")) == png)
            let page = String(decoding: try Data(contentsOf: output.appendingPathComponent("QP-06/A-3/index.html")), as: UTF8.self)
            #expect(page.contains("<img src=\"\(name)\" alt=\"变更管理流程图\" width=\"540\" height=\"600\" loading=\"lazy\">"))
            let archive = String(decoding: try Data(contentsOf: output.appendingPathComponent("QP-06/A-3/QP-06_A-3.xml")), as: UTF8.self)
            #expect(archive.contains("source=\"procedures/QP-06-change/media/change-flow.png\" file=\"\(name)\" media-type=\"image/png\""))
        }
    }

    @Test func aCopyIsOneFileWithTheFlowchartInlined() throws {
        try TemporaryFolder.with { folder in
            let file = folder.url.appendingPathComponent("copy.html")
            let result = try DocCtlProcess.run(["copy", "QP-06", "--copy-no", "02", "--no-register", "-o", file.path, "--today", "2026-11-29"])
            #expect(result.status == 0, "\(result.stderr)")
            let html = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            #expect(html.contains("<img src=\"data:image/png;base64,"))
            #expect(!html.contains("src=\"media/"))
        }
    }

    @Test func checkPrintsImageProblemsWithFileAndLine() throws {
        var fixture = FixtureSet.valid()
        let body = "\(FixtureSet.procedureFolder)/body.md"
        fixture.append(body, "\n![流程图](https://example.com/flow.png)\n\n![图](media/chart.svg)\n")
        fixture.write("\(FixtureSet.procedureFolder)/media/chart.svg", data: TestImages.svg)
        try TemporaryFolder.with { folder in
            try fixture.materialize(in: folder.url.appendingPathComponent("set"))
            let result = try DocCtlProcess.run(["check", "set", "--today", FixtureSet.todayText], in: folder.url)
            #expect(result.status == 1)
            let remote = fixture.location(of: "![流程图]", in: body).line
            let svg = fixture.location(of: "![图](media/chart.svg)", in: body).line
            #expect(result.stdout.contains("set/\(body):\(remote):1: error[remote-image]: image 'https://example.com/flow.png' is fetched from the network"))
            #expect(result.stdout.contains("set/\(body):\(svg):1: error[image-format]: image \(FixtureSet.procedureFolder)/media/chart.svg is SVG"))
        }
    }
}
