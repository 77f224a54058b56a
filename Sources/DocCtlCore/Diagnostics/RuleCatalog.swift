/// Every rule docctl knows, with its stable id. The README's rules table is generated from this list
/// (`docctl rules --format markdown`).
public enum Rules {
    // Sources
    public static let unreadableFile = Rule("unreadable-file", .sources, .error, "A file of the document set cannot be read (permissions, a folder where a file is expected).", environmental: true)
    public static let encoding = Rule("encoding", .sources, .error, "Every text file is UTF-8 (a BOM and CRLF are accepted); other encodings such as GB18030 are named, never shown as mojibake.")
    public static let fileTooLarge = Rule("file-too-large", .sources, .error, "A source file is larger than the limit (4 MiB for Markdown and YAML, 10 MiB per image), which keeps hostile input bounded.")
    public static let yamlSyntax = Rule("yaml-syntax", .sources, .error, "YAML files parse, and nest no deeper than 64 levels.")
    public static let csvSyntax = Rule("csv-syntax", .sources, .error, "The responsibility matrix CSV is well formed (quotes closed, a header row).")
    public static let unknownKey = Rule("unknown-key", .sources, .error, "Keys in YAML files are known ones (a misspelt key would otherwise be ignored silently).")
    public static let missingKey = Rule("missing-key", .sources, .error, "Required keys are present and not blank (document number, title, type, owner, classification, control, …; `number: \"\"` or `\" \"` is missing, said at the key); a document that does not load is never left out in silence.")
    public static let invalidValue = Rule("invalid-value", .sources, .error, "Values have the expected shape and one of the allowed values.")
    public static let badDate = Rule("bad-date", .sources, .error, "Dates are real calendar dates written YYYY-MM-DD.")
    public static let duplicateDocument = Rule("duplicate-document-number", .sources, .error, "Document numbers are unique in the set.")
    public static let documentFolderName = Rule("document-folder-name", .sources, .error, "A document number gives a site folder of its own: not the folder of another number (`QP-98/A` and `QP-98 A` both become `QP-98_A`, compared ignoring case), not a name the site root uses (`index.html`, `coverage.html`, `assets`, `SHA256SUMS`), at most 200 bytes (file names end at 255, and docctl appends `_<L-N>.xml`).")
    public static let pathOutsideSet = Rule("path-outside-set", .sources, .error, "Links, images and files never point outside the document set (no `..` escapes, no absolute paths, no symlinks out).")
    public static let missingFile = Rule("missing-file", .sources, .error, "A document folder holds a history.yaml and at least one Markdown body file; a linked local file or an image exists.")
    public static let remoteImage = Rule("remote-image", .sources, .error, "Images are files of the document set, never fetched from a URL (http, https, data, …): what a controlled document shows cannot change outside document control.")
    public static let imageFormat = Rule("image-format", .sources, .error, "An image is a whole PNG, JPEG, GIF or WebP file, as its first bytes say, with a matching extension; SVG is refused (it can carry script).")
    public static let bidiControl = Rule("bidi-control", .sources, .warning, "Document numbers and titles, section titles and record ids and titles hold no bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F): they make text show in another order than it is stored, so a number or title can read as another.")
    public static let rawHTML = Rule("raw-html", .sources, .warning, "Markdown contains no raw HTML: it is never rendered, because sources are published to everyone.")
    public static let unparsedEmphasis = Rule("unparsed-emphasis", .sources, .warning, "No `**` is left in the text after parsing (e.g. `**注：**本条` is not bold in CommonMark; write `**注**：`).")
    // Clauses
    public static let unknownStandard = Rule("unknown-standard", .clauses, .error, "The standard named in docset.yaml or standards/ is a known clause tree, and extra trees validate against the schema.")
    public static let obsoleteStandard = Rule("obsolete-standard", .clauses, .warning, "The set names no withdrawn edition of a standard (ISO/IEC 20000-1:2011 was replaced by ISO/IEC 20000-1:2018); the warning names the replacement.")
    public static let unknownClause = Rule("unknown-clause", .clauses, .error, "Every clause id (headings, attribute blocks, procedures, matrix, not-applicable, applicability.yaml) exists in the standard; `key:clause` names a standard of `standards:`.")
    public static let uncoveredClause = Rule("uncovered-clause", .clauses, .error, "Every auditable clause down to coverage-depth is covered by a section (or a procedure, per coverage-from) or justified as not applicable.")
    public static let notApplicableUnjustified = Rule("not-applicable-unjustified", .clauses, .error, "A not-applicable clause has a written justification.")
    public static let exclusionNotAllowed = Rule("exclusion-not-allowed", .clauses, .error, "Only clauses the tree marks excludable are declared not applicable (in not-applicable or applicability.yaml): ISO/IEC 27001 Annex A controls, ISO 9001 clause 8; ISO/IEC 20000-1 none in clauses 4–10.")
    public static let soaMissing = Rule("soa-missing", .clauses, .error, "A standard whose tree needs a Statement of Applicability (ISO/IEC 27001) has a decision in applicability.yaml for every control.")
    public static let soaUnimplemented = Rule("soa-unimplemented", .clauses, .error, "An applicable control names the documents that implement it (implemented-by) or a section covers it.")
    public static let soaUnknownDocument = Rule("soa-unknown-document", .clauses, .error, "implemented-by in applicability.yaml names documents of the set.")
    public static let sectionHierarchy = Rule("section-hierarchy", .clauses, .error, "A numbered section extends its parent's number by one level (5.1.1 belongs under 5.1, not 5.2).")
    public static let sectionOrder = Rule("section-order", .clauses, .error, "Numbered sibling sections ascend without repeats.")
    public static let clauseTitleMismatch = Rule("clause-title-mismatch", .clauses, .warning, "A section mapped to a clause carries the clause's title or a known alias.")
    public static let duplicatePrimaryClause = Rule("duplicate-primary-clause", .clauses, .warning, "A clause is mapped by at most one manual section.")
    public static let unfinishedSection = Rule("unfinished-section", .clauses, .error, "A section has content; stubs created by `docctl init` (TODO) are written before release.")
    // Revisions
    public static let malformedRevision = Rule("malformed-revision", .revisions, .error, "Revision marks are `L/N`: an upper-case edition letter, a slash, a revision count (A/0, B/3).")
    public static let emptyHistory = Rule("empty-history", .revisions, .error, "Every document has at least one history entry.")
    public static let historyFirst = Rule("history-first", .revisions, .error, "A history starts at `revision.first` (A/0 by default).")
    public static let revisionGap = Rule("revision-gap", .revisions, .error, "Each history entry is the next revision (A/3 → A/4) or the next edition (A/3 → B/0), with no gaps or letter jumps.")
    public static let skippedLetter = Rule("skipped-letter-used", .revisions, .error, "Edition letters listed in `revision.skip-letters` (I, O) are never used.")
    public static let editionNotZero = Rule("edition-not-zero", .revisions, .error, "A new edition starts at revision 0 (B/0, not B/1).")
    public static let historyDateOrder = Rule("history-date-order", .revisions, .error, "History dates never go backwards.")
    public static let changedSinceRelease = Rule("changed-since-release", .revisions, .error, "The content digest equals the digest sealed on the last history entry; a changed document needs a new entry (`docctl revise`).")
    public static let malformedDigest = Rule("malformed-digest", .revisions, .error, "A sealed digest is `sha256:` followed by 64 lower-case hex digits.")
    public static let sealMismatch = Rule("seal-mismatch", .revisions, .error, "A sealed digest in history.yaml equals the digest in the revision's release record (`releases/<L-N>.yaml`): a seal is written by `docctl release`, never by hand.")
    // Control
    public static let approvalMissing = Rule("approval-missing", .control, .error, "A controlled document has prepared, reviewed and approved, each with name and date, and issued and effective dates.")
    public static let approvalOrder = Rule("approval-order", .control, .error, "Dates go prepared ≤ reviewed ≤ approved ≤ issued ≤ effective.")
    public static let approvalStale = Rule("approval-stale", .control, .error, "A released revision carries its own approvals: the approval, issue and effective dates are on or after its history entry's date, and the approver is the entry's 批准人 (not the previous revision's approvals).")
    public static let approverIsPreparer = Rule("approver-is-preparer", .control, .warning, "The approver is not the person who prepared the document.")
    public static let uncontrolledWithCopies = Rule("uncontrolled-with-copies", .control, .error, "An uncontrolled document has no registered controlled copies.")
    public static let duplicateCopyNumber = Rule("duplicate-copy-number", .control, .error, "Copy numbers (分发号) are unique within a document.")
    public static let unknownClassification = Rule("unknown-classification", .control, .error, "A classification (密级) is one of the levels in docset.yaml.")
    public static let unknownOwner = Rule("unknown-owner", .control, .error, "A document or record owner is a department id from organization.yaml.")
    public static let reviewOverdue = Rule("review-overdue", .control, .warning, "A document was reviewed within its `review-every` period (relative to --today).")
    // Document-control evidence auditors sample (7.5.3): distribution and recall, approval authority,
    // external documents, house rules
    public static let copyNotRecalled = Rule("copy-not-recalled", .control, .warning, "Issued copies of a superseded revision are recorded returned, lost, replaced or retained in the distribution register (distribution.yaml).")
    public static let copyNumberVoid = Rule("copy-number-void", .control, .error, "A copy number recorded lost is void and never issued again.")
    public static let documentNumberPattern = Rule("document-number-pattern", .control, .error, "A document number matches in full the pattern docset.yaml's `numbering` sets for its type.")
    public static let editionRequired = Rule("edition-required", .revisions, .error, "A revision count stays within `revision.max-revision`; past it the change is a new edition (换版).")
    public static let approverNotAuthorised = Rule("approver-not-authorised", .control, .error, "The approver of a controlled document holds the authority docset.yaml's `approval-authority` gives for its type (a department's head, or the owner department's head).")
    public static let externalDocumentStale = Rule("external-document-stale", .control, .warning, "An external document with `check-every` was checked for a newer version within that period (`last-checked`, relative to --today).")
    public static let recordDispositionDue = Rule("record-disposition-due", .control, .warning, "A kept record batch in records-log.yaml whose retention has run out (from `closed`, relative to --today) is disposed of (`disposed`, `approved-by`).")
    public static let recordDisposalUnapproved = Rule("record-disposal-unapproved", .control, .error, "A disposal in records-log.yaml names who approved it (`approved-by`) and falls on or after the end of the retention.")
    public static let briefingOverdue = Rule("briefing-overdue", .control, .warning, "Every holder on a document's distribution list acknowledged its current revision (acknowledgements.yaml) within docset.yaml's `briefing.within-days` of its effective date (relative to --today).")
    public static let withdrawalRecord = Rule("withdrawal-record", .control, .warning, "A document with `status: withdrawn` says when and why in document.yaml (`withdrawn: { date, reason }`), dated no earlier than its last release and no later than --today; `withdrawn:` goes only with `status: withdrawn`.")
    /// The evidence rules, in the order of the README table.
    static let evidence: [Rule] = [copyNotRecalled, copyNumberVoid, approverNotAuthorised, externalDocumentStale, documentNumberPattern, editionRequired,
                                   recordDispositionDue, recordDisposalUnapproved, briefingOverdue, withdrawalRecord]
    // References
    public static let unresolvedReference = Rule("unresolved-reference", .references, .error, "Every `[[…]]` names a clause covered by a section, a document number or a record id.")
    public static let unknownTitle = Rule("unknown-title", .references, .warning, "Every `《title》` is the title of a document, a record or a listed external document.")
    public static let withdrawnReference = Rule("withdrawn-reference", .references, .warning, "No reference points to a withdrawn document.")
    public static let unknownPlaceholder = Rule("unknown-placeholder", .references, .error, "Generated-block placeholders `{{…}}` are known ones.")
    public static let duplicateAnchor = Rule("duplicate-anchor", .references, .error, "A section anchor set with `{id=…}` is used once in its document and is not an anchor docctl makes for another section (`sec-8.6.1`, `appendix-A`): a link to it would reach the other section.")
    public static let duplicateGeneratedBlock = Rule("duplicate-generated-block", .references, .error, "Each generated block `{{…}}` stands at most once in a document (a repeat renders as its name only: 2 000 `{{coverage-matrix}}` made a page of 119 MB).")
    // Matrix and records
    public static let matrixUnknownDepartment = Rule("matrix-unknown-department", .matrix, .error, "Matrix columns are departments of organization.yaml (by id or name).")
    public static let matrixUnknownClause = Rule("matrix-unknown-clause", .matrix, .error, "Matrix rows are clauses of the standard, each listed once.")
    public static let matrixLeadCount = Rule("matrix-lead-count", .matrix, .error, "Each clause row of the matrix has exactly one lead (●).")
    public static let matrixBadCell = Rule("matrix-bad-cell", .matrix, .error, "Matrix cells are ●, ○, R, A, C, I or empty.")
    public static let departmentIdle = Rule("department-without-responsibility", .matrix, .warning, "Every department has at least one responsibility in the matrix.")
    public static let recordIncomplete = Rule("record-incomplete", .matrix, .error, "Every record has an owner and a retention period, and names an existing procedure.")
    public static let recordUnregistered = Rule("record-unregistered", .matrix, .error, "Records a document lists or references are in the register; record ids are unique.")
    public static let organizationTree = Rule("organization-tree", .matrix, .error, "Departments have unique ids and their parents exist, without cycles, at most 32 levels deep.")

