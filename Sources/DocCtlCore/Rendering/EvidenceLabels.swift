import Foundation

/// The fixed words of the document-control evidence registers (发放回收, 外来文件, …), in the set's
/// language. Kept apart from ``Labels`` so the registers can grow without touching every page's labels.
public struct EvidenceLabels: Sendable, Hashable {
    public var distributionRegister: String
    public var distributionSummary: String
    public var copyNumber: String
    public var holder: String
    public var issuedOn: String
    public var recallState: String
    public var note: String
    public var inUse: String
    public var toRecall: String
    public var returned: String
    public var lost: String
    public var replaced: String
    public var retained: String
    public var voidNumber: String
    public var noCopies: String
    public var externalDocumentList: String
    public var externalSummary: String
    public var versionOrDate: String
    public var issuer: String
    public var ownerDepartment: String
    public var distributedTo: String
    public var lastChecked: String
    public var nextCheck: String
    public var checkOverdue: String
    public var recordDisposition: String
    public var dispositionSummary: String
    public var batch: String
    public var closedOn: String
    public var dueOn: String
    public var disposition: String
    public var approvedBy: String
    public var kept: String
    public var dueForDisposal: String
    public var disposed: String
    public var keptPermanently: String
    public var noBatches: String
    public var briefingRecord: String
    public var briefingSummary: String
    public var acknowledgeBy: String
    public var acknowledgedBy: String
    public var notAcknowledged: String
    public var acknowledgedShare: String
    public var briefingShare: String
    public var overdueMark: String
    public var noBriefings: String
    public var sourceCommit: String
    // The audit pack (`docctl audit-pack`).
    public var auditPack: String
    public var auditPackIntro: String
    public var asOf: String
    public var clauseEvidence: String
    public var clauseEvidenceSummary: String
    public var manualSections: String
    public var recordsColumn: String
    public var leadDepartment: String
    public var packDocuments: String
    public var packDocumentsSummary: String
    public var notInPack: String
    public var notReleasedYet: String
    public var changedSinceRelease: String
    public var approvalsNotOwn: String
    public var registers: String
    public var checksums: String
    public var checksumsNote: String

    public static func `for`(_ language: Language) -> EvidenceLabels {
        language == .en ? english : chinese
    }

    static let chinese = EvidenceLabels(
        distributionRegister: "文件发放回收登记表", distributionSummary: "已发放受控副本 {1} 份，在用 {2} 份，待回收 {3} 份",
        copyNumber: "分发号", holder: "持有部门/人", issuedOn: "发放日期", recallState: "回收情况", note: "备注",
        inUse: "在用", toRecall: "待回收", returned: "已回收", lost: "遗失", replaced: "已换发", retained: "作废留存",
        voidNumber: "（分发号作废）", noCopies: "尚无发放记录",
        externalDocumentList: "外来文件清单", externalSummary: "外来文件 {1} 份，待查新 {2} 份", versionOrDate: "编号/版本",
        issuer: "发布机构", ownerDepartment: "归口部门", distributedTo: "发放范围", lastChecked: "最近查新", nextCheck: "下次查新",
        checkOverdue: "（逾期）",
        recordDisposition: "记录保管与销毁台账", dispositionSummary: "保管记录 {1} 批，到期待销毁 {2} 批，已销毁 {3} 批", batch: "批次",
        closedOn: "归档日期", dueOn: "保存期满", disposition: "处置情况", approvedBy: "批准人", kept: "保管中", dueForDisposal: "到期待销毁",
        disposed: "已销毁", keptPermanently: "永久保存", noBatches: "尚无保管记录",
        briefingRecord: "文件宣贯确认记录", briefingSummary: "宣贯文件 {1} 份，已全部确认 {2} 份，逾期未确认 {3} 份", acknowledgeBy: "确认期限",
        acknowledgedBy: "已确认", notAcknowledged: "未确认", acknowledgedShare: "确认比例", briefingShare: "宣贯确认",
        overdueMark: "（逾期）", noBriefings: "尚无宣贯确认记录", sourceCommit: "源文件提交",
        auditPack: "审核资料包",
        auditPackIntro: "供认证审核第一阶段文件评审使用：按标准条款列出覆盖的手册章节、实施的程序文件、相关记录和主责部门，"
            + "附每份文件现行发布版本的全文（含编制、审核、批准和修改记录）以及文件控制的各项登记表。解压后直接在浏览器中打开，无需联网；"
            + "SHA256SUMS 列出包内每个文件的 SHA-256 校验值。",
        asOf: "资料截至", clauseEvidence: "条款对照", clauseEvidenceSummary: "应覆盖条款 {1} 条，已覆盖 {2} 条",
        manualSections: "手册及文件章节", recordsColumn: "记录", leadDepartment: "主责部门",
        packDocuments: "现行受控文件", packDocumentsSummary: "共 {1} 份，均为现行发布版本，可打印",
        notInPack: "未收入本资料包的文件", notReleasedYet: "尚未发布", changedSinceRelease: "{revision} 发布后已修改，修订尚未发布",
        approvalsNotOwn: "审批记录与当前版本不符", registers: "文件控制登记", checksums: "校验清单",
        checksumsNote: "每个文件的 SHA-256（可用 sha256sum -c SHA256SUMS 校验）")

