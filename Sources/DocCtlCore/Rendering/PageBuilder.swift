import Foundation

/// Builds the view model of each page kind from a ``SiteMap`` and a ``CoverageReport``.
public struct PageBuilder: Sendable {
    public var site: SiteMap
    public var coverage: CoverageReport?
    public var labels: Labels
    /// The date printed as "built on" and as the print date (SOURCE_DATE_EPOCH, or the latest history date).
    public var buildDate: Day
    /// The date next reviews are compared with.
    public var today: Day
    /// Set for `build --draft`: every page says so and lists its problems.
    public var draft: DraftBuild?
    /// Set when the site is rendered into an audit pack (`site/` of the zip): the navigation bar of
    /// every page leads back to the pack's index page first.
    public var inAuditPack = false

    /// A builder for the pages of `site`; labels follow the set's language.
    public init(site: SiteMap, coverage: CoverageReport?, buildDate: Day, today: Day) {
        self.site = site
        self.coverage = coverage
        self.labels = Labels.for(site.set.config.language)
        self.buildDate = buildDate
        self.today = today
        registerPages = findRegisterPages()
    }

    /// See ``findRegisterPages()``.
    var registerPages: [(path: String, label: String, block: String)] = []

    var set: DocumentSet { get { site.set } }
    var config: DocSetConfig { site.set.config }
    static let missing = "—"

    /// Where the page sits and how its assets are reached.
    public enum Placement: Sendable {
        /// A page of the site, `depth` folders below the root.
        case site(depth: Int)
        /// One self-contained file with the stylesheet inlined and no links to other pages.
        case standalone(css: String)
    }

    static func root(_ placement: Placement) -> String {
        switch placement {
        case .site(let depth): depth == 0 ? "./" : String(repeating: "../", count: depth)
        case .standalone: "./"
        }
    }

    func context(_ placement: Placement, document: Document? = nil) -> PageContext {
        let links: PageContext.LinkMode
        switch placement {
        case .site: links = .site(root: PageBuilder.root(placement))
        case .standalone: links = .standalone
        }
        var context = PageContext(site: site, coverage: coverage, labels: labels, links: links, document: document)
        context.today = today
        return context
    }

    var siteTitle: String {
        if let title = config.siteTitle, !title.isEmpty { return title }
        let organisation = config.organizationShort.isEmpty ? config.organizationName : config.organizationShort
        return organisation.isEmpty ? labels.documentation : "\(organisation) \(labels.documentation)"
    }

    var organization: String { config.organizationName.isEmpty ? config.organizationShort : config.organizationName }

    /// The chrome of a page: `header` and `footer` texts go into the print margin boxes.
    func chrome(_ placement: Placement, pageTitle: String, current: String?, bodyClass: String,
                headerCenter: String, headerRight: String, footerRight: String, printNotice: String? = nil,
                document: Document? = nil) -> PageChrome {
        var chrome = PageBuilder.chrome(placement, labels: labels, siteTitle: siteTitle, organization: organization, buildDate: buildDate,
                                        pageTitle: pageTitle, current: current, bodyClass: bodyClass, headerCenter: headerCenter,
                                        headerRight: headerRight, footerRight: footerRight, printNotice: printNotice)
        chrome.nav? += registerNav(root: PageBuilder.root(placement), current: current)
        if inAuditPack {
            chrome.nav?.insert(PageChrome.NavItem(label: EvidenceLabels.for(config.language).auditPack,
                                                  href: PageBuilder.root(placement) + "../index.html", isCurrent: false), at: 0)
        }
        if let draft {
            chrome.draft = draft.notice(labels, document: document)
            chrome.bodyClass += " draft-build"
        }
        return chrome
    }

