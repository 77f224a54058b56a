/// Coverage as text, JSON and CSV.
public enum CoverageFormatter {
    static func statusLabel(_ status: CoverageReport.Status) -> String {
        switch status {
        case .covered: "covered"
        case .coveredByChildren: "covered (by subclauses)"
        case .notApplicable: "not applicable"
        case .uncovered: "NOT COVERED"
        }
    }

    static func sections(_ entry: CoverageReport.Entry) -> String {
        entry.sections.map { "\($0.document) §\($0.number ?? $0.title)" }.joined(separator: "; ")
    }

    /// Each standard's table and total, one after the other (one standard: its table).
    public static func text(_ report: CoverageReport, language: Language) -> String {
        let parts = report.parts
        guard parts.count > 1 else { return partText(report, language: language) }
        var output = parts.map { partText($0, language: language) }.joined(separator: "\n")
        output += "\n" + parts.map { "\($0.key) (\($0.standard.designation)): \($0.coveredCount)/\($0.required.count) (\(formatPercent($0.percent)) %)" }
            .joined(separator: "\n") + "\n"
        return output
    }

    static func partText(_ report: CoverageReport, language: Language) -> String {
        let key = report.standard.id == report.key ? "" : "[\(report.key)] "
        var output = "\(key)\(report.standard.fullDesignation) — coverage to depth \(report.depth)\n\n"
        for entry in report.entries where entry.required {
            let indent = String(repeating: "  ", count: entry.clause.depth - 1)
            var line = "\(indent)\(entry.clause.localID) \(entry.clause.title(language)) — \(statusLabel(entry.status))\(entry.unwritten ? " (TODO stub, not written yet)" : "")"
            var details: [String] = []
            if !entry.sections.isEmpty { details.append("sections: \(sections(entry))") }
            if !entry.procedures.isEmpty { details.append("procedures: \(entry.procedures.joined(separator: ", "))") }
            if let lead = entry.lead { details.append("lead: \(lead)") }
            if !details.isEmpty { line += " [" + details.joined(separator: "; ") + "]" }
            output += line + "\n"
        }
        output += "\n"
        for chapter in report.chapters {
            output += "chapter \(chapter.clause.localID) \(chapter.clause.title(language)): \(chapter.covered)/\(chapter.total)\n"
        }
        output += "total: \(report.coveredCount)/\(report.required.count) required clauses covered (\(formatPercent(report.percent)) %)\n"
        return output
    }

    public static func formatPercent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    struct JSONEntry: Encodable {
        var clause: String; var title: String; var status: String; var required: Bool
        var sections: [JSONSection]; var procedures: [String]; var lead: String?; var justification: String?
        var applicable: Bool?; var implementedBy: [String]?; var implementation: String?
        enum CodingKeys: String, CodingKey {
            case clause, title, status, required, sections, procedures, lead, justification, applicable
            case implementedBy = "implemented-by", implementation = "implementation-status"
        }
    }
    struct JSONSection: Encodable { var document: String; var number: String?; var title: String; var anchor: String }
    struct JSONChapter: Encodable { var clause: String; var covered: Int; var total: Int }
    struct JSONReport: Encodable {
        var key: String; var standard: String; var designation: String; var depth: Int; var covered: Int; var required: Int; var percent: Double
        var chapters: [JSONChapter]; var clauses: [JSONEntry]
    }
    struct JSONReports: Encodable { var standards: [JSONReport] }

    /// One standard: its report; several: `{"standards": [...]}`, primary first.
    public static func json(_ report: CoverageReport, language: Language) -> String {
        let parts = report.parts
        if parts.count > 1 { return JSONOutput.encode(JSONReports(standards: parts.map { jsonReport($0, language: language) })) }
        return JSONOutput.encode(jsonReport(report, language: language))
    }

    static func jsonReport(_ report: CoverageReport, language: Language) -> JSONReport {
        JSONReport(
            key: report.key, standard: report.standard.id, designation: report.standard.fullDesignation,
            depth: report.depth, covered: report.coveredCount, required: report.required.count,
            percent: (report.percent * 10).rounded() / 10,
            chapters: report.chapters.map { JSONChapter(clause: $0.clause.localID, covered: $0.covered, total: $0.total) },
            clauses: report.entries.map { entry in
                JSONEntry(clause: entry.clause.localID, title: entry.clause.title(language), status: entry.status.rawValue,
                          required: entry.required,
                          sections: entry.sections.map { JSONSection(document: $0.document, number: $0.number, title: $0.title, anchor: $0.anchor) },
                          procedures: entry.procedures, lead: entry.lead, justification: entry.justification,
                          applicable: entry.applicability?.applicable, implementedBy: entry.applicability.map { $0.implementedBy.map(\.value) },
                          implementation: entry.applicability?.status?.rawValue)
            })
    }

    /// RFC 4180 CSV with a BOM-less UTF-8 header row; spreadsheet-friendly.
    /// Every standard's clauses, one row each, keyed by standard.
    public static func csv(_ report: CoverageReport, language: Language) -> String {
        var output = "standard,clause,title,status,required,sections,procedures,lead\r\n"
        for part in report.parts {
            for entry in part.entries {
                output += row([part.key, entry.clause.localID, entry.clause.title(language), entry.status.rawValue, entry.required ? "yes" : "no",
                               sections(entry), entry.procedures.joined(separator: "; "), entry.lead ?? ""])
            }
        }
        return output
    }

    /// The Statement of Applicability of one standard (`coverage --format csv --standard isms`): one row
    /// per control (excludable clause without subclauses), applicable or not, why, and by which documents.
    public static func statementOfApplicabilityCSV(_ report: CoverageReport, language: Language) -> String {
        var output = "standard,control,title,applicable,justification,implemented-by,implementation-status,sections\r\n"
        for entry in statementOfApplicability(report) {
            let decision = entry.applicability
            let applicable = decision.map { $0.applicable ? "yes" : "no" } ?? (entry.status == .notApplicable ? "no" : "")
            output += row([report.key, entry.clause.localID, entry.clause.title(language), applicable,
                           decision?.justification ?? entry.justification ?? "",
                           (decision?.implementedBy.map(\.value) ?? entry.procedures).joined(separator: "; "),
                           decision?.status?.rawValue ?? "", sections(entry)])
        }
        return output
    }

    /// The controls of a Statement of Applicability: the excludable clauses without subclauses, in order.
    public static func statementOfApplicability(_ report: CoverageReport) -> [CoverageReport.Entry] {
        report.entries.filter { $0.clause.excludable && $0.clause.auditable && !$0.clause.untitled && $0.clause.childIDs.isEmpty }
    }

    static func row(_ fields: [String]) -> String {
        fields.map { text in
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }.joined(separator: ",") + "\r\n"
    }
}
