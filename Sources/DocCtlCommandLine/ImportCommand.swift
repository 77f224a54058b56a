import ArgumentParser
import DocCtlCore
import DocCtlImport
import Foundation

/// `docctl import FILE.docx`: add one Word document to a set, with a report of what was carried
/// over, what was not and what was guessed, then the check result of the new document.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a Word (.docx) manual or procedure, or an Excel (.xlsx) matrix or records register, into a document set.",
        discussion: "A .docx: writes document.yaml, history.yaml, the Markdown body and media/ into a new folder (never over an existing one), then checks the set. A .xlsx with --as matrix|records: writes responsibilities.csv or records.yaml (never over an existing file), then checks the set. Exit status: 0 imported, 1 imported with content to fix before release, 2 nothing written."
    )

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    enum SheetKindArgument: String, ExpressibleByArgument, CaseIterable { case matrix, records }

    @Argument(help: "The .docx or .xlsx file.")
    var file: String

    @Option(name: .customLong("as"), help: "For a .xlsx: what the sheet is, matrix (职责分配表 → responsibilities.csv) or records (记录清单 → records.yaml).")
    var sheetKind: SheetKindArgument?

    @Option(help: "For a .xlsx: the worksheet to read (default: the first one whose header row is found).")
    var sheet: String?

    @Option(help: "The document set (default: manual-src).")
    var set = "manual-src"

    @Option(help: "Document type: manual, procedure, instruction, policy or plan (guessed from the title when left out).")
    var type: String?

    @Option(help: "Document number (read from the cover when left out).")
    var number: String?

    @Option(help: "The folder to create (default: where the set keeps documents of this type); for a .xlsx, the file to create.")
    var to: String?

    @Flag(help: "Print the report; write nothing.")
    var dryRun = false

    @Option(help: "Report format: text or json.")
    var format: ReportFormat = .text

    @Option(help: "The date to check periodic reviews against (YYYY-MM-DD); defaults to today.")
    var today: String?

    func run() throws {
        do {
            try runImport()
        } catch let error as ImportError {
            Terminal.error("error: \(error.message)")
            throw ExitCode(2)
        }
    }

    private func runImport() throws {
        let lower = file.lowercased()
        if sheetKind != nil || lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") {
            try runSheetImport()
            return
        }
        if sheet != nil {
            throw ValidationError("--sheet is for a .xlsx imported with --as matrix|records")
        }
        var documentType: DocumentType?
        if let type {
            guard let value = DocumentType(rawValue: type) else {
                throw ValidationError("--type must be one of manual, procedure, instruction, policy, plan; found '\(type)'")
            }
            documentType = value
        }
        let setURL = URL(fileURLWithPath: set)
        var plan = try ImportAction.plan(file: file, set: setURL, type: documentType, number: number, to: to)
        if dryRun {
            plan.document.report.items.append(.init(.found, "dry run: nothing written; would create \(plan.folder.relativePath) with \(plan.document.files.map(\.path).joined(separator: ", "))"))
            emit(plan.document.report, written: [], check: nil)
            if plan.document.report.needsFixing { throw ExitCode(1) }
            return
        }
        try ImportAction.write(plan)
        // The check result of the new document only.
        let session = try SetSession.open(set, today: DiagnosticOptions.day(today), strict: false)
        let findings = ImportAction.findings(in: session.checked, set: setURL, for: plan.folder)
        let written = plan.document.files.map { plan.folder.appendingPathComponent($0.path).relativePath }
        emit(plan.document.report, written: written, check: (session, findings?.diagnostics ?? [], findings != nil))
        if plan.document.report.needsFixing || DiagnosticEngine.exitStatus(for: findings?.diagnostics ?? []) != 0 { throw ExitCode(1) }
    }

    /// `docctl import FILE.xlsx --as matrix|records`: one set file from a worksheet.
    private func runSheetImport() throws {
        guard let sheetKind else {
            throw ValidationError("a .xlsx is imported with --as matrix (职责分配表) or --as records (记录清单)")
        }
        if type != nil || number != nil {
            throw ValidationError("--type and --number are for a .docx; a .xlsx is imported with --as matrix|records")
        }
        let kind: SheetKind = sheetKind == .matrix ? .matrix : .records
        let setURL = URL(fileURLWithPath: set)
        var plan = try ImportAction.plan(sheetFile: file, as: kind, sheet: sheet, set: setURL, to: to)
        if dryRun {
            plan.sheet.report.items.append(.init(.found, "dry run: nothing written; would create \(plan.target.relativePath)"))
            emit(plan.sheet.report, written: [], check: nil, counts: false)
            if plan.sheet.report.needsFixing { throw ExitCode(1) }
            return
        }
        try ImportAction.write(plan)
        // The set's own loaders and checks judge the new file.
        let session = try SetSession.open(set, today: DiagnosticOptions.day(today), strict: false)
        let findings = ImportAction.findings(in: session.checked, set: setURL, for: plan.target)
        let mine = findings?.diagnostics ?? []
        emit(plan.sheet.report, written: [plan.target.relativePath], check: (session, mine, findings?.relative == kind.fileName), counts: false)
        if plan.sheet.report.needsFixing || DiagnosticEngine.exitStatus(for: mine) != 0 { throw ExitCode(1) }
    }

    private func emit(_ report: ImportReport, written: [String], check: (SetSession, [Diagnostic], Bool)?, counts: Bool = true) {
        switch format {
        case .text:
            var text = "imported \(report.source)\n" + report.text(counts: counts)
            if !written.isEmpty { text += "wrote:\n" + written.map { "  \($0)\n" }.joined() }
            print(text, terminator: "")
            if let (session, diagnostics, inside) = check {
                if !inside {
                    print("check: the new file is not where \(set) reads it; run docctl check on the set it belongs to")
                } else {
                    print(session.formatter(colour: false).format(diagnostics, as: .text), terminator: "")
                    print("check: \(DiagnosticFormatter.summary(diagnostics))")
                }
            }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            var object: [String: Any] = [:]
            if let data = try? encoder.encode(report), let value = try? JSONSerialization.jsonObject(with: data) { object["report"] = value }
            object["written"] = written
            if let (session, diagnostics, _) = check,
               let data = session.formatter(colour: false).format(diagnostics, as: .json).data(using: .utf8),
               let value = try? JSONSerialization.jsonObject(with: data) {
                object["check"] = value
            }
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]) {
                print(String(decoding: data, as: UTF8.self))
            }
        }
    }
}