    static func chrome(_ placement: Placement, labels: Labels, siteTitle: String, organization: String, buildDate: Day,
                       pageTitle: String, current: String?, bodyClass: String,
                       headerCenter: String, headerRight: String, footerRight: String,
                       printNotice: String? = nil) -> PageChrome {
        let root = root(placement)
        // Every printed page says it is uncontrolled, except a registered controlled copy.
        // On the site the script puts in the date of printing (`livePrintNotice`); without script the
        // page shows the build date, labelled as such. A self-contained copy is made to be printed now.
        var livePrintNotice: String? = nil
        let defaultNotice: String
        switch placement {
        case .site:
            livePrintNotice = "\(labels.uncontrolledWhenPrinted) · \(labels.printDate) {date}"
            defaultNotice = "\(labels.uncontrolledWhenPrinted) · \(labels.builtOn) \(buildDate)"
        case .standalone:
            defaultNotice = "\(labels.uncontrolledWhenPrinted) · \(labels.printDate) \(buildDate)"
        }
        if printNotice != nil { livePrintNotice = nil }
        let printNotice = printNotice ?? defaultNotice
        let style = PrintStyle(left: organization, center: headerCenter, right: headerRight, footerLeft: printNotice,
                               footerRight: footerRight, pageOf: labels.pageOf)
        var chrome = PageChrome(
            lang: labels.lang, labels: labels, pageTitle: pageTitle, siteTitle: siteTitle,
            organization: organization.isEmpty ? PageBuilder.missing : organization, root: root, stylesheet: nil,
            inlineStyle: nil, script: nil, searchIndexScript: nil, searchAction: nil, printStyle: style.html,
            printNotice: printNotice, builtOn: "\(labels.builtOn) \(buildDate)", bodyClass: bodyClass, isSite: false, nav: nil)
        switch placement {
        case .site:
            chrome.isSite = true
            chrome.livePrintNotice = livePrintNotice
            chrome.stylesheet = root + "assets/docctl.css"
            chrome.script = root + "assets/docctl.js"
            chrome.searchIndexScript = root + "assets/search-index.js"
            chrome.searchAction = root + "index.html"
            chrome.nav = [
                PageChrome.NavItem(label: labels.masterList, href: root + "index.html", isCurrent: current == "index"),
                PageChrome.NavItem(label: labels.coverage, href: root + "coverage.html", isCurrent: current == "coverage"),
            ]
        case .standalone(let css):
            chrome.inlineStyle = SafeHTML.stylesheet(css)
        }
        return chrome
    }

