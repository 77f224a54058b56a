/// What rendering one page needs to know: the site, the labels, where the page sits and which
/// document it shows.
public struct PageContext: Sendable {
    /// How references become links.
    public enum LinkMode: Sendable, Hashable {
        /// Links relative to the site root, reached from this page by `root` (`""`, `"../../"`).
        case site(root: String)
        /// A self-contained page: references render as text, with no links between pages.
        case standalone
    }

    public var site: SiteMap
    public var coverage: CoverageReport?
    public var labels: Labels
    public var links: LinkMode
    /// The document the page shows, if any.
    public var document: Document?
    /// The date registers compare due dates with (--today); nil where no date is known.
    public var today: Day? = nil

    /// The context of one page; `document` is the document it shows, if any.
    public init(site: SiteMap, coverage: CoverageReport?, labels: Labels, links: LinkMode, document: Document? = nil) {
        self.site = site
        self.coverage = coverage
        self.labels = labels
        self.links = links
        self.document = document
    }

    public var set: DocumentSet { get { site.set } }
    public var language: Language { self.set.config.language }

    /// Whether anything of document `number` (title, sections, a link) may appear on this page:
    /// it is published, or it is the document the page shows. Documents that are not published
    /// leave no text on other pages (master list, coverage, generated blocks, references).
    public func shows(_ number: String) -> Bool {
        site.published.contains(number) || number == document?.number
    }

    /// The relative URL of a site path from this page, or nil on a standalone page.
    public func url(_ sitePath: String, fragment: String? = nil) -> String? {
        switch links {
        case .standalone:
            if let fragment, let number = document?.number, sitePath == site.pagePath(number) { return "#" + fragment }
            return nil
        case .site(let root):
            if let number = document?.number, sitePath == site.pagePath(number) {
                return fragment.map { "#" + $0 } ?? (root + sitePath)
            }
            return root + sitePath + (fragment.map { "#" + $0 } ?? "")
        }
    }

    /// The relative URL of a document's current page (with an optional anchor). From a document's
    /// page, another document is reached through its pointer page (`../../QP-04/index.html`), which
    /// always leads to its current revision: the revision folder this page is frozen in never
    /// changes, so a direct link would keep pointing at a revision that has been superseded since.
    public func documentURL(_ number: String, fragment: String? = nil) -> String? {
        if let shown = document?.number, shown != number, let pointer = site.pointerPath(number) {
            return url(pointer, fragment: fragment)
        }
        return site.pagePath(number).flatMap { url($0, fragment: fragment) }
    }

    /// The relative URL of one revision of a document (`[[QP-04@B/1]]`), whether or not it is current.
    public func revisionURL(_ number: String, revision: RevisionMark) -> String? {
        guard site.published.contains(number), let folder = site.documentFolders[number] else { return nil }
        if number == document?.number, site.revisionFolders[number] == revision.pathComponent { return documentURL(number) }
        return url("\(folder)/\(revision.pathComponent)/index.html")
    }

    /// A link to `href` holding `children`, or the children in a span when there is no link.
    func link(_ href: String?, class className: String, title: String? = nil, _ children: [HTMLNode]) -> HTMLNode {
        var attributes: [(String, String)] = []
        if let href { attributes.append(("href", href)) }
        attributes.append(("class", className))
        if let title { attributes.append(("title", title)) }
        return .el(href == nil ? "span" : "a", attributes, children)
    }
}
