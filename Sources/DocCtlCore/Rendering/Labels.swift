/// Every fixed word on a rendered page, in the set's `language` (zh-CN or en).
///
/// Stored properties only, so templates reach them as `{{labels.documentNumber}}`.
public struct Labels: Sendable, Hashable {
    public var lang: String
    public var masterList: String
    public var coverage: String
    public var search: String
    public var searchPlaceholder: String
    public var searchNoResults: String
    public var searchFound: String
    /// The search status when more results were found than are listed ({shown} of {count}).
    public var searchShowing: String
    public var documentNumber: String
    public var title: String
    public var type: String
    public var revision: String
    public var revisionLong: String
    public var edition: String
    public var controlStatus: String
    public var classification: String
    public var issued: String
    public var effective: String
    public var owner: String
    public var nextReview: String
    public var overdue: String
    public var prepared: String
    public var reviewed: String
    public var approved: String
    public var name: String
    public var date: String
    public var company: String
    public var revisionHistory: String
    public var serial: String
    public var versionNumber: String
    public var changedSections: String
    public var changeDescription: String
    public var changeDate: String
    public var author: String
    public var approver: String
    public var contents: String
    public var controlled: String
    public var uncontrolled: String
    public var draft: String
    public var superseded: String
    public var notPublished: String
    public var uncontrolledWhenPrinted: String
    public var printDate: String
    public var builtOn: String
    public var draftNotice: String
    public var draftNoticeChanged: String
    public var draftNoticeApprovals: String
    public var uncontrolledNotice: String
    public var currentRevisionLink: String
    public var clause: String
    public var clauseTitle: String
    public var status: String
    public var sections: String
    public var procedures: String
    public var lead: String
    public var support: String
    public var chapter: String
    public var covered: String
    public var coveredByChildren: String
    public var notApplicable: String
    public var uncovered: String
    public var total: String
    public var records: String
    public var recordID: String
    public var recordTitle: String
    public var form: String
    public var retention: String
    public var procedure: String
    public var department: String
    public var organizationChart: String
    public var clausesImplemented: String
    public var distribution: String
    public var copyNumber: String
    public var controlledCopy: String
    public var holder: String
    public var documents: String
    public var documentCount: String
    public var coverageSummary: String
    public var byChapter: String
    public var clauseDetail: String
    public var documentation: String
    public var issuedVerb: String
    public var effectiveVerb: String
    public var coverageRate: String
    public var digest: String
    public var legend: String
    public var skipToContent: String
    public var backToTop: String
    public var redirecting: String
    public var pageOf: String
    public var typeManual: String
    public var typeProcedure: String
    public var typeInstruction: String
    public var typePolicy: String
    public var typePlan: String
    public var statementOfApplicability: String
    public var control: String
    public var applicable: String
    public var justification: String
    public var implementedBy: String
    public var implementation: String
    public var yes: String
    public var no: String
    public var implemented: String
    public var planned: String
    public var standardsServed: String
    public var crossStandard: String
    /// The title of a `[[QP-04@B/1]]` link.
    public var pinnedRevision: String
    /// The page of withdrawn documents (作废文件清单).
    public var withdrawnList: String
    /// The summary line of the 作废文件清单 page (`{count}` withdrawn documents).
    public var withdrawnSummary: String
    /// The status of a withdrawn document in the 作废文件清单.
    public var withdrawnStatus: String
    /// The 作废文件清单's columns of the withdrawal record (document.yaml's `withdrawn:`).
    public var withdrawnOn: String
    public var withdrawalReason: String
    /// The notice on the revisions of a withdrawn document whose withdrawal has a date and reason
    /// (`{date}`, `{reason}`); without them it has ``supersededNotice``.
    public var withdrawnNotice: String
    /// The control status of a superseded or withdrawn revision, shown in its control block.
    public var supersededStatus: String
    /// The notice on a superseded or withdrawn revision (no script needed).
    public var supersededNotice: String

    /// The labels for `language`.
    public static func `for`(_ language: Language) -> Labels {
        switch language {
        case .zhCN: .zhCN
        case .en: .en
        }
    }