    func text(_ value: String?) -> String {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return PageBuilder.missing }
        return value
    }

    func departmentName(_ key: String?) -> String {
        guard let key else { return PageBuilder.missing }
        return set.department(key)?.name ?? key
    }

    // MARK: Document page

    /// The view of a document at its current state.
    public func documentPage(_ document: Document, placement: Placement, copy: CopyRegistration? = nil) -> DocumentPageView {
        documentPage(document, placement: placement, copy: copy, rendered: nil)
    }

    /// The view of a document whose blocks were rendered already in this placement's context.
    func documentPage(_ document: Document, placement: Placement, copy: CopyRegistration?, rendered: RenderedBlocks?) -> DocumentPageView {
        let status = site.status(document.number) ?? ControlStatus.of(document, in: set)
        let context = context(placement, document: document)
        var renderer = MarkdownRenderer(context: context)
        renderer.rendered = rendered
        let body = HTMLSerializer.safe(renderer.body(of: document))
        var notices: [String] = []
        if status.reasons.contains(.changedAfterSealing) {
            notices.append(labels.draftNoticeChanged)
        } else if status.isDraft {
            notices.append(labels.draftNotice)
        }
        if status.reasons.contains(.approvalsIncomplete) || status.reasons.contains(.approvalsOutOfOrder)
            || status.reasons.contains(.approvalsStale) {
            notices.append(labels.draftNoticeApprovals)
        }
        if status.state == .uncontrolled { notices.append(labels.uncontrolledNotice) }
        let approvals = [(labels.prepared, document.prepared), (labels.reviewed, document.reviewed), (labels.approved, document.approved)]
            .map { ApprovalView(role: $0.0, name: text($0.1?.name), date: text($0.1?.date?.description)) }
        let history = document.history.enumerated().map { index, entry in
            HistoryRowView(serial: String(index + 1), revision: text(entry.revisionText), sections: text(entry.sections),
                           change: text(entry.change), date: text(entry.date?.description), author: text(entry.author),
                           approver: text(entry.approver))
        }
        var revision = status.revisionText
        if let follows = status.follows { revision += " (\(labels.draft), ← \(follows))" }
        let stateLabel = labels.stateName(status.state)
        let statusLabel = status.state == .uncontrolled && status.isDraft ? "\(stateLabel)（\(labels.draft)）" : stateLabel
        let watermark = status.isDraft ? labels.draftMark : nil
        var chrome = chrome(placement, pageTitle: "\(document.number) \(document.title)", current: nil,
                            bodyClass: "page-document" + (status.isDraft ? " draft" : ""),
                            headerCenter: document.title, headerRight: "\(document.number)  \(status.revisionText)",
                            footerRight: text(document.classification?.value),
                            printNotice: copy.map { "\(labels.controlledCopy) · \(labels.copyNumber) \($0.copy) · \($0.holder)" },
                            document: document)
        if case .site = placement, let folder = site.documentFolders[document.number], let revision = site.revisionFolders[document.number] {
            chrome.statusStylesheet = chrome.root + RevisionStatusStyle.path(folder: folder, revision: revision)
        }
        return DocumentPageView(
            chrome: chrome, number: document.number, title: document.title, typeName: labels.typeName(document.type),
            revision: text(revision), statusLabel: statusLabel, statusClass: "status-\(status.state.rawValue)",
            classification: text(document.classification?.value), issued: text(document.issued?.value.description),
            effective: text(document.effective?.value.description), owner: departmentName(document.owner?.value),
            company: organization.isEmpty ? PageBuilder.missing : organization, approvals: approvals, history: history,
            toc: document.sections.map { toc($0) }, body: body, digest: status.digest,
            watermark: watermark,
            notice: notices.isEmpty ? nil : NoticeView(kind: status.isDraft ? "draft" : "uncontrolled", lines: notices),
            clauses: document.clauses.isEmpty ? nil : document.clauses.map { set.standard?.canonical($0.value) ?? $0.value }.joined(separator: ", "),
            copy: copy.map { CopyView(number: $0.copy, holder: $0.holder) },
            standards: standardsServed(document).map { $0.map(\.tree.fullDesignation).joined(separator: "；") },
            briefing: briefingView(document),
            provenance: status.isDraft ? nil : document.current.flatMap { entry in
                entry.commit.map { commit in
                    BriefingView(label: EvidenceLabels.for(config.language).sourceCommit,
                                 text: String(commit.prefix(12)) + (entry.gitAuthor.map(labels.parenthesised) ?? ""),
                                 statusClass: "provenance")
                }
            })
    }

    /// The briefing line of a document's control block: the current revision's acknowledgements
    /// (not on a controlled copy: the copy is what is handed out, not the register).
    func briefingView(_ document: Document) -> BriefingView? {
        guard let status = document.briefingStatus(policy: set.config.briefing) else { return nil }
        let words = EvidenceLabels.for(config.language)
        let overdue = status.isOverdue(on: today)
        var text = words.share(status)
        if !status.missing.isEmpty { text += " · \(words.notAcknowledged)：\(status.missing.joined(separator: "、"))" + (overdue ? words.overdueMark : "") }
        return BriefingView(label: words.briefingShare, text: text, statusClass: overdue ? "briefing-overdue" : "briefing-ok")
    }

    func toc(_ section: Section) -> TOCEntryView {
        let children = section.children.filter { $0.level <= 3 }.map { toc($0) }
        return TOCEntryView(numbered: section.number != nil, number: section.number ?? "",
                            title: section.title.isEmpty ? PageBuilder.missing : section.title,
                            href: "#" + section.anchor, hasChildren: !children.isEmpty, children: children)
    }

    // MARK: Master list

    /// The view of the master list (受控文件清单).
    public func indexPage() -> IndexPageView {
        let placement = Placement.site(depth: 0)
        let context = context(placement)
        let typeOrder: [DocumentType] = [.manual, .policy, .procedure, .instruction, .plan]
        // Only published documents are listed: one that is not published leaves no text on the site.
        // A withdrawn document leaves the current part for the 作废文件清单 (withdrawn.html).
        let documents = set.documents.filter { site.published.contains($0.number) && !$0.withdrawn }.sorted {
            (typeOrder.firstIndex(of: $0.type) ?? 9, $0.number) < (typeOrder.firstIndex(of: $1.type) ?? 9, $1.number)
        }
        let rows = documents.map { document -> MasterRowView in
            let status = site.status(document.number) ?? ControlStatus.of(document, in: set)
            let due = nextReview(document)
            let published = site.published.contains(document.number)
            // A document held at its last published revision is listed as that revision says.
            let held = site.held[document.number]
            return MasterRowView(
                number: document.number, title: held?.title ?? document.title, pageHref: context.documentURL(document.number),
                typeName: labels.typeName(document.type), revision: text(status.revisionText),
                statusLabel: labels.stateName(status.state), statusClass: "status-\(status.state.rawValue)",
                effective: text(held.map { $0.effective } ?? document.effective?.value.description), owner: departmentName(document.owner?.value),
                classification: text(held.map { $0.classification } ?? document.classification?.value), nextReview: text(due?.description),
                overdue: due.map { $0 < today } == true ? labels.overdue : nil,
                standards: standardsServed(document).map { $0.map(\.key).joined(separator: " · ") },
                note: published ? nil : labels.notPublished,
                briefing: document.briefingStatus(policy: set.config.briefing).map {
                    "\(EvidenceLabels.for(config.language).briefingShare) \(EvidenceLabels.for(config.language).share($0))"
                })
        }
        let percent = coverage.map { CoverageFormatter.formatPercent($0.percent) + " %" } ?? PageBuilder.missing
        return IndexPageView(
            chrome: chrome(placement, pageTitle: siteTitle, current: "index", bodyClass: "page-index",
                           headerCenter: labels.masterList, headerRight: "", footerRight: ""),
            heading: labels.masterList,
            summary: labels.documentCount.replacingOccurrences(of: "{count}", with: String(rows.count)),
            coverageHref: "coverage.html", coverageText: "\(labels.coverageSummary) \(percent)",
            withdrawnHref: registerPages.contains { $0.path == "withdrawn.html" } ? "withdrawn.html" : nil,
            withdrawnText: labels.withdrawnList, rows: rows)
    }

    /// The standards a document serves (its sections' clauses, its `clauses:`, the controls it
    /// implements in the Statement of Applicability), in the set's order; nil with one standard or none.
    func standardsServed(_ document: Document) -> [ClauseTree.Part]? {
        guard let tree = set.standard, tree.isCombined else { return nil }
        var keys = Set<String>()
        for section in document.allSections { for clause in section.clauses { if let key = tree.part(of: clause)?.key { keys.insert(key) } } }
        for clause in document.clauses { if let key = tree.part(of: clause.value)?.key { keys.insert(key) } }
        for entry in set.applicability?.entries ?? [] where entry.applicable && entry.implementedBy.contains(where: { $0.value == document.number }) {
            if let key = tree.part(of: tree.canonical(entry.clause))?.key { keys.insert(key) }
        }
        let served = tree.parts.filter { keys.contains($0.key) }
        return served.isEmpty ? nil : served
    }

    /// Last review (or effective date, or last history date, whichever is latest) plus `review-every`.
    public func nextReview(_ document: Document) -> Day? {
        guard let months = document.reviewEveryMonths?.value else { return nil }
        let candidates = [document.lastReview?.value, document.effective?.value, document.history.last?.date].compactMap { $0 }
        return candidates.max()?.adding(months: months)
    }

    // MARK: Coverage

    /// The view of the coverage page; nil when the standard is unknown. One part per standard (with
    /// its Statement of Applicability when it keeps one) and, with several, the sections that serve more
    /// than one standard.
    public func coveragePage(placement: Placement) -> CoveragePageView? {
        guard let report = coverage else { return nil }
        let context = context(placement)
        let parts = report.parts
        let tree = report.standard
        let percent = CoverageFormatter.formatPercent(report.percent)
        let language = set.config.language
        let designation = parts.map(\.standard.fullDesignation).joined(separator: " + ")
        let standardTitle = parts.count > 1 ? designation : "\(report.standard.designation) \(language == .en ? report.standard.titleEN : report.standard.titleZH)"
        var crossRows: [CrossRowView] = []
        if parts.count > 1 {
            for document in set.documents where !document.withdrawn {
                for section in document.allSections {
                    let keys = Set(section.clauses.compactMap { tree.part(of: $0)?.key })
                    guard keys.count > 1 else { continue }
                    let title = [section.number, section.title].compactMap { $0 }.joined(separator: " ")
                    crossRows.append(CrossRowView(
                        section: LinkView(text: "\(document.number) \(title)", linkHref: context.documentURL(document.number, fragment: section.anchor),
                                          tooltip: "《\(document.title)》", separator: nil),
                        clauses: section.clauses.map(tree.display).joined(separator: " · ")))
                }
            }
        }
        return CoveragePageView(
            chrome: chrome(placement, pageTitle: "\(labels.coverage) — \(parts.map(\.standard.designation).joined(separator: " + "))", current: "coverage",
                           bodyClass: "page-coverage", headerCenter: labels.coverage, headerRight: report.standard.designation,
                           footerRight: ""),
            heading: labels.coverage, standard: standardTitle,
            summary: "\(labels.coverageSummary)：\(report.coveredCount) / \(report.required.count)", percent: "\(percent) %",
            parts: parts.map { coveragePart($0, showHeading: parts.count > 1, context: context) },
            cross: crossRows.isEmpty ? nil : CrossTableView(rows: crossRows))
    }

    func coveragePart(_ report: CoverageReport, showHeading: Bool, context: PageContext) -> CoveragePartView {
        let language = set.config.language
        let chapters = report.chapters.map { chapter in
            ChapterView(clause: chapter.clause.localID, title: text(chapter.clause.title(language)), covered: String(chapter.covered),
                        total: String(chapter.total),
                        percent: CoverageFormatter.formatPercent(chapter.total == 0 ? 100 : Double(chapter.covered) * 100 / Double(chapter.total)),
                        statusClass: chapter.covered == chapter.total ? "complete" : "incomplete")
        }
        func documentLinks(_ numbers: [String]) -> [LinkView] {
            numbers.filter(context.shows).enumerated().map { index, number in
                LinkView(text: number, linkHref: set.document(number: number) == nil ? nil : context.documentURL(number),
                         tooltip: set.document(number: number).map { "《\($0.title)》" } ?? number, separator: index > 0 ? ", " : nil)
            }
        }
        let rows = report.entries.filter(\.required).map { entry -> CoverageRowView in
            let shown = entry.sections.filter { context.shows($0.document) }
            var sections = shown.enumerated().map { index, section -> LinkView in
                let owner = set.document(number: section.document)
                let title = [section.number, section.title].compactMap { $0 }.joined(separator: " ")
                return LinkView(text: section.number ?? section.title,
                                linkHref: context.documentURL(section.document, fragment: section.anchor),
                                tooltip: "\(owner.map { "\($0.number) 《\($0.title)》 " } ?? "")\(title)",
                                separator: index > 0 ? ", " : nil)
            }
            if shown.count < entry.sections.count {
                sections.append(LinkView(text: labels.notPublished, linkHref: nil, tooltip: labels.notPublished, separator: shown.isEmpty ? nil : ", "))
            }
            return CoverageRowView(
                clause: entry.clause.localID, depth: String(entry.clause.depth), title: text(entry.clause.title(language)),
                statusLabel: labels.coverageName(entry.status), statusClass: "coverage-\(entry.status.rawValue)",
                sections: sections, procedures: documentLinks(entry.procedures), lead: departmentName(entry.lead),
                justification: entry.justification)
        }
        let soa: [SoARowView] = !report.standard.needsStatementOfApplicability ? [] : CoverageFormatter.statementOfApplicability(report).map { entry in
            let decision = entry.applicability
            let applicable = decision.map { $0.applicable } ?? (entry.status == .notApplicable ? false : nil)
            return SoARowView(
                control: entry.clause.localID, title: text(entry.clause.title(language)),
                applicable: applicable.map { $0 ? labels.yes : labels.no } ?? PageBuilder.missing,
                justification: decision?.justification ?? entry.justification ?? "",
                implementedBy: documentLinks(decision?.implementedBy.map(\.value) ?? entry.procedures),
                implementation: decision?.status.map { $0 == .implemented ? labels.implemented : labels.planned } ?? "",
                rowClass: applicable == false ? "soa-excluded" : "soa-applicable")
        }
        return CoveragePartView(
            key: report.key, standard: "\(report.standard.fullDesignation) \(language == .en ? report.standard.titleEN : report.standard.titleZH)",
            showHeading: showHeading, level: showHeading ? "3" : "2", summary: "\(labels.coverageSummary)：\(report.coveredCount) / \(report.required.count)",
            percent: "\(CoverageFormatter.formatPercent(report.percent)) %", chapters: chapters, rows: rows,
            soa: soa.isEmpty ? nil : SoATableView(rows: soa))
    }

    // MARK: Pointer page

    /// The view of `<number>/index.html`, which sends the reader to the current revision.
    public func redirectPage(_ document: Document) -> RedirectPageView {
        let status = site.status(document.number) ?? ControlStatus.of(document, in: set)
        let folder = site.revisionFolders[document.number] ?? "_"
        return RedirectPageView(
            chrome: chrome(.site(depth: 1), pageTitle: "\(document.number) \(document.title)", current: nil,
                           bodyClass: "page-redirect", headerCenter: document.title, headerRight: document.number, footerRight: "",
                           document: document),
            number: document.number, title: document.title, revision: text(status.revisionText), target: "\(folder)/index.html")
    }
}

