/// The content that replaces a `{{placeholder}}` paragraph, built from the structured sources so
/// that appendices never go stale.
public struct GeneratedBlocks: Sendable {
    /// The placeholder names docctl knows, in the order the README lists them.
    public static let names = SiteNames.generatedBlocks

    public var context: PageContext

    /// Generated blocks for a page rendered in `context`.
    public init(context: PageContext) { self.context = context }

    var labels: Labels { context.labels }
    var set: DocumentSet { get { context.set } }

    /// The nodes for `{{name}}`; an unknown name renders as written (`check` reports it).
    public func render(_ name: String) -> [HTMLNode] {
        let content: [HTMLNode]
        switch name {
        case "procedure-list": content = documentTable(set.documents.filter { $0.type == .procedure && context.shows($0.number) }, full: false)
        case "document-list": content = documentTable(set.documents.filter { context.shows($0.number) && !$0.withdrawn }, full: true)
        case "record-list": content = recordList()
        case "responsibility-matrix": content = responsibilityMatrix()
        case "org-chart": content = [OrgChart(departments: set.departments, labels: labels).svg()]
        case "revision-history": content = revisionHistory()
        case "coverage-matrix": content = coverageMatrix()
        case "statement-of-applicability": content = statementOfApplicability()
        case "distribution-register": content = distributionRegister()
        case "external-document-list": content = externalDocumentList()
        case "withdrawn-document-list": content = withdrawnDocumentList()
        case "record-disposition": content = recordDisposition()
        case "briefing-record": content = briefingRecord()
        default: return [.el("p", [("class", "placeholder-unknown")], text: "{{\(name)}}")]
        }
        return [.el("div", [("class", "generated generated-\(name)")], content)]
    }

    func departmentName(_ key: String?) -> String {
        guard let key else { return "" }
        return set.department(key)?.name ?? key
    }

    static func table(_ header: [String], _ rows: [[HTMLNode]], rowAttributes: [[(String, String)]] = [],
                      className: String) -> HTMLNode {
        let head = HTMLNode.el("thead", [], [.el("tr", [], header.map { .el("th", [("scope", "col")], text: $0) })])
        let body = HTMLNode.el("tbody", [], rows.enumerated().map { index, cells in
            .el("tr", index < rowAttributes.count ? rowAttributes[index] : [], cells)
        })
        return .el("div", [("class", "table-wrap")], [.el("table", [("class", className)], [head, body])])
    }

    static func cell(_ text: String, _ className: String? = nil) -> HTMLNode {
        .el("td", className.map { [("class", $0)] } ?? [], text: text)
    }

    /// A document number linked to its page (plain when it is not published).
    func documentCell(_ document: Document) -> HTMLNode {
        .el("td", [("class", "nowrap")], [context.link(context.documentURL(document.number), class: "docnum", [.text(document.number)])])
    }

    func documentTable(_ documents: [Document], full: Bool) -> [HTMLNode] {
        var header = [labels.serial, labels.documentNumber, labels.title]
        if full { header.append(labels.type) }
        header += [labels.revision, labels.owner]
        header.append(full ? labels.controlStatus : labels.clausesImplemented)
        let rows = documents.enumerated().map { index, document -> [HTMLNode] in
            let status = context.site.status(document.number)
            var row: [HTMLNode] = [GeneratedBlocks.cell(String(index + 1), "num"), documentCell(document),
                                   .el("td", [], [context.link(context.documentURL(document.number), class: "doctitle",
                                                               [.text(document.title)])])]
            if full { row.append(GeneratedBlocks.cell(labels.typeName(document.type))) }
            row.append(GeneratedBlocks.cell(status?.revisionText ?? "", "nowrap"))
            row.append(GeneratedBlocks.cell(departmentName(document.owner?.value)))
            if full {
                row.append(GeneratedBlocks.cell(status.map { labels.stateName($0.state) } ?? "", "status status-\(status?.state.rawValue ?? "")"))
            } else {
                row.append(GeneratedBlocks.cell(document.clauses.map(\.value).joined(separator: ", ")))
            }
            return row
        }
        return [GeneratedBlocks.table(header, rows, className: "list-table")]
    }