    /// The label of a document type.
    public func typeName(_ type: DocumentType) -> String {
        switch type {
        case .manual: typeManual
        case .procedure: typeProcedure
        case .instruction: typeInstruction
        case .policy: typePolicy
        case .plan: typePlan
        }
    }

    /// The label of a control state.
    public func stateName(_ state: ControlStatus.State) -> String {
        switch state {
        case .controlled: controlled
        case .draft: draft
        case .uncontrolled: uncontrolled
        }
    }

    /// The label of a coverage status.
    public func coverageName(_ status: CoverageReport.Status) -> String {
        switch status {
        case .covered: covered
        case .coveredByChildren: coveredByChildren
        case .notApplicable: notApplicable
        case .uncovered: uncovered
        }
    }

    public static let zhCN = Labels(
        lang: "zh-CN", masterList: "受控文件清单", coverage: "条款覆盖", search: "搜索", searchPlaceholder: "搜索文件标题和正文",
        searchNoResults: "没有找到匹配的内容", searchFound: "找到 {count} 处", searchShowing: "找到 {count} 处，列出前 {shown} 处", documentNumber: "文件编号", title: "文件名称", type: "文件类别", revision: "版本",
        revisionLong: "版本/修订状态", edition: "版本", controlStatus: "受控状态", classification: "密级", issued: "发布日期",
        effective: "实施日期", owner: "归口部门", nextReview: "下次评审", overdue: "已逾期", prepared: "编制", reviewed: "审核",
        approved: "批准", name: "姓名", date: "日期", company: "发布单位", revisionHistory: "文档修改记录", serial: "序号",
        versionNumber: "版本号", changedSections: "修改页码及章节", changeDescription: "修改内容", changeDate: "修改日期",
        author: "修改人", approver: "批准人", contents: "目录", controlled: "受控", uncontrolled: "不受控", draft: "草稿",
        superseded: "作废", notPublished: "不在内网发布", uncontrolledWhenPrinted: "打印件为非受控文件", printDate: "打印日期",
        builtOn: "生成日期",
        draftNotice: "本页为草稿，尚未发布，不作为受控文件使用。",
        draftNoticeChanged: "内容在已发布版本之后有改动，本页为下一版本的草稿，不作为受控文件使用。",
        draftNoticeApprovals: "编制、审核、批准信息不完整、日期顺序不正确，或不是本版本的批准。",
        uncontrolledNotice: "本文件为非受控文件，仅供参考。", currentRevisionLink: "查看现行版本", clause: "条款",
        clauseTitle: "条款名称", status: "状态", sections: "对应章节", procedures: "程序文件", lead: "主责", support: "配合",
        chapter: "章", covered: "已覆盖", coveredByChildren: "由子条款覆盖", notApplicable: "不适用", uncovered: "未覆盖",
        total: "合计", records: "记录清单", recordID: "记录编号", recordTitle: "记录名称", form: "表单编号", retention: "保存期限",
        procedure: "相关程序", department: "部门", organizationChart: "组织架构图", clausesImplemented: "对应条款",
        distribution: "分发", copyNumber: "分发号", controlledCopy: "受控副本", holder: "持有人", documents: "文件", documentCount: "共 {count} 份文件",
        coverageSummary: "必需条款覆盖率", byChapter: "按章统计", clauseDetail: "逐条覆盖情况", documentation: "管理体系文件", issuedVerb: "发布", effectiveVerb: "实施", coverageRate: "覆盖率", digest: "内容摘要", legend: "图例", skipToContent: "跳到正文", backToTop: "返回顶部",
        redirecting: "正在转到现行版本", pageOf: "第 {page} 页 共 {pages} 页", typeManual: "手册", typeProcedure: "程序文件",
        typeInstruction: "作业指导书", typePolicy: "方针", typePlan: "计划", statementOfApplicability: "适用性声明", control: "控制",
        applicable: "适用", justification: "理由", implementedBy: "实施文件", implementation: "实施状态", yes: "是", no: "否",
        implemented: "已实施", planned: "计划中", standardsServed: "适用标准", crossStandard: "跨标准对照",
        pinnedRevision: "指定版本",
        withdrawnList: "作废文件清单", withdrawnSummary: "共 {count} 份作废文件；已发布的版本仍可查阅，均标记为作废", withdrawnStatus: "作废",
        withdrawnOn: "作废日期", withdrawalReason: "作废原因",
        withdrawnNotice: "本文件已于 {date} 作废（{reason}），仅供查阅，不作为受控文件使用。",
        supersededStatus: "作废（非受控）",
        supersededNotice: "本版本已作废，仅供查阅，不作为受控文件使用；现行版本见内网受控文件清单。")

