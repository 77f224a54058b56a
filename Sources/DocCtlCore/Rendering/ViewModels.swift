import Mustache

// Typed view models, one per page kind. Templates stay dumb: every value here is final text
// (escaped by the template) or ``SafeHTML`` produced by docctl's own serialiser. Optional values
// are for `{{#…}}` sections only; text that may be missing is `—`, never empty.

extension SafeHTML: MustacheCustomRenderable {
    public var renderText: String { html }
    public var isNull: Bool { html.isEmpty }
}

/// What every page shares: language, titles, asset links, navigation, print header and footer.
public struct PageChrome: Sendable {
    /// A link of the top navigation bar.
    public struct NavItem: Sendable {
        public var label: String
        public var href: String
        /// Whether this is the page being shown (`aria-current`).
        public var isCurrent: Bool
    }

    public var lang: String
    public var labels: Labels
    public var pageTitle: String
    public var siteTitle: String
    public var organization: String
    /// The relative path to the site root: `./` or `../../`.
    public var root: String
    /// The stylesheet link; nil on a self-contained page.
    public var stylesheet: String?
    /// The whole stylesheet inlined; nil on site pages.
    public var inlineStyle: SafeHTML?
    /// Scripts; nil on a self-contained page.
    public var script: String?
    public var searchIndexScript: String?
    /// Where the search form goes (the master list page).
    public var searchAction: String?
    /// `<style>` with this page's `@page` margin boxes (header, footer, page numbers).
    public var printStyle: SafeHTML
    public var printNotice: String
    public var builtOn: String
    /// The print notice with `{date}` for the date of printing, filled in by the site's script
    /// (`data-print-notice`); nil on a self-contained page.
    public var livePrintNotice: String? = nil
    /// The per-revision status stylesheet (`assets/status/<number>/<L-N>.css`) of a revision page,
    /// which a later publish rewrites when the revision is superseded or withdrawn.
    public var statusStylesheet: String? = nil
    public var bodyClass: String
    /// The notice of a `build --draft` at the top of the page; nil in a real build.
    public var draft: DraftNoticeView? = nil
    /// Whether the page is part of the site (navigation bar, search) or self-contained.
    public var isSite: Bool
    public var nav: [NavItem]?
}

/// One row of an approval block (编制 / 审核 / 批准).
public struct ApprovalView: Sendable {
    public var role: String
    public var name: String
    public var date: String
}

/// One row of a revision history table (文档修改记录).
public struct HistoryRowView: Sendable {
    public var serial: String
    public var revision: String
    public var sections: String
    public var change: String
    public var date: String
    public var author: String
    public var approver: String
}

/// One entry of a table of contents, with its subsections.
///
/// No optionals here: a nil value makes Mustache look the name up in the enclosing entry, which
/// would show the parent's number, or render the parent's subsections again without end.
public struct TOCEntryView: Sendable {
    public var numbered: Bool
    public var number: String
    public var title: String
    public var href: String
    public var hasChildren: Bool
    public var children: [TOCEntryView]
}

/// A notice box: one or more lines.
public struct NoticeView: Sendable {
    /// `draft` (red) or `uncontrolled` (amber), for the banner's class.
    public var kind = "draft"
    public var lines: [String]
}

/// A document revision page (`<number>/<L-N>/index.html`).
public struct DocumentPageView: Sendable {
    public var chrome: PageChrome
    public var number: String
    public var title: String
    public var typeName: String
    public var revision: String
    public var statusLabel: String
    public var statusClass: String
    public var classification: String
    public var issued: String
    public var effective: String
    public var owner: String
    public var company: String
    public var approvals: [ApprovalView]
    public var history: [HistoryRowView]
    public var toc: [TOCEntryView]
    public var body: SafeHTML
    public var digest: String
    /// The watermark text on drafts (`草稿 DRAFT`); nil when controlled.
    public var watermark: String?
    /// Why this page is not a controlled document; nil when controlled.
    public var notice: NoticeView?
    /// The clauses a procedure implements; nil for manuals.
    public var clauses: String?
    /// A registered copy's number and holder (`docctl copy --copy-no`); nil otherwise.
    public var copy: CopyView?
    /// The standards the document serves, in a set with several; nil otherwise.
    public var standards: String? = nil
    /// The share of the distribution list that acknowledged the revision, with a briefing.
    public var briefing: BriefingView? = nil
    /// The git commit the revision's sources were released from (`源文件提交 3f2a9c81d0e4（方婷）`).
    public var provenance: BriefingView? = nil
}

