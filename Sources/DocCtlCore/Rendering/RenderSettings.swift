import Foundation

/// What every command that renders pages decides the same way: which templates, which date is
/// stamped on the pages, and which date periodic reviews are checked against. `build`, `publish`,
/// `copy`, `diff` and `coverage --format html` all resolve them here, so they cannot disagree.
public struct RenderSettings: Sendable {
    /// The templates: the folder given with `--templates`, or the built-in ones.
    public var templates: TemplateSet
    /// The date stamped on the pages as "built on": `SOURCE_DATE_EPOCH` when set, otherwise
    /// `--today` when given, otherwise the latest history date of the set (same sources, same bytes).
    public var buildDate: Day
    /// `--today`, when given.
    public var today: Day?

    public init(templates: TemplateSet, buildDate: Day, today: Day?) {
        self.templates = templates
        self.buildDate = buildDate
        self.today = today
    }

    /// Resolves the settings of a run. A `SOURCE_DATE_EPOCH` that is not a date, or a templates
    /// folder that cannot be used, is an error whichever command meets it.
    public static func resolve(for set: DocumentSet, templatesFolder: String?, today: Day?,
                               environment: [String: String]) throws(DocCtlError) -> RenderSettings {
        let templates: TemplateSet
        if let templatesFolder {
            templates = try TemplateSet(folder: URL(fileURLWithPath: templatesFolder))
        } else {
            templates = try TemplateSet.bundled()
        }
        return RenderSettings(templates: templates, buildDate: try buildDate(for: set, today: today, environment: environment), today: today)
    }

    /// The date stamped on the pages: `SOURCE_DATE_EPOCH`, else `today`, else the latest history date.
    public static func buildDate(for set: DocumentSet, today: Day?, environment: [String: String]) throws(DocCtlError) -> Day {
        try Day.sourceDateEpoch(environment) ?? today ?? latestHistoryDate(of: set)
    }

    /// The latest date of any history entry (2000-01-01 for a set without dates).
    static func latestHistoryDate(of set: DocumentSet) -> Day {
        set.documents.flatMap { $0.history.compactMap(\.date) }.max() ?? Day(year: 2000, month: 1, day: 1)!
    }

    /// A renderer of `set` with these settings (`coverage`: that set's report, when computed already).
    public func renderer(for set: DocumentSet, draft: DraftBuild? = nil, coverage: CoverageReport?? = nil) throws(DocCtlError) -> SiteRenderer {
        try SiteRenderer(set: set, templates: templates, buildDate: buildDate, today: today, draft: draft, coverage: coverage)
    }
}