    func recordList() -> [HTMLNode] {
        let header = [labels.serial, labels.recordID, labels.recordTitle, labels.form, labels.owner, labels.retention, labels.procedure]
        let rows = set.records.enumerated().map { index, record -> [HTMLNode] in
            var procedure: HTMLNode = GeneratedBlocks.cell("")
            if let number = record.procedure {
                procedure = .el("td", [("class", "nowrap")], [context.link(context.documentURL(number), class: "docnum", [.text(number)])])
            }
            return [GeneratedBlocks.cell(String(index + 1), "num"), GeneratedBlocks.cell(record.id, "nowrap"),
                    GeneratedBlocks.cell(record.title), GeneratedBlocks.cell(record.form ?? "", "nowrap"),
                    GeneratedBlocks.cell(departmentName(record.owner)),
                    GeneratedBlocks.cell(GeneratedBlocks.retention(record.retention, context.language)), procedure]
        }
        return [GeneratedBlocks.table(header, rows, rowAttributes: set.records.map { [("id", SiteMap.recordAnchor($0.id))] },
                                      className: "list-table")]
    }

    /// `3 years` → `3年` in Chinese; other values as written.
    static func retention(_ text: String?, _ language: Language) -> String {
        guard let text else { return "" }
        guard language == .zhCN else { return text }
        let parts = text.split(separator: " ")
        if parts.count == 2, Int(parts[0]) != nil {
            switch parts[1] {
            case "year", "years": return "\(parts[0])年"
            case "month", "months": return "\(parts[0])个月"
            default: break
            }
        }
        return text == "permanent" ? "永久" : text
    }

    func responsibilityMatrix() -> [HTMLNode] {
        guard let matrix = set.matrix else { return [] }
        let header = [labels.clause, labels.clauseTitle] + matrix.departments.map { departmentName($0) }
        let rows = matrix.rows.map { row -> [HTMLNode] in
            let title = row.title ?? set.standard?.clause(row.clause)?.title(context.language) ?? ""
            var cells: [HTMLNode] = [GeneratedBlocks.cell(row.clause, "nowrap"), GeneratedBlocks.cell(title)]
            for department in matrix.departments {
                let mark = row.cells[department]
                cells.append(.el("td", [("class", "mark" + (mark == .lead ? " lead" : ""))],
                                 mark.map { [.text($0.rawValue)] } ?? []))
            }
            return cells
        }
        let legend = HTMLNode.el("p", [("class", "legend")], text: "\(labels.legend)：● \(labels.lead)　○ \(labels.support)")
        return [GeneratedBlocks.table(header, rows, className: "matrix-table"), legend]
    }

    func revisionHistory() -> [HTMLNode] {
        guard let document = context.document else { return [] }
        return [RevisionHistory.table(document, labels: labels)]
    }

    /// The Statement of Applicability of every standard that keeps one: each control, applicable or
    /// not, why, which documents implement it and whether it is implemented or planned.
    func statementOfApplicability() -> [HTMLNode] {
        guard let report = context.coverage else { return [] }
        var nodes: [HTMLNode] = []
        let parts = report.parts.filter(\.standard.needsStatementOfApplicability)
        for part in parts {
            if parts.count > 1 || report.standard.isCombined {
                nodes.append(.el("p", [("class", "soa-standard")], text: part.standard.fullDesignation))
            }
            let header = [labels.control, labels.clauseTitle, labels.applicable, labels.justification, labels.implementedBy, labels.implementation]
            let entries = CoverageFormatter.statementOfApplicability(part)
            let rows = entries.map { entry -> [HTMLNode] in
                let decision = entry.applicability
                let applicable = decision.map { $0.applicable } ?? (entry.status == .notApplicable ? false : nil)
                let numbers = decision?.implementedBy.map(\.value) ?? entry.procedures
                let documents = numbers.enumerated().flatMap { index, number -> [HTMLNode] in
                    (index > 0 ? [HTMLNode.text(", ")] : [])
                        + [set.document(number: number) == nil ? .text(number) : context.link(context.documentURL(number), class: "docnum", [.text(number)])]
                }
                let state = decision?.status.map { $0 == .implemented ? labels.implemented : labels.planned } ?? ""
                return [GeneratedBlocks.cell(entry.clause.localID, "nowrap"), GeneratedBlocks.cell(entry.clause.title(context.language)),
                        GeneratedBlocks.cell(applicable.map { $0 ? labels.yes : labels.no } ?? "", "nowrap"),
                        GeneratedBlocks.cell(decision?.justification ?? entry.justification ?? ""), .el("td", [], documents),
                        GeneratedBlocks.cell(state, "nowrap")]
            }
            nodes.append(GeneratedBlocks.table(header, rows, rowAttributes: entries.map { entry in
                [("class", "soa-row " + (entry.applicability?.applicable == false || entry.status == .notApplicable ? "soa-excluded" : "soa-applicable"))]
            }, className: "soa-table"))
        }
        return nodes
    }

