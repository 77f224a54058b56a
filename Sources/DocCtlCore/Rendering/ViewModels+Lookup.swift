import Mustache

// Name lookups for the templates, written out: swift-mustache otherwise finds every `{{name}}` by
// reflection (`Mirror`), on every object of the context stack — two thirds of a build went there.
// A nil optional answers nil, as reflection did, so Mustache goes on to the enclosing object.
// `TemplateLookupTests` checks that every stored property of every view model is answered here.

extension PageChrome.NavItem: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "href": self.href
        case "isCurrent": self.isCurrent
        default: nil
        }
    }
}

extension PageChrome: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "lang": self.lang
        case "labels": LabelsLookup.shared.dictionary(self.labels)
        case "pageTitle": self.pageTitle
        case "siteTitle": self.siteTitle
        case "organization": self.organization
        case "root": self.root
        case "stylesheet": self.stylesheet
        case "inlineStyle": self.inlineStyle
        case "script": self.script
        case "searchIndexScript": self.searchIndexScript
        case "searchAction": self.searchAction
        case "printStyle": self.printStyle
        case "printNotice": self.printNotice
        case "builtOn": self.builtOn
        case "livePrintNotice": self.livePrintNotice
        case "statusStylesheet": self.statusStylesheet
        case "bodyClass": self.bodyClass
        case "isSite": self.isSite
        case "nav": self.nav
        case "draft": self.draft
        default: nil
        }
    }
}

extension DraftNoticeView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "summary": self.summary
        case "problems": self.problems
        case "hasProblems": self.hasProblems
        default: nil
        }
    }
}

extension ApprovalView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "role": self.role
        case "name": self.name
        case "date": self.date
        default: nil
        }
    }
}

extension HistoryRowView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "serial": self.serial
        case "revision": self.revision
        case "sections": self.sections
        case "change": self.change
        case "date": self.date
        case "author": self.author
        case "approver": self.approver
        default: nil
        }
    }
}

extension TOCEntryView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "numbered": self.numbered
        case "number": self.number
        case "title": self.title
        case "href": self.href
        case "hasChildren": self.hasChildren
        case "children": self.children
        default: nil
        }
    }
}

extension NoticeView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "kind": self.kind
        case "lines": self.lines
        default: nil
        }
    }
}

extension DocumentPageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "chrome": self.chrome
        case "number": self.number
        case "title": self.title
        case "typeName": self.typeName
        case "revision": self.revision
        case "statusLabel": self.statusLabel
        case "statusClass": self.statusClass
        case "classification": self.classification
        case "issued": self.issued
        case "effective": self.effective
        case "owner": self.owner
        case "company": self.company
        case "approvals": self.approvals
        case "history": self.history
        case "toc": self.toc
        case "body": self.body
        case "digest": self.digest
        case "watermark": self.watermark
        case "notice": self.notice
        case "clauses": self.clauses
        case "standards": self.standards
        case "copy": self.copy
        case "briefing": self.briefing
        case "provenance": self.provenance
        default: nil
        }
    }
}

extension BriefingView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "text": self.text
        case "statusClass": self.statusClass
        default: nil
        }
    }
}

extension CopyView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "holder": self.holder
        default: nil
        }
    }
}

extension MasterRowView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "title": self.title
        case "pageHref": self.pageHref
        case "typeName": self.typeName
        case "revision": self.revision
        case "statusLabel": self.statusLabel
        case "statusClass": self.statusClass
        case "effective": self.effective
        case "owner": self.owner
        case "classification": self.classification
        case "nextReview": self.nextReview
        case "overdue": self.overdue
        case "note": self.note
        case "standards": self.standards
        case "briefing": self.briefing
        default: nil
        }
    }
}

extension IndexPageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "chrome": self.chrome
        case "heading": self.heading
        case "summary": self.summary
        case "coverageHref": self.coverageHref
        case "coverageText": self.coverageText
        case "withdrawnHref": self.withdrawnHref
        case "withdrawnText": self.withdrawnText
        case "rows": self.rows
        default: nil
        }
    }
}

extension LinkView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "text": self.text
        case "linkHref": self.linkHref
        case "tooltip": self.tooltip
        case "separator": self.separator
        default: nil
        }
    }
}

extension ChapterView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "clause": self.clause
        case "title": self.title
        case "covered": self.covered
        case "total": self.total
        case "percent": self.percent
        case "statusClass": self.statusClass
        default: nil
        }
    }
}

extension CoverageRowView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "clause": self.clause
        case "depth": self.depth
        case "title": self.title
        case "statusLabel": self.statusLabel
        case "statusClass": self.statusClass
        case "sections": self.sections
        case "procedures": self.procedures
        case "lead": self.lead
        case "justification": self.justification
        default: nil
        }
    }
}

extension CoveragePageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "chrome": self.chrome
        case "heading": self.heading
        case "standard": self.standard
        case "summary": self.summary
        case "percent": self.percent
        case "parts": self.parts
        case "cross": self.cross
        default: nil
        }
    }
}

extension CoveragePartView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "key": self.key
        case "standard": self.standard
        case "showHeading": self.showHeading
        case "level": self.level
        case "summary": self.summary
        case "percent": self.percent
        case "chapters": self.chapters
        case "rows": self.rows
        case "soa": self.soa
        default: nil
        }
    }
}

extension SoARowView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "control": self.control
        case "title": self.title
        case "applicable": self.applicable
        case "justification": self.justification
        case "implementedBy": self.implementedBy
        case "implementation": self.implementation
        case "rowClass": self.rowClass
        default: nil
        }
    }
}

extension CrossRowView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "section": self.section
        case "clauses": self.clauses
        default: nil
        }
    }
}

extension RedirectPageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "chrome": self.chrome
        case "number": self.number
        case "title": self.title
        case "revision": self.revision
        case "target": self.target
        default: nil
        }
    }
}

extension SoATableView: MustacheParent {
    public func child(named name: String) -> Any? { name == "rows" ? self.rows : nil }
}

extension CrossTableView: MustacheParent {
    public func child(named name: String) -> Any? { name == "rows" ? self.rows : nil }
}
