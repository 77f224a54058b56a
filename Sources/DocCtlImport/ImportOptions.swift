import DocCtlCore

/// What the importer knows about the set the document goes into.
public struct ImportOptions: Sendable {
    /// `--type`; guessed from the title when nil.
    public var type: DocumentType?
    /// `--number`; read from the cover when nil.
    public var number: String?
    /// Document numbers of the set: a number in the text becomes `[[…]]` only when it is here.
    public var knownNumbers: Set<String> = []
    /// The standard's clause tree, for the clause-mapping report of a manual.
    public var clauseTree: ClauseTree?
    /// Department names (and ids) of the set, to turn an owner department into its id.
    public var departments: [(id: String, name: String)] = []

    public init() {}
}

/// One imported document: its identity, the files of its folder and the report.
public struct ImportedDocument: Sendable {
    public var number: String?
    public var title: String
    public var type: DocumentType
    /// Files relative to the document folder, in a fixed order.
    public var files: [(path: String, data: [UInt8])]
    public var report: ImportReport
    /// The organisation's name as the page header (or footer, or cover) gives it.
    public var organization: String? = nil
}
