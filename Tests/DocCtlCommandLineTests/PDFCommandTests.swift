import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// `docctl pdf`: the copy printed to A4 by headless Chromium, its copy number on every page, its
/// properties and reproducible bytes. Skipped where Chromium or poppler-utils are missing (CI
/// installs them); the refusal without a browser is tested everywhere.
@Suite(.serialized) struct PDFCommandTests {
    static let procedure = "procedures/QP-04-incident-request"

    /// The example set copied into `folder/ms`.
    static func example(in folder: URL) throws {
        try FileManager.default.copyItem(at: DocCtlProcess.repositoryRoot.appendingPathComponent("manual-src"), to: folder.appendingPathComponent("ms"))
    }

    @Test(.enabled(if: PrintTools.available, "needs chromium and poppler-utils (pdftotext, pdfinfo)"))
    func aControlledCopyPrintsWithItsNumberOnEveryPage() throws {
        try TemporaryFolder.with { folder in
            try Self.example(in: folder.url)
            let register = folder.url.appendingPathComponent("ms/\(Self.procedure)/distribution.yaml")
            let before = try Data(contentsOf: register)
            let result = try DocCtlProcess.run(["pdf", "QP-04", "--copy-no", "05", "--set", "ms", "--today", "2026-12-07"], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("wrote QP-04_B-1_copy-05.pdf: QP-04 controlled copy no. 05 (PDF)\n"), "\(result.stdout)")
            // The register is kept as `copy` keeps it: copy 05 of B/1 is already out.
            #expect(result.stdout.contains("  already recorded as issued on 2026-09-21 in ms/\(Self.procedure)/distribution.yaml"), "\(result.stdout)")
            #expect(try Data(contentsOf: register) == before)
            let pdf = folder.url.appendingPathComponent("QP-04_B-1_copy-05.pdf")
            let info = try PrintTests.run(try #require(PrintTools.tool("pdfinfo")), [pdf.path])
            #expect(info.contains("(A4)"), "\(info)")
            #expect(info.contains("Title:           QP-04 B/1 事件与服务请求管理程序"), "\(info)")
            #expect(info.contains("CreationDate:    Mon Dec  7 00:00:00 2026"), "\(info)")
            let fonts = try PrintTests.run(try #require(PrintTools.tool("pdffonts")), [pdf.path])
            #expect(!fonts.split(separator: "\n").dropFirst(2).contains { $0.contains(" no  ") && !$0.contains(" yes ") }, "every font is embedded: \(fonts)")
            let text = try PrintTests.run(try #require(PrintTools.tool("pdftotext")), ["-layout", pdf.path, "-"])
            let pages = text.split(separator: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            #expect(pages.count > 3)
            for (index, page) in pages.enumerated() {
                #expect(page.contains("受控副本") && page.contains("05"), "page \(index + 1) has no copy number")
            }
        }
    }

    @Test(.enabled(if: PrintTools.available, "needs chromium and poppler-utils (pdftotext, pdfinfo)"))
    func theSameSourcesGiveTheSameBytes() throws {
        try TemporaryFolder.with { folder in
            try Self.example(in: folder.url)
            for name in ["a.pdf", "b.pdf"] {
                let result = try DocCtlProcess.run(["pdf", "QP-04", "--uncontrolled", "--set", "ms", "--today", "2026-12-07", "-o", name], in: folder.url)
                #expect(result.status == 0, "\(result.stderr)")
            }
            let a = try Data(contentsOf: folder.url.appendingPathComponent("a.pdf"))
            #expect(a.starts(with: Array("%PDF".utf8)))
            #expect(a == (try Data(contentsOf: folder.url.appendingPathComponent("b.pdf"))))
            let text = try PrintTests.run(try #require(PrintTools.tool("pdftotext")), [folder.url.appendingPathComponent("a.pdf").path, "-"])
            #expect(text.contains("不受控"))
        }
    }

    @Test func withoutABrowserNothingIsWrittenOrRecorded() throws {
        try TemporaryFolder.with { folder in
            try Self.example(in: folder.url)
            let register = folder.url.appendingPathComponent("ms/\(Self.procedure)/distribution.yaml")
            let before = try Data(contentsOf: register)
            let empty = folder.url.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let result = try DocCtlProcess.run(["pdf", "QP-04", "--copy-no", "05", "--set", "ms"], in: folder.url, environment: ["PATH": empty.path])
            #expect(result.status == 2)
            #expect(result.stderr == "docctl pdf: no Chromium found on PATH (chromium, chromium-browser, google-chrome, chrome); install it or name it with --browser\n")
            #expect(try Data(contentsOf: register) == before)
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("QP-04_B-1_copy-05.pdf").path))
            let named = try DocCtlProcess.run(["pdf", "QP-04", "--uncontrolled", "--set", "ms", "--browser", "/no/such/chromium"], in: folder.url)
            #expect(named.status == 2)
            #expect(named.stderr == "docctl pdf: --browser /no/such/chromium is not an executable file\n")
        }
    }
}