    /// Every rule, in the order of the README table.
    public static let all: [Rule] = [
        unreadableFile, encoding, fileTooLarge, yamlSyntax, csvSyntax, unknownKey, missingKey, invalidValue,
        badDate, duplicateDocument, documentFolderName, pathOutsideSet, missingFile, remoteImage, imageFormat, bidiControl, rawHTML, unparsedEmphasis,
        unknownStandard, obsoleteStandard, unknownClause, uncoveredClause, notApplicableUnjustified, exclusionNotAllowed,
        soaMissing, soaUnimplemented, soaUnknownDocument,
        sectionHierarchy, sectionOrder, clauseTitleMismatch, duplicatePrimaryClause, unfinishedSection,
        malformedRevision, emptyHistory, historyFirst, revisionGap, skippedLetter, editionNotZero,
        historyDateOrder, changedSinceRelease, malformedDigest, sealMismatch,
        approvalMissing, approvalOrder, approvalStale, approverIsPreparer, uncontrolledWithCopies, duplicateCopyNumber,
        unknownClassification, unknownOwner, reviewOverdue,
    ] + evidence + [
        unresolvedReference, unknownTitle, withdrawnReference, unknownPlaceholder, duplicateAnchor, duplicateGeneratedBlock,
        matrixUnknownDepartment, matrixUnknownClause, matrixLeadCount, matrixBadCell, departmentIdle,
        recordIncomplete, recordUnregistered, organizationTree,
    ]
}

/// Look-ups over ``Rules/all``.
public enum RuleCatalog {
    static let byID: [String: Rule] = Dictionary(uniqueKeysWithValues: Rules.all.map { ($0.id, $0) })

    public static func rule(_ id: String) -> Rule? { byID[id] }

    public static func isEnvironmental(_ id: String) -> Bool { byID[id]?.isEnvironmental ?? false }
}
