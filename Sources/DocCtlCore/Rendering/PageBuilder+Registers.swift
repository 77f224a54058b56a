import Mustache

/// The site pages of the document-control registers (文件发放回收登记表, 作废文件清单, …): a heading, a summary
/// line and the generated block of the same name.
public struct RegisterPageView: Sendable {
    public var chrome: PageChrome
    public var heading: String
    public var summary: String
    public var content: SafeHTML
}

extension PageBuilder {
    /// Site pages of the registers, by path, with their navigation label: only the registers the
    /// set keeps (a set without distribution.yaml files has no distribution page). Worked out once,
    /// in ``init(site:coverage:buildDate:today:)``: every page's navigation shows them.
    func findRegisterPages() -> [(path: String, label: String, block: String)] {
        var pages: [(path: String, label: String, block: String)] = []
        if set.documents.contains(where: { !$0.copyIssues.isEmpty }) {
            pages.append(("distribution.html", EvidenceLabels.for(config.language).distributionRegister, "distribution-register"))
        }
        if set.config.externalDocuments.contains(where: \.isRegistered) {
            pages.append(("external-documents.html", EvidenceLabels.for(config.language).externalDocumentList, "external-document-list"))
        }
        if !GeneratedBlocks.withdrawnDocuments(set, shownBy: context(.site(depth: 0))).isEmpty {
            pages.append(("withdrawn.html", labels.withdrawnList, "withdrawn-document-list"))
        }
        if !set.recordBatches.isEmpty {
            pages.append(("record-disposition.html", EvidenceLabels.for(config.language).recordDisposition, "record-disposition"))
        }
        if set.documents.contains(where: { $0.briefingStatus(policy: set.config.briefing) != nil }) {
            pages.append(("briefing.html", EvidenceLabels.for(config.language).briefingRecord, "briefing-record"))
        }
        return pages
    }

    /// The navigation links to the register pages from a page at `root`.
    func registerNav(root: String, current: String?) -> [PageChrome.NavItem] {
        registerPages.map { PageChrome.NavItem(label: $0.label, href: root + $0.path, isCurrent: current == $0.path) }
    }

    /// The view of the register page at `path` (one of ``registerPages``).
    func registerPage(_ path: String) -> RegisterPageView? {
        guard let page = registerPages.first(where: { $0.path == path }) else { return nil }
        let placement = Placement.site(depth: 0)
        let blocks = GeneratedBlocks(context: context(placement))
        return RegisterPageView(
            chrome: chrome(placement, pageTitle: "\(page.label) — \(siteTitle)", current: page.path, bodyClass: "page-register",
                           headerCenter: page.label, headerRight: "", footerRight: ""),
            heading: page.label, summary: registerSummary(page.block), content: HTMLSerializer.safe(blocks.render(page.block)))
    }

    func registerSummary(_ block: String) -> String {
        let words = EvidenceLabels.for(config.language)
        switch block {
        case "distribution-register":
            let issues = set.documents.flatMap(\.copyIssues)
            let toRecall = set.documents.reduce(0) { $0 + $1.copiesToRecall.count }
            let inUse = issues.filter(\.isOutstanding).count - toRecall
            return EvidenceLabels.fill(words.distributionSummary, issues.count, inUse, toRecall)
        case "external-document-list":
            return EvidenceLabels.fill(words.externalSummary, config.externalDocuments.count,
                          GeneratedBlocks.overdueExternalDocuments(set, today: today).count)
        case "withdrawn-document-list":
            let count = GeneratedBlocks.withdrawnDocuments(set, shownBy: context(.site(depth: 0))).count
            return labels.withdrawnSummary.replacingOccurrences(of: "{count}", with: String(count))
        case "record-disposition":
            let states = set.recordBatches.map { $0.state(retention: set.record(id: $0.record.value)?.retention, today: today) }
            return EvidenceLabels.fill(words.dispositionSummary, states.count, states.filter { $0 == .due }.count,
                                       states.filter { $0 == .disposed }.count)
        case "briefing-record":
            let statuses = set.documents.compactMap { $0.briefingStatus(policy: set.config.briefing) }
            return EvidenceLabels.fill(words.briefingSummary, statuses.count, statuses.filter(\.missing.isEmpty).count,
                                       statuses.filter { $0.isOverdue(on: today) }.count)
        default:
            return ""
        }
    }
}

extension RegisterPageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "chrome": self.chrome
        case "heading": self.heading
        case "summary": self.summary
        case "content": self.content
        default: nil
        }
    }
}
