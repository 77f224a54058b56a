import Foundation

/// `docctl diff DOC FROM TO`: a redline page between two released revisions of a document. Stages:
/// resolve the document and the templates, check that the site's revision folders match their
/// manifests, read both archives (from the site, or the current revision from the sources), compare
/// them by section (``RevisionDiff``), render the page and write it outside the set.
public struct DiffAction {
    /// What a diff wrote.
    public struct Outcome {
        public var path: String
        public var document: Document
        public var diff: RevisionDiff
    }

    public var checked: CheckedSet
    public var document: String
    public var from: RevisionMark
    public var to: RevisionMark
    /// `--site`: the published site that holds the archives.
    public var site: URL?
    public var output: String?
    public var templatesFolder: String?
    public var today: Day?
    public var environment: [String: String]

    public init(checked: CheckedSet, document: String, from: RevisionMark, to: RevisionMark, site: URL?, output: String?,
                templatesFolder: String?, today: Day?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.checked = checked
        self.document = document
        self.from = from
        self.to = to
        self.site = site
        self.output = output
        self.templatesFolder = templatesFolder
        self.today = today
        self.environment = environment
    }

    public func run() throws(WorkflowError) -> Outcome {
        let set = checked.set
        let target = try DocumentResolver.resolve(document, in: set)
        let renderer: SiteRenderer
        do {
            let settings = try RenderSettings.resolve(for: set, templatesFolder: templatesFolder, today: today, environment: environment)
            renderer = try settings.renderer(for: set)
        } catch {
            throw .environment(error.description)
        }
        if let site {
            // An archive is read only from a revision folder that matches its manifests.
            for mark in [from, to] {
                try SiteVerification.requireIntactRevision("\(SiteMap.safeComponent(target.number))/\(mark.pathComponent)", in: site)
            }
        }
        let old = try RevisionDiff.archive(of: target, revision: from, site: site, renderer: renderer)
        let new = try RevisionDiff.archive(of: target, revision: to, site: site, renderer: renderer)
        let diff = RevisionDiff(old: old, new: new)
        let path = output ?? "\(SiteMap.safeComponent(target.number))_\(from.pathComponent)_\(to.pathComponent)_diff.html"
        try OutputPath.checkOutside(path, of: set)
        let page: String
        do { page = try diff.page(renderer: renderer) } catch { throw .environment(error.description) }
        try StagedOutput.write(Data(page.utf8), to: URL(fileURLWithPath: path), failure: WorkflowError.environment)
        return Outcome(path: path, document: target, diff: diff)
    }
}
