/// The words of a new set's starter files (`docctl init`), in the set's language: the comments of
/// docset.yaml, organization.yaml, records.yaml, document.yaml and history.yaml, the example
/// departments and classification levels, and the TODO text under every clause. Like ``Labels``,
/// two tables; no other code chooses between the languages.
struct StarterWords: Sendable {
    var exampleOrganization: String
    var manualTitles: (itsm: String, isms: String, quality: String, other: String, integrated: String)
    var classificationLevels: String
    var settingsComment: String
    var levelsComment: String
    var publishUpTo: String
    var departments: [String]
    var organizationComment: String
    var registerTitle: String
    var recordsComment: String
    var approvalsComment: String
    var issuedComment: String
    var effectiveComment: String
    var historyComment: String
    var newChange: String
    var allSections: String
    var authorComment: String
    var approverComment: String
    var todo: String
    var applicabilityComment: String
    var standardsComment: String
    /// Between the titles of one heading that serves clauses of several standards.
    var titleSeparator: String
    var appendixHeadings: [String]

    static func `for`(_ language: Language) -> StarterWords {
        switch language {
        case .zhCN: .zhCN
        case .en: .en
        }
    }

    static let zhCN = StarterWords(
        exampleOrganization: "示例信息技术有限公司",
        manualTitles: ("IT服务管理手册", "信息安全管理手册", "质量手册", "管理体系手册", "一体化管理手册"),
        classificationLevels: "[公开, 内部公开, 秘密, 机密]", settingsComment: "文件集设置", levelsComment: "由低到高",
        publishUpTo: "内部公开", departments: ["总经理", "管理者代表", "质量管理部", "运维服务部"],
        organizationComment: "组织架构：部门和角色（示例，请按本组织实际修改）", registerTitle: "文件发放回收登记表",
        recordsComment: "记录清单：编号、记录名称、保管部门、保存期限、产生记录的程序文件、表单编号",
        approvalsComment: "编制 / 审核 / 批准：发布（docctl release）前填写姓名和日期", issuedComment: "发布日期",
        effectiveComment: "实施日期", historyComment: "文档修改记录", newChange: "新建", allSections: "全部",
        authorComment: "修改人：请填写", approverComment: "批准人：批准后填写",
        todo: "TODO：写明本组织如何满足本条款的要求：由谁、何时、按哪个程序文件做什么，保留哪些记录。",
        applicabilityComment: "适用性声明：逐项决定控制是否适用（不适用须写明理由）",
        standardsComment: "第一个为主标准，手册按其条款编号", titleSeparator: "、",
        appendixHeadings: ["附录A 程序文件清单", "附录B 记录清单", "附录C 职责分配表", "附录D 组织架构图"])

    static let en = StarterWords(
        exampleOrganization: "Example Ltd",
        manualTitles: ("IT service management manual", "Information security management manual", "Quality manual",
                       "Management system manual", "Integrated management system manual"),
        classificationLevels: "[public, internal, confidential, secret]", settingsComment: "Document set settings",
        levelsComment: "ordered, lowest first", publishUpTo: "internal",
        departments: ["General Manager", "Management Representative", "Quality Management", "Operations"],
        organizationComment: "Organisation: departments and roles (examples; replace them with yours)",
        registerTitle: "Document distribution and withdrawal register",
        recordsComment: "Records register: id, title, owner (department), retention, procedure, form",
        approvalsComment: "Prepared / reviewed / approved: fill in names and dates before `docctl release`",
        issuedComment: "issue date", effectiveComment: "effective date", historyComment: "Revision history", newChange: "new",
        allSections: "all", authorComment: "author: fill in", approverComment: "approver: fill in once approved",
        todo: "TODO: describe how the organisation meets this clause: who does what, when, with which procedure and record.",
        applicabilityComment: "Statement of Applicability: decide each control (applicable: false needs a justification)",
        standardsComment: "the first is the primary: the manual follows its clause numbers", titleSeparator: "; ",
        appendixHeadings: ["Annex A Procedures", "Annex B Records", "Annex C Responsibility matrix", "Annex D Organisation chart"])
}
