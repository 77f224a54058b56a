/// Rules of the document-control evidence auditors sample (ISO 9001 / ISO/IEC 20000-1 / ISO/IEC
/// 27001 7.5.3): distribution and recall, approval authority, external documents, house rules.
extension Rules {
    public static let copyNotRecalled = Rule("copy-not-recalled", .control, .warning, "Issued copies of a superseded revision are recorded returned, lost, replaced or retained in the distribution register (distribution.yaml).")
    public static let copyNumberVoid = Rule("copy-number-void", .control, .error, "A copy number recorded lost is void and never issued again.")

    public static let documentNumberPattern = Rule("document-number-pattern", .control, .error, "A document number matches in full the pattern docset.yaml's `numbering` sets for its type.")
    public static let editionRequired = Rule("edition-required", .revisions, .error, "A revision count stays within `revision.max-revision`; past it the change is a new edition (换版).")

    public static let approverNotAuthorised = Rule("approver-not-authorised", .control, .error, "The approver of a controlled document holds the authority docset.yaml's `approval-authority` gives for its type (a department's head, or the owner department's head).")

    public static let externalDocumentStale = Rule("external-document-stale", .control, .warning, "An external document with `check-every` was checked for a newer version within that period (`last-checked`, relative to --today).")

    /// The rules above, in the order of the README table.
    static let evidence: [Rule] = [copyNotRecalled, copyNumberVoid, approverNotAuthorised, externalDocumentStale, documentNumberPattern, editionRequired]
}
