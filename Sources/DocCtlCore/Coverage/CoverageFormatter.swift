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

    public static func text(_ report: CoverageReport, language: Language) -> String {
        var output = "\(report.standard.designation) — coverage to depth \(report.depth)\n\n"
        for entry in report.entries where entry.required {
            let indent = String(repeating: "  ", count: entry.clause.depth - 1)
            var line = "\(indent)\(entry.clause.id) \(entry.clause.title(language)) — \(statusLabel(entry.status))\(entry.unwritten ? " (TODO stub, not written yet)" : "")"
            var details: [String] = []
            if !entry.sections.isEmpty { details.append("sections: \(sections(entry))") }
            if !entry.procedures.isEmpty { details.append("procedures: \(entry.procedures.joined(separator: ", "))") }
            if let lead = entry.lead { details.append("lead: \(lead)") }
            if !details.isEmpty { line += " [" + details.joined(separator: "; ") + "]" }
            output += line + "\n"
        }
        output += "\n"
        for chapter in report.chapters {
            output += "chapter \(chapter.clause.id) \(chapter.clause.title(language)): \(chapter.covered)/\(chapter.total)\n"
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
    }
    struct JSONSection: Encodable { var document: String; var number: String?; var title: String; var anchor: String }
    struct JSONChapter: Encodable { var clause: String; var covered: Int; var total: Int }
    struct JSONReport: Encodable {
        var standard: String; var depth: Int; var covered: Int; var required: Int; var percent: Double
        var chapters: [JSONChapter]; var clauses: [JSONEntry]
    }

    public static func json(_ report: CoverageReport, language: Language) -> String {
        JSONOutput.encode(JSONReport(
            standard: report.standard.id, depth: report.depth, covered: report.coveredCount, required: report.required.count,
            percent: (report.percent * 10).rounded() / 10,
            chapters: report.chapters.map { JSONChapter(clause: $0.clause.id, covered: $0.covered, total: $0.total) },
            clauses: report.entries.map { entry in
                JSONEntry(clause: entry.clause.id, title: entry.clause.title(language), status: entry.status.rawValue,
                          required: entry.required,
                          sections: entry.sections.map { JSONSection(document: $0.document, number: $0.number, title: $0.title, anchor: $0.anchor) },
                          procedures: entry.procedures, lead: entry.lead, justification: entry.justification)
            }))
    }

    /// RFC 4180 CSV with a BOM-less UTF-8 header row; spreadsheet-friendly.
    public static func csv(_ report: CoverageReport, language: Language) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var output = "clause,title,status,required,sections,procedures,lead\r\n"
        for entry in report.entries {
            output += [entry.clause.id, entry.clause.title(language), entry.status.rawValue, entry.required ? "yes" : "no",
                       sections(entry), entry.procedures.joined(separator: "; "), entry.lead ?? ""].map(field).joined(separator: ",") + "\r\n"
        }
        return output
    }
}
