import Mustache

/// The index page of an audit pack (`docctl audit-pack`): `index.html` at the root of the zip, with
/// the site of the set's released documents in `site/` beside it. It links only into the pack.
public struct AuditPackPageView: Sendable {
    public var chrome: PageChrome
    public var heading: String
    public var intro: String
    /// `资料截至 2026-11-29`.
    public var asOf: String
    /// The standards whose clauses the pack lists (`ISO/IEC 20000-1:2018 …`); not `standards`, which
    /// a master-list row without standards would take from here.
    public var standardsTitle: String
    /// What the pack holds, in the order of the page (anchors on this page, pages in `site/`).
    public var contents: [LinkView]
    public var contentsHeading: String
    public var registersHeading: String
    /// The register pages of the site (distribution, external documents, …).
    public var registers: [LinkView]
    public var hasRegisters: Bool
    public var clauseTables: [AuditClauseTableView]
    public var documentsHeading: String
    public var documentsSummary: String
    /// The master list's rows, linking to each document's current revision in `site/`.
    public var documents: [MasterRowView]
    /// Documents of the site that are not in the pack (not released), with why; nil when none.
    public var omitted: AuditOmittedView?
    public var checksumsHeading: String
    public var checksumsNote: String
}

/// The clause table of one standard: per clause, what covers and implements it.
public struct AuditClauseTableView: Sendable {
    /// The standard's key in the set (`itsm`), for the anchor `clauses-<key>`.
    public var key: String
    public var heading: String
    public var summary: String
    public var sectionsLabel: String
    public var recordsLabel: String
    public var leadLabel: String
    public var rows: [AuditClauseRowView]
    /// The Statement of Applicability of the standard on the site's coverage page; nil without one.
    public var soa: LinkView?
}

/// One clause of an audit pack's clause table.
public struct AuditClauseRowView: Sendable {
    public var clause: String
    public var depth: String
    public var title: String
    public var statusLabel: String
    public var statusClass: String
    public var sections: [LinkView]
    public var procedures: [LinkView]
    public var records: [LinkView]
    public var lead: String
    public var justification: String?
}

/// The documents left out of an audit pack.
public struct AuditOmittedView: Sendable {
    public var heading: String
    public var rows: [AuditOmittedRowView]
}

/// A document left out of an audit pack, and why (`QP-04: B/1 发布后已修改，修订尚未发布`).
public struct AuditOmittedRowView: Sendable {
    public var number: String
    public var reason: String
}

extension PageBuilder {
    /// The folder of the pack that holds the site.
    public static let auditPackSite = "site/"

    /// The view of an audit pack's index page. `reports` are the standards it lists (each part of
    /// the coverage report, or the one asked for); `omitted` are the documents not in the pack with why.
    public func auditPackPage(reports: [CoverageReport], omitted: [(number: String, reason: String)]) -> AuditPackPageView {
        let words = EvidenceLabels.for(config.language)
        let site = PageBuilder.auditPackSite
        var context = context(.site(depth: 0))
        context.links = .site(root: site)
        let tables = reports.map { auditClauseTable($0, context: context, words: words) }
        var documents = indexPage().rows
        for index in documents.indices { documents[index].pageHref = documents[index].pageHref.map(PageBuilder.inPackSite) }
        let registers = registerPages.map { LinkView(text: $0.label, linkHref: site + $0.path, tooltip: $0.label, separator: nil) }
        var contents = tables.map { LinkView(text: $0.heading, linkHref: "#clauses-\($0.key)", tooltip: $0.heading, separator: nil) }
        contents += tables.compactMap(\.soa)
        contents.append(LinkView(text: words.packDocuments, linkHref: "#documents", tooltip: words.packDocuments, separator: nil))
        contents.append(LinkView(text: labels.masterList, linkHref: site + "index.html", tooltip: labels.masterList, separator: nil))
        if coverage != nil {
            contents.append(LinkView(text: labels.coverage, linkHref: site + "coverage.html", tooltip: labels.coverage, separator: nil))
        }
        if !registers.isEmpty {
            contents.append(LinkView(text: words.registers, linkHref: "#registers", tooltip: words.registers, separator: nil))
        }
        contents.append(LinkView(text: words.checksums, linkHref: "SHA256SUMS", tooltip: words.checksumsNote, separator: nil))
        let asOf = "\(words.asOf) \(buildDate)"
        var chrome = chrome(.site(depth: 0), pageTitle: "\(words.auditPack) — \(siteTitle)", current: nil, bodyClass: "page-audit-pack",
                            headerCenter: words.auditPack, headerRight: asOf, footerRight: "", printNotice: "\(words.auditPack) · \(asOf)")
        // The page sits beside the site: its stylesheet and navigation lead into `site/`; no script, no search.
        chrome.stylesheet = site + "assets/docctl.css"
        chrome.script = nil
        chrome.searchIndexScript = nil
        chrome.searchAction = nil
        chrome.nav = [PageChrome.NavItem(label: words.auditPack, href: "index.html", isCurrent: true),
                      PageChrome.NavItem(label: labels.masterList, href: site + "index.html", isCurrent: false),
                      PageChrome.NavItem(label: labels.coverage, href: site + "coverage.html", isCurrent: false)]
            + registerNav(root: site, current: nil)
        return AuditPackPageView(
            chrome: chrome, heading: words.auditPack, intro: words.auditPackIntro, asOf: asOf,
            standardsTitle: reports.map { "\($0.standard.fullDesignation) \(config.language == .en ? $0.standard.titleEN : $0.standard.titleZH)" }
                .joined(separator: "；"),
            contents: contents, contentsHeading: labels.contents, registersHeading: words.registers, registers: registers, hasRegisters: !registers.isEmpty,
            clauseTables: tables, documentsHeading: words.packDocuments,
            documentsSummary: EvidenceLabels.fill(words.packDocumentsSummary, documents.count), documents: documents,
            omitted: omitted.isEmpty ? nil : AuditOmittedView(heading: words.notInPack,
                                                              rows: omitted.map { AuditOmittedRowView(number: $0.number, reason: $0.reason) }),
            checksumsHeading: words.checksums, checksumsNote: words.checksumsNote)
    }