/// The `@page` margin boxes of one page: running header, footer, "page X of Y".
///
/// Chromium (131 and later) prints CSS margin boxes, but cannot take their text from the page,
/// so each page carries its own small `<style>`; all source text goes through
/// ``HTMLEscaping/cssString(_:)``, which cannot end the string, the rule or the element.
struct PrintStyle {
    var left: String
    var center: String
    var right: String
    var footerLeft: String
    var footerRight: String
    /// `第 {page} 页 共 {pages} 页`.
    var pageOf: String

    var pageCounter: String {
        var parts: [String] = []
        var rest = Substring(pageOf)
        while !rest.isEmpty {
            if rest.hasPrefix("{pages}") {
                parts.append("counter(pages)")
                rest = rest.dropFirst(7)
            } else if rest.hasPrefix("{page}") {
                parts.append("counter(page)")
                rest = rest.dropFirst(6)
            } else {
                let next = rest.firstIndex(of: "{") ?? rest.endIndex
                let literal = next == rest.startIndex ? rest.prefix(1) : rest[..<next]
                parts.append(HTMLEscaping.cssString(String(literal)))
                rest = rest.dropFirst(literal.count)
            }
        }
        return parts.joined(separator: " ")
    }

    var css: String {
        func box(_ name: String, _ text: String) -> String {
            text.isEmpty ? "" : "@\(name){content:\(HTMLEscaping.cssString(text))}"
        }
        return "@page{" + box("top-left", left) + box("top-center", center) + box("top-right", right)
            + box("bottom-left", footerLeft) + "@bottom-center{content:\(pageCounter)}" + box("bottom-right", footerRight) + "}"
    }

    var html: SafeHTML { SafeHTML(trusted: "<style media=\"print\">" + css + "</style>") }
}

extension SafeHTML {
    /// A `<style>` element holding docctl's own stylesheet (never source text).
    static func stylesheet(_ css: String) -> SafeHTML {
        precondition(!css.lowercased().contains("</style"), "docctl's stylesheet must not close its <style> element")
        return SafeHTML(trusted: "<style>" + css + "</style>")
    }
}
