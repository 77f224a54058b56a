import Mustache

/// The redline page of `docctl diff` (修改对照): one self-contained page (stylesheet inlined) that
/// lists what changed between two revisions, with deletions and insertions marked in the text.
public struct RedlinePageView: Sendable {
    public var chrome: PageChrome
    /// The document's title.
    public var heading: String
    /// `QP-04 · 修改对照 B/1 → B/2`.
    public var kind: String
    /// Which sections changed, and how many did not.
    public var summary: String
    /// The history entries that lead from the older revision to the newer one.
    public var history: [HistoryRowView]
    public var hasHistory: Bool
    public var sections: [RedlineSectionView]
}

/// One added, removed or changed section of a redline.
public struct RedlineSectionView: Sendable {
    /// `added`, `removed` or `changed` (the CSS class `diff-<kind>`).
    public var kind: String
    /// 新增 / 删除 / 修改.
    public var tag: String
    /// Whether the section has a number (the text before the first heading has none).
    public var numbered: Bool
    public var number: String
    /// Whether the title changed; `oldTitle` is the older revision's title then.
    public var retitled: Bool
    public var oldTitle: String
    public var title: String
    /// The section's text with `<del>` and `<ins>` marks, escaped.
    public var text: SafeHTML
}

extension PageBuilder {
    /// The view of a redline of `number` between `from` and `to`.
    /// `css` is inlined: the page is one file, to be mailed or kept beside the change record.
    public func redlinePage(number: String, title: String, organization: String, from: String, to: String, summary: String,
                            history: [HistoryRowView], sections: [RedlineSectionView], css: String) -> RedlinePageView {
        let fromTo = "\(from) → \(to)"
        let page = "\(number) \(title) — \(fromTo)"
        var chrome = chrome(.standalone(css: css), pageTitle: page, current: nil, bodyClass: "page-diff",
                            headerCenter: title, headerRight: "\(number)  \(fromTo)", footerRight: "")
        if !organization.isEmpty { chrome.organization = organization }
        return RedlinePageView(chrome: chrome, heading: title, kind: "\(number) · \(labels.redline) \(fromTo)", summary: summary,
                               history: history, hasHistory: !history.isEmpty, sections: sections)
    }
}