    static let english = EvidenceLabels(
        distributionRegister: "Register of issued and recalled copies", distributionSummary: "{1} controlled copies issued, {2} in use, {3} to recall",
        copyNumber: "Copy no.", holder: "Holder", issuedOn: "Issued", recallState: "Returned / state", note: "Note",
        inUse: "in use", toRecall: "to recall", returned: "returned", lost: "lost", replaced: "replaced", retained: "retained as obsolete",
        voidNumber: " (copy number void)", noCopies: "No copies issued yet",
        externalDocumentList: "External documents", externalSummary: "{1} external documents, {2} due for a currency check",
        versionOrDate: "Number / version", issuer: "Issuer", ownerDepartment: "Owner", distributedTo: "Distributed to",
        lastChecked: "Last checked", nextCheck: "Next check", checkOverdue: " (overdue)",
        recordDisposition: "Records retention and disposal", dispositionSummary: "{1} record batches kept, {2} due for disposal, {3} disposed of",
        batch: "Batch", closedOn: "Closed", dueOn: "Retention ends", disposition: "Disposition", approvedBy: "Approved by", kept: "kept",
        dueForDisposal: "due for disposal", disposed: "disposed of", keptPermanently: "kept permanently", noBatches: "No record batches kept yet",
        briefingRecord: "Briefing acknowledgements", briefingSummary: "{1} documents briefed, {2} fully acknowledged, {3} overdue",
        acknowledgeBy: "Acknowledge by", acknowledgedBy: "Acknowledged", notAcknowledged: "Not acknowledged", acknowledgedShare: "Share",
        briefingShare: "Briefing", overdueMark: " (overdue)", noBriefings: "No briefings recorded yet", sourceCommit: "Source commit",
        auditPack: "Audit pack",
        auditPackIntro: "For the document review of a certification audit (stage 1): per clause of the standard, the manual sections "
            + "that cover it, the procedures that implement it, their records and the lead department; the full text of each "
            + "document at its current released revision (with preparation, review, approval and history); and the "
            + "document-control registers. Unpack it and open this page in a browser: nothing is fetched from a network. "
            + "SHA256SUMS lists the SHA-256 of every file in the pack.",
        asOf: "As of", clauseEvidence: "Clauses and evidence", clauseEvidenceSummary: "{1} clauses to cover, {2} covered",
        manualSections: "Manual and document sections", recordsColumn: "Records", leadDepartment: "Lead department",
        packDocuments: "Current controlled documents", packDocumentsSummary: "{1} documents, each at its current released revision, ready to print",
        notInPack: "Documents not in this pack", notReleasedYet: "not released yet",
        changedSinceRelease: "changed since {revision} was released; the new revision is not released yet",
        approvalsNotOwn: "its approvals are not this revision's own", registers: "Document-control registers", checksums: "Checksums",
        checksumsNote: "the SHA-256 of every file (check with sha256sum -c SHA256SUMS)")

    /// `template` with `{1}`, `{2}`, … replaced by `values`.
    static func fill(_ template: String, _ values: Int...) -> String {
        var text = template
        for (index, value) in values.enumerated() { text = text.replacingOccurrences(of: "{\(index + 1)}", with: String(value)) }
        return text
    }

    /// `3/4（75%）`: the share of a distribution list that acknowledged a revision.
    func share(_ status: BriefingStatus) -> String {
        "\(status.acknowledged.count)/\(status.required.count)" + (self == EvidenceLabels.english ? " (\(status.percent) %)" : "（\(status.percent)%）")
    }

    /// The state of an issued copy as the register shows it.
    func state(_ issue: CopyIssue, superseded: Bool) -> String {
        guard let closing = issue.closing else { return superseded ? toRecall : inUse }
        let date = issue.closed.map { " \($0)" } ?? ""
        switch closing {
        case .returned: return returned + date
        case .lost: return lost + date + voidNumber
        case .replaced: return replaced + date
        case .retained: return retained + date
        }
    }
}
