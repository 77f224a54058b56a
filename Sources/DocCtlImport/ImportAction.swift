import DocCtlCore
import Foundation

/// `docctl import`: one Word document or worksheet into a set, in named stages —
/// ``plan(file:set:type:number:to:)`` reads the set and the file and decides where the result goes
/// (refusing what would overwrite), ``write(_:)`` writes it all or nothing, and
/// ``findings(in:for:)`` picks the new files' diagnostics from the set's check. The command only
/// parses its options, prints the report and maps the outcome to an exit status.
public enum ImportAction {
    /// A converted document and the folder it goes to.
    public struct Plan: Sendable {
        public var document: ImportedDocument
        public var folder: URL
    }

    /// A converted worksheet and the file it goes to.
    public struct SheetPlan: Sendable {
        public var sheet: ImportedSheet
        public var target: URL
    }

    /// Reads the set and the .docx, converts it, and chooses the folder: where the set keeps that
    /// type, or `to`. Refuses a document without a number, a number the set has, a second manual
    /// and an existing folder.
    public static func plan(file: String, set: URL, type: DocumentType?, number: String?, to: String?) throws(ImportError) -> Plan {
        let loaded = try load(set)
        var options = ImportOptions()
        options.type = type
        options.number = number
        options.knownNumbers = Set(loaded.documents.map(\.number) + loaded.records.map(\.id))
        options.clauseTree = loaded.standard
        options.departments = loaded.departments.map { ($0.id, $0.name) }
        let name = URL(fileURLWithPath: file).lastPathComponent
        let document = try DocxImporter.importDocument(try readInput(file), name: name, options: options)
        guard let documentNumber = document.number, !documentNumber.isEmpty else {
            throw ImportError("\(name): no document number (文件编号) found on the cover; give one with --number")
        }
        if let existing = loaded.documents.first(where: { $0.number == documentNumber }) {
            throw ImportError("document \(documentNumber) already exists in \(set.relativePath) (\(existing.folder)); give another --number or import into another set")
        }
        let folder: URL
        if let to {
            folder = URL(fileURLWithPath: to)
        } else {
            if document.type == .manual, let manual = loaded.documents.first(where: { $0.type == .manual }) {
                throw ImportError("\(set.relativePath) already has a manual (\(manual.number) in \(manual.folder)); import this one elsewhere with --to")
            }
            folder = ImportWriter.defaultFolder(set: set, type: document.type, number: documentNumber)
        }
        if FileManager.default.fileExists(atPath: folder.path) {
            throw ImportError("\(folder.path) already exists; docctl import never overwrites: choose another folder with --to")
        }
        return Plan(document: document, folder: folder)
    }

    /// Reads the set and the .xlsx, converts the sheet, and chooses the file: the set's
    /// responsibilities.csv or records.yaml, or `to`. Refuses to replace any file.
    public static func plan(sheetFile file: String, as kind: SheetKind, sheet: String?, set: URL, to: String?) throws(ImportError) -> SheetPlan {
        let loaded = try load(set)
        var options = SheetImportOptions()
        options.sheet = sheet
        options.departments = loaded.departments.map { ($0.id, $0.name) }
        options.documents = loaded.documents.map { ($0.number, $0.title) }
        let imported = try SheetImporter.importSheet(try readInput(file), name: URL(fileURLWithPath: file).lastPathComponent, as: kind, options: options)
        let target = to.map { URL(fileURLWithPath: $0) } ?? set.appendingPathComponent(kind.fileName)
        let manager = FileManager.default
        if to == nil, kind == .matrix, manager.fileExists(atPath: set.appendingPathComponent("responsibilities.yaml").path) {
            throw ImportError("\(set.relativePath) already has responsibilities.yaml; docctl import never overwrites: move it away or write elsewhere with --to")
        }
        if manager.fileExists(atPath: target.path) {
            throw ImportError("\(target.relativePath) already exists; docctl import never overwrites: move it away (e.g. the stub docctl init wrote) or write elsewhere with --to")
        }
        return SheetPlan(sheet: imported, target: target)
    }

    public static func write(_ plan: Plan) throws(ImportError) { try ImportWriter.write(plan.document, to: plan.folder) }

    public static func write(_ plan: SheetPlan) throws(ImportError) { try ImportWriter.writeFile(Array(plan.sheet.text.utf8), to: plan.target) }

    /// The diagnostics of the set's check that fall in `written` (a folder or a file), and the path
    /// of `written` in the set; nil when it is not inside the set (the set never read it).
    public static func findings(in checked: CheckedSet, set: URL, for written: URL) -> (relative: String, diagnostics: [Diagnostic])? {
        let root = set.standardizedFileURL.path
        let path = written.standardizedFileURL.path
        guard path.hasPrefix(root + "/") else { return nil }
        let relative = String(path.dropFirst(root.count + 1))
        return (relative, checked.diagnostics.filter { diagnostic in
            guard let location = diagnostic.location?.path else { return false }
            return location == relative || location.hasPrefix(relative + "/")
        })
    }

    /// The bytes of the file to import, refusing a missing or oversized one.
    public static func readInput(_ file: String) throws(ImportError) -> Data {
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

    static func load(_ set: URL) throws(ImportError) -> DocumentSet {
        do {
            return try DocumentSetLoader().load(set).0
        } catch {
            throw ImportError("cannot read the set \(set.relativePath): \(error.description)")
        }
    }
}
