/// A `docctl build --draft`: a preview of a set that does not pass `check` yet.
///
/// Whatever loads is rendered; no document is 受控 (every page is a 草稿 / DRAFT), and every page
/// lists, at its top, the problems `check` found in it (a document page those of its own files; the
/// master list and the coverage page all of them). The output folder carries ``marker``, which
/// `publish` and `verify` refuse: a draft build is never mistaken for a site.
public struct DraftBuild: Sendable {
    /// The file at the root of a draft build's output.
    public static let marker = ".docctl-draft"

    /// The findings of `check` (errors and warnings), in the order `check` prints them.
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.filter { $0.severity == .error || $0.severity == .warning }
    }

    /// The notice of one page: `document`'s own problems, or the whole set's when nil.
    func notice(_ labels: Labels, document: Document?) -> DraftNoticeView {
        let shown = document.map { document in
            diagnostics.filter { $0.location.map { document.owns(path: $0.path) } ?? false }
        } ?? diagnostics
        let errors = shown.filter { $0.severity == .error }.count
        let summary = labels.draftSummary(errors: errors, warnings: shown.count - errors, wholeSet: document == nil)
        return DraftNoticeView(title: labels.draftMark, summary: summary, problems: shown.map(Self.line),
                               hasProblems: !shown.isEmpty)
    }

    /// `path:line:column: severity[rule]: message` (the path relative to the set).
    static func line(_ diagnostic: Diagnostic) -> String {
        let place = diagnostic.location.map { "\($0): " } ?? ""
        return "\(place)\(diagnostic.severity.rawValue)[\(diagnostic.rule)]: \(diagnostic.message)"
    }
}

/// The draft notice at the top of every page of a `build --draft`: plain text, escaped by the templates.
public struct DraftNoticeView: Sendable {
    public var title: String
    public var summary: String
    public var problems: [String]
    public var hasProblems: Bool

    public init(title: String, summary: String, problems: [String], hasProblems: Bool) {
        self.title = title
        self.summary = summary
        self.problems = problems
        self.hasProblems = hasProblems
    }
}

extension ControlStatus {
    /// The status in a draft build: never 受控, always watermarked.
    var inDraftBuild: ControlStatus {
        var status = self
        if status.state == .controlled { status.state = .draft }
        status.isDraft = true
        return status
    }
}
