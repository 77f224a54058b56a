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
        var options = ImportOptions()
        if let type {
            guard let value = DocumentType(rawValue: type) else {
                throw ValidationError("--type must be one of manual, procedure, instruction, policy, plan; found '\(type)'")
            }
            options.type = value
        }
        options.number = number
        let setURL = URL(fileURLWithPath: set)
        let loaded: DocumentSet
        do {
            loaded = try DocumentSetLoader().load(setURL).0
        } catch {
            throw ImportError("cannot read the set \(set): \(error.description)")
        }
        options.knownNumbers = Set(loaded.documents.map(\.number) + loaded.records.map(\.id))
        options.clauseTree = loaded.standard
        options.departments = loaded.departments.map { ($0.id, $0.name) }

        let url = URL(fileURLWithPath: file)
        let data = try Self.readInput(file)
        var document = try DocxImporter.importDocument(data, name: url.lastPathComponent, options: options)
        guard let documentNumber = document.number, !documentNumber.isEmpty else {
            throw ImportError("\(url.lastPathComponent): no document number (文件编号) found on the cover; give one with --number")
        }
        if let existing = loaded.documents.first(where: { $0.number == documentNumber }) {
            throw ImportError("document \(documentNumber) already exists in \(set) (\(existing.folder)); give another --number or import into another set")
        }
        let folder: URL
        if let to {
            folder = URL(fileURLWithPath: to)
        } else {
            if document.type == .manual, let manual = loaded.documents.first(where: { $0.type == .manual }) {
                throw ImportError("\(set) already has a manual (\(manual.number) in \(manual.folder)); import this one elsewhere with --to")
            }
            folder = ImportWriter.defaultFolder(set: setURL, type: document.type, number: documentNumber)
        }
        if FileManager.default.fileExists(atPath: folder.path) {
            throw ImportError("\(folder.path) already exists; docctl import never overwrites: choose another folder with --to")
        }

        if dryRun {
            document.report.items.append(.init(.found, "dry run: nothing written; would create \(folder.relativePath) with \(document.files.map(\.path).joined(separator: ", "))"))
            emit(document.report, written: [], check: nil)
            if document.report.needsFixing { throw ExitCode(1) }
            return
        }
        try ImportWriter.write(document, to: folder)

        // The check result of the new document only.
        let session = try SetSession.open(set, today: DiagnosticOptions.day(today), strict: false)
        let root = setURL.standardizedFileURL.path
        let folderPath = folder.standardizedFileURL.path
        let relative = folderPath.hasPrefix(root + "/") ? String(folderPath.dropFirst(root.count + 1)) : nil
        let mine = session.diagnostics.filter { diagnostic in
            guard let relative, let path = diagnostic.location?.path else { return false }
            return path == relative || path.hasPrefix(relative + "/")
        }
        let written = document.files.map { folder.appendingPathComponent($0.path).relativePath }
        emit(document.report, written: written, check: (session, mine, relative != nil))
        if document.report.needsFixing || DiagnosticEngine.exitStatus(for: mine) != 0 { throw ExitCode(1) }
    }

    /// The bytes of the file to import, refusing a missing or oversized one.
    static func readInput(_ file: String) throws(ImportError) -> Data {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else {
            throw ImportError("cannot read \(file): no such file")
        }
        if let size = attributes[.size] as? Int, size > DocxPackage.Limits().maxFileBytes {
            throw ImportError("\(file) is \(size / (1024 * 1024)) MB, over the import limit of \(DocxPackage.Limits().maxFileBytes / (1024 * 1024)) MB")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ImportError("cannot read \(file)")
        }
        return data
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
        let loaded: DocumentSet
        do {
            loaded = try DocumentSetLoader().load(setURL).0
        } catch {
            throw ImportError("cannot read the set \(set): \(error.description)")
        }
        var options = SheetImportOptions()
        options.sheet = sheet
        options.departments = loaded.departments.map { ($0.id, $0.name) }
        options.documents = loaded.documents.map { ($0.number, $0.title) }
        let data = try Self.readInput(file)
        var imported = try SheetImporter.importSheet(data, name: URL(fileURLWithPath: file).lastPathComponent, as: kind, options: options)
        let target = to.map { URL(fileURLWithPath: $0) } ?? setURL.appendingPathComponent(kind.fileName)
        let manager = FileManager.default
        if to == nil, kind == .matrix, manager.fileExists(atPath: setURL.appendingPathComponent("responsibilities.yaml").path) {
            throw ImportError("\(set) already has responsibilities.yaml; docctl import never overwrites: move it away or write elsewhere with --to")
        }
        if manager.fileExists(atPath: target.path) {
            throw ImportError("\(target.relativePath) already exists; docctl import never overwrites: move it away (e.g. the stub docctl init wrote) or write elsewhere with --to")
        }
        if dryRun {
            imported.report.items.append(.init(.found, "dry run: nothing written; would create \(target.relativePath)"))
            emit(imported.report, written: [], check: nil, counts: false)
            if imported.report.needsFixing { throw ExitCode(1) }
            return
        }
        try ImportWriter.writeFile(Array(imported.text.utf8), to: target)
        // The set's own loaders and checks judge the new file.
        let session = try SetSession.open(set, today: DiagnosticOptions.day(today), strict: false)
        let root = setURL.standardizedFileURL.path
        let targetPath = target.standardizedFileURL.path
        let relative = targetPath.hasPrefix(root + "/") ? String(targetPath.dropFirst(root.count + 1)) : nil
        let mine = session.diagnostics.filter { relative != nil && $0.location?.path == relative }
        emit(imported.report, written: [target.relativePath], check: (session, mine, relative == kind.fileName), counts: false)
        if imported.report.needsFixing || DiagnosticEngine.exitStatus(for: mine) != 0 { throw ExitCode(1) }
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