    /// A link of a site page at the site's root (`./QP-04/B-1/index.html`), from the pack's root.
    static func inPackSite(_ href: String) -> String {
        auditPackSite + (href.hasPrefix("./") ? String(href.dropFirst(2)) : href)
    }

    /// One standard's clause table: the coverage page's rows (sections, procedures, lead) with the
    /// records of the implementing procedures added.
    func auditClauseTable(_ report: CoverageReport, context: PageContext, words: EvidenceLabels) -> AuditClauseTableView {
        let part = coveragePart(report, showHeading: false, context: context)
        let entries = report.entries.filter(\.required)
        let rows = zip(part.rows, entries).map { row, entry in
            AuditClauseRowView(clause: row.clause, depth: row.depth, title: row.title, statusLabel: row.statusLabel,
                               statusClass: row.statusClass, sections: row.sections, procedures: row.procedures,
                               records: recordLinks(entry.procedures.filter(context.shows), context: context), lead: row.lead,
                               justification: row.justification)
        }
        let heading = "\(report.standard.fullDesignation) \(words.clauseEvidence)"
        let soa = part.soa.map { _ in
            LinkView(text: "\(labels.statementOfApplicability)（\(report.standard.designation)）",
                     linkHref: PageBuilder.auditPackSite + "coverage.html#soa-\(report.key)", tooltip: labels.statementOfApplicability,
                     separator: nil)
        }
        return AuditClauseTableView(
            key: report.key, heading: heading,
            summary: EvidenceLabels.fill(words.clauseEvidenceSummary, report.required.count, report.coveredCount)
                + " · \(CoverageFormatter.formatPercent(report.percent)) %",
            sectionsLabel: words.manualSections, recordsLabel: words.recordsColumn, leadLabel: words.leadDepartment, rows: rows, soa: soa)
    }

    /// The records the procedures keep (records.yaml's `procedure`, and each procedure's `records:`),
    /// by id, linked to their row of the records register when it is on the site.
    func recordLinks(_ procedures: [String], context: PageContext) -> [LinkView] {
        var ids: [String] = []
        for number in procedures {
            ids += set.records.filter { $0.procedure == number }.map(\.id)
            ids += set.document(number: number)?.records.map(\.value) ?? []
        }
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        return unique.enumerated().map { index, id in
            let record = set.record(id: id)
            let href = site.recordList.flatMap { context.documentURL($0.document, fragment: SiteMap.recordAnchor(id)) }
            return LinkView(text: id, linkHref: href, tooltip: record.map { "《\($0.title)》" } ?? id, separator: index > 0 ? ", " : nil)
        }
    }
}

extension AuditPackPageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "chrome": self.chrome
        case "heading": self.heading
        case "intro": self.intro
        case "asOf": self.asOf
        case "standardsTitle": self.standardsTitle
        case "contents": self.contents
        case "contentsHeading": self.contentsHeading
        case "registersHeading": self.registersHeading
        case "registers": self.registers
        case "hasRegisters": self.hasRegisters
        case "clauseTables": self.clauseTables
        case "documentsHeading": self.documentsHeading
        case "documentsSummary": self.documentsSummary
        case "documents": self.documents
        case "omitted": self.omitted
        case "checksumsHeading": self.checksumsHeading
        case "checksumsNote": self.checksumsNote
        default: nil
        }
    }
}

extension AuditClauseTableView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "key": self.key
        case "heading": self.heading
        case "summary": self.summary
        case "sectionsLabel": self.sectionsLabel
        case "recordsLabel": self.recordsLabel
        case "leadLabel": self.leadLabel
        case "rows": self.rows
        case "soa": self.soa
        default: nil
        }
    }
}

extension AuditClauseRowView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "clause": self.clause
        case "depth": self.depth
        case "title": self.title
        case "statusLabel": self.statusLabel
        case "statusClass": self.statusClass
        case "sections": self.sections
        case "procedures": self.procedures
        case "records": self.records
        case "lead": self.lead
        case "justification": self.justification
        default: nil
        }
    }
}

extension AuditOmittedView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "rows": self.rows
        default: nil
        }
    }
}

extension AuditOmittedRowView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "reason": self.reason
        default: nil
        }
    }
}
