@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The footer of a site page names the build date once: its print notice (打印件为非受控文件 · 生成日期 …,
/// the no-script fallback) is replaced by the script with the date of printing, which it reads from
/// the page's `data-print-notice`. A page template without that attribute showed 生成日期 twice.
@Suite struct PrintNoticeTests {
    @Test func everySitePageWithAPrintNoticeLetsTheScriptReplaceIt() throws {
        let checked = try CheckedSet.load(IncrementalBuildTests.example, today: Day(year: 2026, month: 11, day: 29)!, strict: false)
        let renderer = try SiteRenderer(set: checked.set, templates: TemplateSet.bundled(), buildDate: Day(year: 2026, month: 11, day: 29)!)
        let pages = try renderer.render().filter { $0.key.hasSuffix(".html") }
        var checkedPages = 0
        for (path, data) in pages.sorted(by: { $0.key < $1.key }) {
            let html = String(decoding: data, as: UTF8.self)
            guard html.contains("class=\"print-notice\"") else { continue }
            checkedPages += 1
            let body = html.range(of: "<body").map { html[$0.lowerBound...].prefix { $0 != ">" } } ?? ""
            #expect(body.contains("data-print-notice=\"打印件为非受控文件 · 打印日期 {date}\""), "\(path): \(body)")
        }
        #expect(pages.keys.contains("distribution.html") && checkedPages > 25, "pages with a print notice: \(checkedPages)")
    }
}
