import Mustache

// The names the templates read (`{{title}}`, `{{chrome.pageTitle}}`), answered without reflection:
// swift-mustache otherwise finds every name by `Mirror`, on every object of the context stack — two
// thirds of a build went there. Each view model lists its stored properties once, as key paths; the
// names come from the key paths themselves (``TemplateFieldTable``), so a name cannot drift from its
// property. `TemplateTests.viewModelsAnswerEveryPropertyByName` checks that every stored property of
// every view model is answered, with its value, and that a nil optional answers nil.

extension PageChrome.NavItem: TemplateFields {
    public static let templateFields = TemplateFieldTable<PageChrome.NavItem>(\.label, \.href, \.isCurrent)
}

extension PageChrome: TemplateFields {
    public static let templateFields = TemplateFieldTable<PageChrome>(
        \.lang, \.pageTitle, \.siteTitle, \.organization, \.root, \.stylesheet, \.inlineStyle, \.script,
        \.searchIndexScript, \.searchAction, \.printStyle, \.printNotice, \.builtOn, \.livePrintNotice,
        \.statusStylesheet, \.bodyClass, \.isSite, \.nav, \.draft
    )

    /// The labels as a dictionary made once per language (``LabelsLookup``); the rest from the table.
    public func child(named name: String) -> Any? {
        name == "labels" ? LabelsLookup.shared.dictionary(labels) : Self.templateFields.value(of: self, named: name)
    }
}

extension DraftNoticeView: TemplateFields {
    public static let templateFields = TemplateFieldTable<DraftNoticeView>(\.title, \.summary, \.problems, \.hasProblems)
}

extension ApprovalView: TemplateFields {
    public static let templateFields = TemplateFieldTable<ApprovalView>(\.role, \.name, \.date)
}

extension HistoryRowView: TemplateFields {
    public static let templateFields = TemplateFieldTable<HistoryRowView>(
        \.serial, \.revision, \.sections, \.change, \.date, \.author, \.approver
    )
}

extension TOCEntryView: TemplateFields {
    public static let templateFields = TemplateFieldTable<TOCEntryView>(
        \.numbered, \.number, \.title, \.href, \.hasChildren, \.children
    )
}

extension NoticeView: TemplateFields {
    public static let templateFields = TemplateFieldTable<NoticeView>(\.kind, \.lines)
}

extension DocumentPageView: TemplateFields {
    public static let templateFields = TemplateFieldTable<DocumentPageView>(
        \.chrome, \.number, \.title, \.typeName, \.revision, \.statusLabel, \.statusClass, \.classification,
        \.issued, \.effective, \.owner, \.company, \.approvals, \.history, \.toc, \.body, \.digest, \.watermark,
        \.notice, \.clauses, \.standards, \.copy, \.briefing, \.provenance
    )
}

extension BriefingView: TemplateFields {
    public static let templateFields = TemplateFieldTable<BriefingView>(\.label, \.text, \.statusClass)
}

extension CopyView: TemplateFields {
    public static let templateFields = TemplateFieldTable<CopyView>(\.number, \.holder)
}

extension MasterRowView: TemplateFields {
    public static let templateFields = TemplateFieldTable<MasterRowView>(
        \.number, \.title, \.pageHref, \.typeName, \.revision, \.statusLabel, \.statusClass, \.effective, \.owner,
        \.classification, \.nextReview, \.overdue, \.note, \.standards, \.briefing
    )
}

extension IndexPageView: TemplateFields {
    public static let templateFields = TemplateFieldTable<IndexPageView>(
        \.chrome, \.heading, \.summary, \.coverageHref, \.coverageText, \.withdrawnHref, \.withdrawnText, \.rows
    )
}

extension LinkView: TemplateFields {
    public static let templateFields = TemplateFieldTable<LinkView>(\.text, \.linkHref, \.tooltip, \.separator)
}

extension ChapterView: TemplateFields {
    public static let templateFields = TemplateFieldTable<ChapterView>(
        \.clause, \.title, \.covered, \.total, \.percent, \.statusClass
    )
}

extension CoverageRowView: TemplateFields {
    public static let templateFields = TemplateFieldTable<CoverageRowView>(
        \.clause, \.depth, \.title, \.statusLabel, \.statusClass, \.sections, \.procedures, \.lead, \.justification
    )
}

extension CoveragePageView: TemplateFields {
    public static let templateFields = TemplateFieldTable<CoveragePageView>(
        \.chrome, \.heading, \.standard, \.summary, \.percent, \.parts, \.cross
    )
}

extension CoveragePartView: TemplateFields {
    public static let templateFields = TemplateFieldTable<CoveragePartView>(
        \.key, \.standard, \.showHeading, \.level, \.summary, \.percent, \.chapters, \.rows, \.soa
    )
}

extension SoARowView: TemplateFields {
    public static let templateFields = TemplateFieldTable<SoARowView>(
        \.control, \.title, \.applicable, \.justification, \.implementedBy, \.implementation, \.rowClass
    )
}

extension CrossRowView: TemplateFields {
    public static let templateFields = TemplateFieldTable<CrossRowView>(\.section, \.clauses)
}

extension RedirectPageView: TemplateFields {
    public static let templateFields = TemplateFieldTable<RedirectPageView>(\.chrome, \.number, \.title, \.revision, \.target)
}

extension SoATableView: TemplateFields {
    public static let templateFields = TemplateFieldTable<SoATableView>(\.rows)
}

extension CrossTableView: TemplateFields {
    public static let templateFields = TemplateFieldTable<CrossTableView>(\.rows)
}

extension RegisterPageView: TemplateFields {
    public static let templateFields = TemplateFieldTable<RegisterPageView>(\.chrome, \.heading, \.summary, \.content)
}

extension RedlinePageView: TemplateFields {
    public static let templateFields = TemplateFieldTable<RedlinePageView>(
        \.chrome, \.heading, \.kind, \.summary, \.history, \.hasHistory, \.sections
    )
}

extension RedlineSectionView: TemplateFields {
    public static let templateFields = TemplateFieldTable<RedlineSectionView>(
        \.kind, \.tag, \.numbered, \.number, \.retitled, \.oldTitle, \.title, \.text
    )
}

extension AuditPackPageView: TemplateFields {
    public static let templateFields = TemplateFieldTable<AuditPackPageView>(
        \.chrome, \.heading, \.intro, \.asOf, \.standardsTitle, \.contents, \.contentsHeading, \.registersHeading,
        \.registers, \.hasRegisters, \.clauseTables, \.documentsHeading, \.documentsSummary, \.documents, \.omitted,
        \.checksumsHeading, \.checksumsNote
    )
}

extension AuditClauseTableView: TemplateFields {
    public static let templateFields = TemplateFieldTable<AuditClauseTableView>(
        \.key, \.heading, \.summary, \.sectionsLabel, \.recordsLabel, \.leadLabel, \.rows, \.soa
    )
}

extension AuditClauseRowView: TemplateFields {
    public static let templateFields = TemplateFieldTable<AuditClauseRowView>(
        \.clause, \.depth, \.title, \.statusLabel, \.statusClass, \.sections, \.procedures, \.records, \.lead,
        \.justification
    )
}

extension AuditOmittedView: TemplateFields {
    public static let templateFields = TemplateFieldTable<AuditOmittedView>(\.heading, \.rows)
}

extension AuditOmittedRowView: TemplateFields {
    public static let templateFields = TemplateFieldTable<AuditOmittedRowView>(\.number, \.reason)
}
