import Foundation

/// `docctl copy` and `docctl pdf`: one print-ready copy of a document — a registered controlled
/// copy or an uncontrolled reference copy — written to a file, and the issue of a controlled copy
/// recorded in the document's distribution register. Stages: resolve the document, render the copy,
/// prepare the register edit (refused before anything is written), check the output path, produce
/// the bytes (the HTML itself, or a PDF of it), write the copy, record the issue.
public struct CopyAction {
    /// What a copy did.
    public struct Outcome {
        /// The file written (as given, or the default name).
        public var path: String
        public var document: Document
        /// The register edit: written to this path (relative to the set), already recorded, or none.
        public var register: DistributionRegister.Change?
    }

    public var checked: CheckedSet
    /// The document: its number or its folder.
    public var document: String
    /// `--copy-no`: a registered controlled copy; nil for an uncontrolled copy.
    public var copyNumber: String?
    /// Record the issue of a controlled copy in distribution.yaml (`--no-register` turns it off).
    public var register: Bool
    /// `-o`: the file to write (default: the copy's own file name).
    public var output: String?
    public var templatesFolder: String?
    /// The print date (`--today`, `SOURCE_DATE_EPOCH` or today).
    public var date: Day
    /// The file is a PDF (`docctl pdf`): the default name ends in .pdf.
    public var pdf: Bool
    public var environment: [String: String]

    public init(checked: CheckedSet, document: String, copyNumber: String?, register: Bool, output: String?,
                templatesFolder: String?, date: Day, pdf: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.checked = checked
        self.document = document
        self.copyNumber = copyNumber
        self.register = register
        self.output = output
        self.templatesFolder = templatesFolder
        self.date = date
        self.pdf = pdf
        self.environment = environment
    }

    /// Writes what `produce` makes of the page, then records the issue.
    public func run(produce: ((html: String, fileName: String), Document) throws(WorkflowError) -> Data) throws(WorkflowError) -> Outcome {
        let set = checked.set
        let target = try DocumentResolver.resolve(document, in: set)
        let settings: RenderSettings
        do {
            settings = try RenderSettings.resolve(for: set, templatesFolder: templatesFolder, today: date, environment: environment)
        } catch {
            throw .environment(error.description)
        }
        let copy = DocumentCopy(set: set, diagnostics: checked.diagnostics, templates: settings.templates, date: date)
        var page = try copy.render(target, copyNumber.map { .registered($0) } ?? .uncontrolled)
        if pdf { page.fileName = String(page.fileName.dropLast(".html".count)) + ".pdf" }
        // The register edit is prepared (and refused) before anything is written.
        var change: DistributionRegister.Change? = nil
        if let copyNumber, register, let registration = target.distribution.first(where: { $0.copy == copyNumber }) {
            change = try DistributionRegister.recordIssue(registration, of: target, in: set, date: date)
        }
        let path = output ?? page.fileName
        try OutputPath.checkOutside(path, of: set)
        let data = try produce(page, target)
        try StagedOutput.write(data, to: URL(fileURLWithPath: path), failure: WorkflowError.environment)
        if case .write(let register, let data)? = change {
            try StagedOutput.write(data, to: set.root.appendingPathComponent(register), failure: WorkflowError.environment)
        }
        return Outcome(path: path, document: target, register: change)
    }
}
