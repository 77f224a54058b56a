@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// Sets, renderers and assertions shared by the rendering tests.
enum RenderingFixtures {
    static let buildDate = FixtureSet.today

    /// The repository's `templates/` folder (a link to the bundled templates).
    static let templatesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates").resolvingSymlinksInPath()

    /// Where golden files live.
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    /// The valid fixture plus a secret plan (above publish-up-to), so every page kind has all its parts.
    static func fullSet() -> FixtureSet {
        var set = FixtureSet.valid()
        set.write("plans/PL-01-continuity/document.yaml", """
            number: PL-01
            title: 服务连续性计划
            type: plan
            owner: service
            classification: 秘密
            control: controlled
            clause-numbering: own
            clauses: [8.7.2]
            approvals:
              prepared: { name: 陈嘉禾, date: 2025-04-08 }
              reviewed: { name: 沈家宁, date: 2025-04-14 }
              approved: { name: 周明远, date: 2025-04-16 }
            issued: 2025-04-20
            effective: 2025-04-20
            review-every: 12 months

            """)
        set.write("plans/PL-01-continuity/history.yaml", """
            - { revision: "A/0", date: 2025-04-20, change: 新建, sections: 全部, author: 陈嘉禾, approver: 周明远 }

            """)
        set.write("plans/PL-01-continuity/body.md", "# 1 目的\n\n机房切换步骤。\n")
        set.append("manual/99-appendices.md", """

            # 附录C 职责分配表

            {{responsibility-matrix}}

            # 附录D 组织架构图

            {{org-chart}}

            # 附录E 文件清单

            {{document-list}}

            # 附录F 修改记录

            {{revision-history}}

            """)
        set.replace("本手册由体系与质量部按", with: "本手册引用[[PL-01]]和[[8.5.1]]，由体系与质量部\n按", in: "manual/00-front.md")
        return set
    }

    /// The valid set with its manual's A/0 superseded by A/1 and a distribution register: returned,
    /// lost, retained and outstanding copies, one of them due for recall.
    static func withRegister() throws -> FixtureSet {
        var set = try FixtureSet.withSupersededManual()
        set.write("manual/distribution.yaml", """
            # 发放回收登记
            - { copy: "01", holder: 总经理, revision: "A/0", issued: 2025-06-16, returned: 2025-09-02 }
            - { copy: "02", revision: "A/0", issued: 2025-06-16 }
            - { copy: "03", holder: 运维服务部, revision: "A/0", issued: 2025-06-16, lost: 2025-08-01, note: 遗失 }
            - { copy: "01", holder: 总经理, revision: "A/1", issued: 2025-09-02 }
            - { copy: "04", holder: "<b>技术支持部</b>", revision: "A/0", issued: 2025-06-16, retained: 2025-09-03 }

            """)
        return set
    }

    /// Loads a fixture set (without checks).
    static func load(_ fixture: FixtureSet) throws -> DocumentSet {
        try fixture.load().0
    }

    static func templates() throws -> TemplateSet { try TemplateSet(folder: templatesFolder) }

    static func renderer(_ set: DocumentSet, today: Day? = nil) throws -> SiteRenderer {
        try SiteRenderer(set: set, templates: templates(), buildDate: buildDate, today: today)
    }

    /// Compares `text` with the golden file `name`, or records it when `RECORD_SNAPSHOTS=1` — and then
    /// fails, so that a recording run is never mistaken for a passing one.
    static func assertGolden(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: goldenFolder, withIntermediateDirectories: true)
            let unchanged = (try? Data(contentsOf: url)) == Data(text.utf8)
            try Data(text.utf8).write(to: url)
            Issue.record("""
                recorded \(name)\(unchanged ? " (unchanged)" : ""): run again without RECORD_SNAPSHOTS=1 and review \
                git diff Tests/Fixtures/golden
                """, sourceLocation: sourceLocation)
            return
        }
        let expected = try #require(try? String(contentsOf: url, encoding: .utf8),
                                    "no golden file \(name); record it with RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
            Issue.record("""
                \(name) differs from its golden file at line \(line + 1):
                  golden: \(line < a.count ? String(a[line].prefix(300)) : "<end>")
                  actual: \(line < b.count ? String(b[line].prefix(300)) : "<end>")
                re-record with RECORD_SNAPSHOTS=1 swift test if the change is intended
                """, sourceLocation: sourceLocation)
        }
    }
}

/// A minimal HTML tag scanner for the escaping tests: every start tag with its attributes.
struct ScannedTag {
    var name: String
    var attributes: [(name: String, value: String)]

    /// The tags of `html`, outside comments; text is skipped.
    static func scan(_ html: String) -> [ScannedTag] {
        var tags: [ScannedTag] = []
        let scalars = Array(html.unicodeScalars)
        var index = 0
        var rawTextEnd: String? = nil
        while index < scalars.count {
            guard scalars[index] == "<" else { index += 1; continue }
            if let end = rawTextEnd {
                // Inside <style> or <script>: only the end tag counts.
                let rest = String(String.UnicodeScalarView(scalars[index..<min(index + end.count, scalars.count)])).lowercased()
                if rest == end { rawTextEnd = nil } else { index += 1; continue }
            }
            var cursor = index + 1
            if cursor < scalars.count, scalars[cursor] == "/" || scalars[cursor] == "!" {
                while cursor < scalars.count, scalars[cursor] != ">" { cursor += 1 }
                index = cursor + 1
                continue
            }
            var name = ""
            while cursor < scalars.count, scalars[cursor].properties.isAlphabetic || ("0"..."9").contains(scalars[cursor]) {
                name.unicodeScalars.append(scalars[cursor]); cursor += 1
            }
            var attributes: [(String, String)] = []
            while cursor < scalars.count, scalars[cursor] != ">" {
                if scalars[cursor] == " " || scalars[cursor] == "\n" || scalars[cursor] == "/" { cursor += 1; continue }
                var attribute = ""
                while cursor < scalars.count, !" =>\n".unicodeScalars.contains(scalars[cursor]) {
                    attribute.unicodeScalars.append(scalars[cursor]); cursor += 1
                }
                var value = ""
                if cursor < scalars.count, scalars[cursor] == "=" {
                    cursor += 1
                    if cursor < scalars.count, scalars[cursor] == "\"" {
                        cursor += 1
                        while cursor < scalars.count, scalars[cursor] != "\"" { value.unicodeScalars.append(scalars[cursor]); cursor += 1 }
                        cursor += 1
                    } else {
                        while cursor < scalars.count, !" >".unicodeScalars.contains(scalars[cursor]) {
                            value.unicodeScalars.append(scalars[cursor]); cursor += 1
                        }
                    }
                }
                attributes.append((attribute.lowercased(), value))
            }
            let lower = name.lowercased()
            tags.append(ScannedTag(name: lower, attributes: attributes))
            if lower == "style" || lower == "script" { rawTextEnd = "</\(lower)" }
            index = cursor + 1
        }
        return tags
    }
}