    func coverageMatrix() -> [HTMLNode] {
        guard let report = context.coverage else { return [] }
        let header = [labels.clause, labels.clauseTitle, labels.status, labels.sections, labels.procedures, labels.lead]
        let entries = report.entries.filter(\.required)
        let rows = entries.map { entry -> [HTMLNode] in
            let shown = entry.sections.filter { context.shows($0.document) }
            var sections = shown.enumerated().flatMap { index, section -> [HTMLNode] in
                let text = section.number ?? section.title
                return (index > 0 ? [HTMLNode.text(", ")] : [])
                    + [context.link(context.documentURL(section.document, fragment: section.anchor), class: "ref ref-clause",
                                    title: section.document, [.text(text)])]
            }
            if shown.count < entry.sections.count {
                sections += (shown.isEmpty ? [] : [HTMLNode.text(", ")]) + [.el("span", [("class", "not-published")], text: labels.notPublished)]
            }
            let procedures = entry.procedures.filter(context.shows).enumerated().flatMap { index, number -> [HTMLNode] in
                (index > 0 ? [HTMLNode.text(", ")] : []) + [context.link(context.documentURL(number), class: "docnum", [.text(number)])]
            }
            return [.el("td", [("class", "nowrap clause depth-\(entry.clause.depth)")], text: report.standard.display(entry.clause.id)),
                    GeneratedBlocks.cell(entry.clause.title(context.language)),
                    GeneratedBlocks.cell(labels.coverageName(entry.status), "coverage-\(entry.status.rawValue)"),
                    .el("td", [], sections), .el("td", [], procedures), GeneratedBlocks.cell(departmentName(entry.lead))]
        }
        return [GeneratedBlocks.table(header, rows, rowAttributes: entries.map { [("class", "coverage-row coverage-\($0.status.rawValue)")] },
                                      className: "coverage-table")]
    }
}

/// The revision history table (文档修改记录), shared by pages and `{{revision-history}}`.
public enum RevisionHistory {
    /// `序号, 版本号, 修改页码及章节, 修改日期, 修改人, 批准人`, with the change text under each row's sections.
    public static func table(_ document: Document, labels: Labels) -> HTMLNode {
        let header = [labels.serial, labels.versionNumber, labels.changedSections, labels.changeDate, labels.author, labels.approver]
        let rows = document.history.enumerated().map { index, entry -> [HTMLNode] in
            [GeneratedBlocks.cell(String(index + 1), "num"), GeneratedBlocks.cell(entry.revisionText, "nowrap"),
             .el("td", [], [.el("span", [("class", "change-sections")], text: entry.sections),
                            .el("span", [("class", "change-text")], text: entry.change)]),
             GeneratedBlocks.cell(entry.date?.description ?? "", "nowrap"), GeneratedBlocks.cell(entry.author),
             GeneratedBlocks.cell(entry.approver)]
        }
        return GeneratedBlocks.table(header, rows, className: "history-table")
    }
}
