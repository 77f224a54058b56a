import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The built example site in headless Chromium: search on the master list, and the layout at phone
/// (390 px) and desktop (1280 px) width. Skipped where Chromium is not installed.
@Suite(.serialized, .enabled(if: PrintTools.chromium != nil, "needs chromium"))
struct SiteBrowserTests {
    /// The DOM of `url` after its scripts ran.
    static func dom(_ url: String, window: String = "1400,1000") throws -> String {
        let result = try DocCtlProcess.run(["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                                            "--virtual-time-budget=10000", "--window-size=\(window)", "--dump-dom", url],
                                           executable: PrintTools.chromium ?? URL(fileURLWithPath: "/usr/bin/chromium"))
        return result.stdout
    }

    static func build(_ folder: URL) throws -> URL {
        let output = folder.appendingPathComponent("out")
        let result = try DocCtlProcess.run(["build", "manual-src", "-o", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        return output
    }

    /// The results list of a search and the status line above it.
    static func search(_ output: URL, _ query: String) throws -> (status: String, items: [String]) {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
        let html = try dom(output.appendingPathComponent("index.html").absoluteString + "?q=" + encoded)
        let status = html.firstMatch(of: /<p id="search-status"[^>]*>([^<]*)<\/p>/).map { String($0.1) } ?? "(no status)"
        let list = html.firstMatch(of: /<ol id="search-results"[^>]*>(.*?)<\/ol>/.dotMatchesNewlines()).map { String($0.1) } ?? ""
        let items = list.components(separatedBy: "<li>").dropFirst().map { String($0) }
        return (status, items)
    }

    @Test func searchFindsChineseWordsAcrossTheTitleRanksAndHighlights() throws {
        try TemporaryFolder.with { folder in
            let output = try Self.build(folder.url)
            // 事件管理 is not a substring of 《事件与服务请求管理程序》: found by its bigrams 事件 and 管理.
            let (status, items) = try Self.search(output, "事件管理")
            #expect(!items.isEmpty)
            // The count is the list's, or says how much of it the list shows.
            if let total = status.firstMatch(of: /找到 (\d+) 处，列出前 (\d+) 处/) {
                #expect(Int(total.2) == items.count && Int(total.1)! > items.count, "\(status) for \(items.count) items")
            } else {
                #expect(status == "找到 \(items.count) 处", "\(status) for \(items.count) items")
            }
            // Ranked by where the words occur: the procedure whose title holds them comes first.
            let first = try #require(items.first)
            #expect(first.replacing(/<[^>]*>/, with: "").contains("QP-04 《事件与服务请求管理程序》"), "\(first)")
            // Matches highlighted, in the title and the snippet.
            #expect(first.contains("<mark>事件</mark>") && first.contains("<mark>管理</mark>"), "\(first)")
            #expect(items.contains { $0.contains("class=\"hit-text\"") && $0.contains("<mark>") })
        }
    }

    @Test func aLongResultListSaysHowManyItShows() throws {
        try TemporaryFolder.with { folder in
            let output = try Self.build(folder.url)
            let (status, items) = try Self.search(output, "管理")
            #expect(items.count == 50)
            let total = try #require(status.firstMatch(of: /找到 (\d+) 处，列出前 50 处/), "\(status)")
            #expect(Int(total.1)! > 50)
        }
    }

    /// Source text shown in results is text, never markup: a code span holding a tag comes back escaped.
    @Test func searchSnippetsAreText() throws {
        try TemporaryFolder.with { folder in
            var fixture = FixtureSet.valid()
            fixture.append("\(FixtureSet.procedureFolder)/body.md", "\n示例代码 `<b id=\"injected\">粗体</b>` 结束。\n")
            try fixture.materialize(in: folder.url.appendingPathComponent("set"))
            let build = try DocCtlProcess.run(["build", "set", "-o", "out"], in: folder.url)
            #expect(build.status == 0, "\(build.stderr)")
            let (_, items) = try Self.search(folder.url.appendingPathComponent("out"), "示例代码")
            let hit = try #require(items.first { $0.contains("示例代码") })
            #expect(hit.contains("&lt;b id=\"injected\"&gt;"), "\(hit)")
            #expect(!hit.contains("<b id"), "\(hit)")
        }
    }

    /// At 390 px the control block wraps between fields, never inside a number or a date, wide tables
    /// scroll inside their own box (with the shadow cue), the approvals are a list (QP-04's
    /// countersigned reviewers never make them scroll), and the page never scrolls sideways; at
    /// 1280 px nothing wraps inside the numbers either, and the approvals are a table.
    @Test func theLayoutHoldsAtPhoneAndDesktopWidth() throws {
        try TemporaryFolder.with { folder in
            let output = try Self.build(folder.url)
            let probe = """
                <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
                <iframe id="f390" src="XQ-ITSM-M-01/A-2/index.html" style="width:390px;height:900px"></iframe>
                <iframe id="f1280" src="XQ-ITSM-M-01/A-2/index.html" style="width:1280px;height:900px"></iframe>
                <iframe id="list390" src="index.html" style="width:390px;height:900px"></iframe>
                <iframe id="qp390" src="QP-04/B-1/index.html" style="width:390px;height:900px"></iframe>
                <iframe id="qp1280" src="QP-04/B-1/index.html" style="width:1280px;height:900px"></iframe>
                <pre id="out">not run</pre>
                <script>
                function lines(doc, element) {
                  var range = doc.createRange(); range.selectNodeContents(element);
                  var tops = {}; Array.prototype.forEach.call(range.getClientRects(), function (r) { if (r.width > 0) { tops[Math.round(r.top)] = true; } });
                  return Object.keys(tops).length;
                }
                window.addEventListener("load", function () {
                  var out = [];
                  ["f390", "f1280", "list390", "qp390", "qp1280"].forEach(function (id) {
                    var frame = document.getElementById(id), doc = frame.contentDocument, win = frame.contentWindow;
                    if (doc.documentElement.scrollWidth > win.innerWidth) { out.push(id + " page scrolls sideways: " + doc.documentElement.scrollWidth); }
                    doc.querySelectorAll("table.control-block td:not([colspan]), table.approval-block tr:last-child td, .approval-date, .doc-dates span").forEach(function (cell) {
                      if (lines(doc, cell) > 1) { out.push(id + " wrapped inside: " + cell.textContent); }
                    });
                    var approvals = doc.querySelector("table.approval-block"), list = doc.querySelector(".approval-list");
                    if (approvals && list) {
                      out.push(id + " approvals as " + (win.getComputedStyle(list).display !== "none" ? "list" : "")
                        + (win.getComputedStyle(approvals).display !== "none" ? "table" : ""));
                      if (list.getBoundingClientRect().right > win.innerWidth + 1) { out.push(id + " approval list wider than the screen"); }
                    }
                    var block = doc.querySelector("table.control-block");
                    if (block && block.getBoundingClientRect().right > win.innerWidth + 1) { out.push(id + " control block wider than the screen"); }
                    doc.querySelectorAll(".table-wrap").forEach(function (wrap) {
                      if (wrap.scrollWidth > wrap.clientWidth) {
                        out.push(id + " scrolls in its box: " + wrap.firstElementChild.className
                          + (win.getComputedStyle(wrap).backgroundImage.indexOf("radial-gradient") >= 0 ? " with cue" : " without cue"));
                      }
                    });
                  });
                  document.getElementById("out").textContent = out.join("\\n") || "ok";
                });
                </script></body></html>
                """
            try Data(probe.utf8).write(to: output.appendingPathComponent("layout-probe.html"))
            let html = try Self.dom(output.appendingPathComponent("layout-probe.html").absoluteString)
            let report = try #require(html.firstMatch(of: /<pre id="out">(.*?)<\/pre>/.dotMatchesNewlines()).map { String($0.1) })
            #expect(report != "not run", "the probe did not run")
            #expect(!report.contains("wrapped inside"), "\(report)")
            #expect(!report.contains("scrolls sideways"), "\(report)")
            #expect(!report.contains("wider than the screen"), "\(report)")
            #expect(!report.contains("without cue"), "\(report)")
            #expect(report.contains("list390 scrolls in its box: master-list with cue"), "\(report)")
            // QP-04's three countersigning reviewers: on a phone the approvals are a list, one role a line.
            let lines = report.split(separator: "\n")
            #expect(lines.contains("qp390 approvals as list"), "\(report)")
            #expect(lines.contains("qp1280 approvals as table"), "\(report)")
            #expect(!report.contains("qp390 scrolls in its box: approval"), "\(report)")
        }
    }
}
