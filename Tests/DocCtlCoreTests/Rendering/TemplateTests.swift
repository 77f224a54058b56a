@testable import DocCtlCore
import DocCtlTestSupport
import Foundation
import Mustache
import Testing

/// Every template rendered with full view models: no slot may render empty, `{{{…}}}` holds only
/// SafeHTML, and every variable of every template is reached by some model.
@Suite(.serialized) struct TemplateTests {
    /// View models with every optional part filled, for each page kind and both placements.
    static func fullModels() throws -> [(template: String, view: Any)] {
        let set = try RenderingFixtures.load(RenderingFixtures.fullSet())
        let renderer = try RenderingFixtures.renderer(set, today: Day(year: 2030, month: 1, day: 1))
        let builder = renderer.builder
        let manual = try #require(set.document(number: FixtureSet.manualNumber))
        let procedure = try #require(set.document(number: FixtureSet.procedureNumber))

        let site = builder.documentPage(procedure, placement: .site(depth: 2))
        var standalone = builder.documentPage(manual, placement: .standalone(css: "body{}"),
                                              copy: CopyRegistration(copy: "01", holder: "总经理", location: SourceLocation(path: "x")))
        standalone.notice = NoticeView(kind: "draft", lines: ["草稿"])
        standalone.standards = "ISO/IEC 20000-1:2018；ISO/IEC 27001:2022 (GB/T 22080-2025)"
        standalone.briefing = BriefingView(label: "宣贯确认", text: "2/3（66%）", statusClass: "briefing-ok")
        standalone.provenance = BriefingView(label: "源文件提交", text: "3f2a9c81d0e4（方婷）", statusClass: "provenance")
        var coverage = try #require(builder.coveragePage(placement: .site(depth: 0)))
        coverage.parts[0].rows[0].justification = "不适用的理由"
        coverage.parts[0].rows[1].sections.append(LinkView(text: "4.1", linkHref: nil, tooltip: "x", separator: ", "))
        let links = [LinkView(text: "QP-01", linkHref: "QP-01/A-0/index.html", tooltip: "x", separator: nil),
                     LinkView(text: "QP-02", linkHref: nil, tooltip: "y", separator: ", ")]
        coverage.parts[0].rows[1].procedures = links
        coverage.parts[0].showHeading = true
        coverage.parts[0].soa = SoATableView(rows: [SoARowView(control: "A.5.1", title: "信息安全策略", applicable: "是", justification: "理由",
                                                               implementedBy: links, implementation: "已实施", rowClass: "soa-applicable")])
        coverage.cross = CrossTableView(rows: [CrossRowView(section: LinkView(text: "M-01 7.5 文件化信息", linkHref: "M-01/index.html#sec-7.5",
                                                                              tooltip: "《手册》", separator: nil), clauses: "itsm:7.5 · isms:7.5")])
        var index = builder.indexPage()
        index.rows[0].standards = "itsm · isms"
        index.withdrawnHref = "withdrawn.html"
        index.rows[0].briefing = "宣贯确认 2/3（66%）"
        // Documents that are not published are no longer listed; the note slot stays for custom templates.
        index.rows[0].note = "不在内网发布"
        #expect(index.rows.contains { $0.overdue != nil })
        // A draft build's notice (build --draft), with its list of problems.
        index.chrome.draft = DraftNoticeView(title: "草稿 DRAFT", summary: "草稿构建", problems: ["a.md:1:1: error[x]: y"], hasProblems: true)
        // The audit pack's index, with a left-out document, a justification, a record and a register.
        var pack = builder.auditPackPage(reports: builder.coverage?.parts ?? [], omitted: [(number: "QP-09", reason: "尚未发布")])
        pack.clauseTables[0].rows[0].justification = "不适用的理由"
        pack.clauseTables[0].rows[0].records = links
        pack.clauseTables[0].rows[0].procedures = links
        pack.clauseTables[0].soa = LinkView(text: "适用性声明", linkHref: "site/coverage.html#soa-isms", tooltip: "x", separator: nil)
        pack.registers = [LinkView(text: "文件发放回收登记表", linkHref: "site/distribution.html", tooltip: "x", separator: nil)]
        pack.hasRegisters = true
        pack.documents[0].standards = "itsm · isms"
        pack.documents[0].briefing = "宣贯确认 2/3（66%）"
        return [("document", site), ("document", standalone), ("index", index), ("coverage", coverage), ("audit-pack", pack),
                ("coverage", try #require(builder.coveragePage(placement: .standalone(css: "body{}")))),
                ("redirect", builder.redirectPage(procedure)),
                ("register", try #require(try RenderingFixtures.renderer(RenderingFixtures.load(RenderingFixtures.withRegister()))
                    .builder.registerPage("distribution.html"))),
                ("redline", builder.redlinePage(
                    number: "QP-01", title: "程序", organization: "公司", from: "A/0", to: "A/1", summary: "2（修改）",
                    history: [HistoryRowView(serial: "1", revision: "A/1", sections: "2", change: "改", date: "2030-01-01", author: "甲",
                                             approver: "乙")],
                    sections: [RedlineSectionView(kind: "changed", tag: "修改", numbered: true, number: "2", retitled: true, oldTitle: "旧",
                                                  title: "新", text: HTMLSerializer.safe([.text("x")]))], css: "body{}"))]
    }