/// A registered controlled copy (分发号).
/// The control block's briefing line (宣贯确认 3/4（75%）), its label with it.
public struct BriefingView: Sendable {
    public var label: String
    public var text: String
    public var statusClass: String
}

public struct CopyView: Sendable {
    public var number: String
    public var holder: String
}

/// One row of the master list (受控文件清单).
public struct MasterRowView: Sendable {
    public var number: String
    public var title: String
    /// Link to the document's page; nil when it does not reach the site.
    public var pageHref: String?
    public var typeName: String
    public var revision: String
    public var statusLabel: String
    public var statusClass: String
    public var effective: String
    public var owner: String
    public var classification: String
    public var nextReview: String
    public var overdue: String?
    /// The keys of the standards the document serves, in a set with several; nil otherwise.
    public var standards: String? = nil
    /// Why the row has no link.
    public var note: String?
    /// `宣贯确认 3/4（75%）`, for a document with a briefing.
    public var briefing: String? = nil
}

/// The master list page (`index.html`).
public struct IndexPageView: Sendable {
    public var chrome: PageChrome
    public var heading: String
    public var summary: String
    public var coverageHref: String
    public var coverageText: String
    /// The 作废文件清单 page, when a published document is withdrawn.
    public var withdrawnHref: String?
    public var withdrawnText: String
    public var rows: [MasterRowView]
}

/// A link or plain text inside a table cell.
public struct LinkView: Sendable {
    public var text: String
    public var linkHref: String?
    public var tooltip: String
    /// Whether a separator precedes this item.
    public var separator: String?
}

/// A chapter's coverage summary.
public struct ChapterView: Sendable {
    public var clause: String
    public var title: String
    public var covered: String
    public var total: String
    public var percent: String
    public var statusClass: String
}

/// One clause of the coverage page.
public struct CoverageRowView: Sendable {
    public var clause: String
    public var depth: String
    public var title: String
    public var statusLabel: String
    public var statusClass: String
    public var sections: [LinkView]
    public var procedures: [LinkView]
    public var lead: String
    public var justification: String?
}

/// One control of a Statement of Applicability on the coverage page.
public struct SoARowView: Sendable {
    public var control: String
    public var title: String
    public var applicable: String
    public var justification: String
    public var implementedBy: [LinkView]
    public var implementation: String
    public var rowClass: String
}

/// One standard's part of the coverage page.
public struct CoveragePartView: Sendable {
    /// The standard's key in the set (`itsm`), for anchors.
    public var key: String
    public var standard: String
    /// Whether the page has several parts (each then gets its own heading).
    public var showHeading: Bool
    /// The level of the part's table headings: 2 with one part, 3 under a part's own heading.
    public var level: String
    public var summary: String
    public var percent: String
    public var chapters: [ChapterView]
    public var rows: [CoverageRowView]
    /// The Statement of Applicability, for a standard that keeps one; nil otherwise.
    public var soa: SoATableView?
}

/// The Statement of Applicability table of a coverage part.
public struct SoATableView: Sendable {
    public var rows: [SoARowView]
}

/// The cross-standard table of the coverage page.
public struct CrossTableView: Sendable {
    public var rows: [CrossRowView]
}

/// One section that serves several standards (the cross-standard view).
public struct CrossRowView: Sendable {
    public var section: LinkView
    public var clauses: String
}

/// The coverage page (`coverage.html`).
public struct CoveragePageView: Sendable {
    public var chrome: PageChrome
    public var heading: String
    public var standard: String
    public var summary: String
    public var percent: String
    public var parts: [CoveragePartView]
    /// The sections that serve several standards; nil with one standard.
    public var cross: CrossTableView?
}

/// The page at `<number>/index.html` that points to the current revision.
public struct RedirectPageView: Sendable {
    public var chrome: PageChrome
    public var number: String
    public var title: String
    public var revision: String
    public var target: String
}