    public static let en = Labels(
        lang: "en", masterList: "Master list of controlled documents", coverage: "Clause coverage", search: "Search",
        searchPlaceholder: "Search titles and text", searchNoResults: "Nothing found", searchFound: "{count} matches", searchShowing: "showing {shown} of {count} matches", documentNumber: "Document No.",
        title: "Title", type: "Type", revision: "Rev.", revisionLong: "Edition/revision", edition: "Edition",
        controlStatus: "Control status", classification: "Classification", issued: "Issued", effective: "Effective",
        owner: "Owner", nextReview: "Next review", overdue: "overdue", prepared: "Prepared", reviewed: "Reviewed",
        approved: "Approved", name: "Name", date: "Date", company: "Issued by", revisionHistory: "Revision history",
        serial: "No.", versionNumber: "Revision", changedSections: "Pages and sections changed", changeDescription: "Change",
        changeDate: "Date", author: "Changed by", approver: "Approved by", contents: "Contents", controlled: "Controlled",
        uncontrolled: "Uncontrolled", draft: "Draft", superseded: "Superseded", notPublished: "not published on the intranet",
        uncontrolledWhenPrinted: "Uncontrolled when printed", printDate: "Printed", builtOn: "Built on",
        draftNotice: "This page is a draft, not yet released; it is not a controlled document.",
        draftNoticeChanged: "The content changed after the last release; this page is a draft of the next revision and is not a controlled document.",
        draftNoticeApprovals: "Preparation, review or approval is incomplete, dated out of order, or not this revision's own.",
        uncontrolledNotice: "This document is uncontrolled and for reference only.", currentRevisionLink: "Go to the current revision",
        clause: "Clause", clauseTitle: "Clause title", status: "Status", sections: "Sections", procedures: "Procedures",
        lead: "Lead", support: "Support", chapter: "Chapter", covered: "covered", coveredByChildren: "covered by subclauses",
        notApplicable: "not applicable", uncovered: "not covered", total: "Total", records: "Records register",
        recordID: "Record", recordTitle: "Record title", form: "Form", retention: "Retention", procedure: "Procedure",
        department: "Department", organizationChart: "Organisation chart", clausesImplemented: "Clauses",
        distribution: "Distribution", copyNumber: "Copy", controlledCopy: "Controlled copy", holder: "Holder", documents: "Documents", documentCount: "{count} documents",
        coverageSummary: "Required clauses covered", byChapter: "By chapter", clauseDetail: "Clause by clause", documentation: "Management system documents", issuedVerb: "issued", effectiveVerb: "effective", coverageRate: "Coverage", digest: "Content digest", legend: "Legend", skipToContent: "Skip to content",
        backToTop: "Back to top", redirecting: "Going to the current revision", pageOf: "Page {page} of {pages}",
        typeManual: "Manual", typeProcedure: "Procedure", typeInstruction: "Work instruction", typePolicy: "Policy",
        typePlan: "Plan", statementOfApplicability: "Statement of Applicability", control: "Control", applicable: "Applicable",
        justification: "Justification", implementedBy: "Implemented by", implementation: "Implementation", yes: "yes", no: "no",
        implemented: "implemented", planned: "planned", standardsServed: "Standards", crossStandard: "Across standards",
        pinnedRevision: "pinned revision", withdrawnList: "Withdrawn documents",
        withdrawnSummary: "{count} withdrawn documents; their published revisions stay readable, each marked superseded",
        withdrawnStatus: "Withdrawn",
        withdrawnOn: "Withdrawn on", withdrawalReason: "Reason",
        withdrawnNotice: "This document was withdrawn on {date} ({reason}): for reference only, not a controlled document.",
        supersededStatus: "Superseded (uncontrolled)",
        supersededNotice: "This revision is superseded: for reference only, not a controlled document; the current revision is on the intranet's master list.")
}