    /// The written-out name lookups (ViewModels+Lookup.swift) answer every stored property of every
    /// view model, nested ones included, with the property's value — what reflection found before.
    @Test func viewModelsAnswerEveryPropertyByName() throws {
        var checked = Set<String>()
        func verify(_ value: Any, path: String) {
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                if let wrapped = mirror.children.first?.value { verify(wrapped, path: path) }
                return
            }
            if let array = value as? [Any] {
                for (index, element) in array.enumerated() { verify(element, path: "\(path)[\(index)]") }
                return
            }
            guard mirror.displayStyle == .struct, !(value is String), !(value is SafeHTML) else { return }
            if let labels = value as? Labels {
                let dictionary = LabelsLookup.shared.dictionary(labels)
                for child in mirror.children {
                    #expect(dictionary[child.label!] as? String == child.value as? String, "\(path).\(child.label!)")
                }
                return
            }
            guard let parent = value as? MustacheParent else {
                Issue.record("\(path): \(type(of: value)) does not answer names (add it to ViewModels+Lookup.swift)")
                return
            }
            checked.insert(String(describing: type(of: value)))
            #expect(parent.child(named: "noSuchName") == nil, "\(path)")
            for child in mirror.children {
                let name = child.label!
                let answer = parent.child(named: name)
                let inner = Mirror(reflecting: child.value)
                if inner.displayStyle == .optional && inner.children.isEmpty {
                    #expect(answer == nil, "\(path).\(name) is nil but answered")
                } else if let answer {
                    if !(child.value is Labels) {
                        #expect(String(describing: answer) == String(describing: inner.displayStyle == .optional ? inner.children.first!.value : child.value),
                                "\(path).\(name) answers another value")
                    }
                } else {
                    Issue.record("\(path).\(name) is not answered")
                }
                verify(child.value, path: "\(path).\(name)")
            }
        }
        for (template, view) in try Self.fullModels() { verify(view, path: template) }
        #expect(checked.count >= 15, "view model types reached: \(checked.sorted())")
    }

    /// A broken template is reported at its own line and column (the escaping pragma docctl puts in
    /// front of every template does not shift them).
    @Test func templateErrorsPointAtTheTemplatesOwnLine() throws {
        try TemporaryFolder.with { folder in
            for name in TemplateSet.required {
                try #require(BuiltInResources.data("templates/\(name).mustache"))
                    .write(to: folder.url.appendingPathComponent("\(name).mustache"))
            }
            try Data("<p>one</p>\n<p>two</p>\n<p>{{#open}}x{{/other}}</p>\n".utf8)
                .write(to: folder.url.appendingPathComponent("broken.mustache"))
            do {
                _ = try TemplateSet(folder: folder.url)
                Issue.record("a broken template was accepted")
            } catch {
                #expect("\(error)".contains("broken.mustache:3:"), "\(error)")
            }
        }
    }

    /// The per-rendering cache answers what the view model answers, nested models included, and
    /// nil for names it does not have (so Mustache looks further up the stack).
    @Test func templateNodesAnswerLikeTheirViewModels() throws {
        for (_, view) in try Self.fullModels() {
            let model = try #require(view as? any MustacheParent)
            let node = try #require(TemplateNode.wrap(view) as? TemplateNode)
            for name in ["chrome", "number", "title", "rows", "watermark", "noSuchName"] {
                let direct = model.child(named: name)
                for _ in 0..<2 {  // the second answer comes from the cache
                    let cached = node.child(named: name)
                    #expect((direct == nil) == (cached == nil), "\(name)")
                    if let direct, !(direct is PageChrome) {
                        #expect(String(describing: direct) == String(describing: cached!), "\(name)")
                    }
                }
            }
            let chrome = try #require(node.child(named: "chrome") as? TemplateNode)
            #expect(chrome === node.child(named: "chrome") as? TemplateNode, "a nested model is wrapped once")
            let labels = try #require(chrome.child(named: "labels") as? [String: Any])
            #expect(labels["serial"] as? String == (model.child(named: "chrome") as? PageChrome)?.labels.serial)
        }
    }

    @Test func everyTemplateFillsEverySlotOfAFullModel() throws {
        var checker = try TemplateSlotChecker(folder: RenderingFixtures.templatesFolder)
        for (template, view) in try Self.fullModels() { checker.check(template, view: view) }
        #expect(checker.problems.isEmpty, "\(checker.problems.joined(separator: "\n"))")
        let unreached = checker.allVariables.subtracting(checker.visited)
        #expect(unreached.isEmpty, "variables no full model reaches: \(unreached.sorted())")
    }

    @Test func theCheckerCatchesAnEmptySlot() throws {
        var checker = try TemplateSlotChecker(folder: RenderingFixtures.templatesFolder)
        var models = try Self.fullModels()
        var view = try #require(models[0].view as? DocumentPageView)
        view.company = ""
        models[0].view = view
        checker.check("document", view: models[0].view)
        #expect(checker.problems.contains { $0.contains("{{company}}") || $0.contains(":company") })
    }

    @Test func tripleMustachesAreOnlyUsedForSafeHTML() throws {
        // Text from sources is never inserted unescaped: every {{{…}}} slot holds SafeHTML
        // (the slot checker fails otherwise); here we also pin the list of such slots.
        let folder = RenderingFixtures.templatesFolder
        var triples: Set<String> = []
        for relative in FileManager.default.enumerator(atPath: folder.path)!.compactMap({ $0 as? String }) where relative.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
            var rest = Substring(text)
            while let open = rest.range(of: "{{{") {
                let close = try #require(rest[open.upperBound...].range(of: "}}}"))
                triples.insert(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
                rest = rest[close.upperBound...]
            }
            #expect(!text.contains("{{&"), "\(relative) uses {{& … }}")
        }
        #expect(triples == [".", "chrome.printStyle", "body", "content", "text"])
    }

    @Test func labelsExistInBothLanguages() {
        for labels in [Labels.zhCN, Labels.en] {
            for child in Mirror(reflecting: labels).children {
                #expect(!((child.value as? String) ?? "").isEmpty, "\(labels.lang): \(child.label ?? "?") is empty")
            }
        }
    }

    @Test func englishSetsGetEnglishLabels() throws {
        var fixture = FixtureSet.valid()
        fixture.replace("language: zh-CN", with: "language: en", in: "docset.yaml")
        let set = try RenderingFixtures.load(fixture)
        let html = try RenderingFixtures.renderer(set).documentPage(try #require(set.document(number: "QP-01")))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains(">Document No.</th>"))
        #expect(html.contains("\"Page \" counter(page) \" of \" counter(pages)"))
        #expect(!html.contains(">文件编号</th>"))
    }
}
