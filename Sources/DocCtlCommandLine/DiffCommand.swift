import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl diff DOC FROM TO`: a redline page between two released revisions.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Write a redline page between two released revisions of a document, from their XML archives.",
        discussion: """
            Archives come from the published site (--site): <number>/<L-N>/<number>_<L-N>.xml. The current \
            released revision can also be taken from the sources. Sections are matched by number; added, \
            removed and changed sections are listed, with deletions and insertions marked in the text.
            """
    )

    @Argument(help: "The document: its number (QP-04) or its folder.")
    var document: String

    @Argument(help: "The older revision, e.g. B/1.")
    var from: String

    @Argument(help: "The newer revision, e.g. B/2.")
    var to: String

    @Option(help: "The published site that holds the archives.")
    var site: String?

    @Option(name: [.short, .customLong("output")], help: "The file to write (default: <number>_<FROM>_<TO>_diff.html).")
    var output: String?

    @Option(name: .customLong("set"), help: "The document set folder.")
    var set = "manual-src"

    @Option(help: "A folder of templates to use instead of the built-in ones (its stylesheet styles the page).")
    var templates: String?

    @Option(help: "The date to judge the document's state against (YYYY-MM-DD); defaults to SOURCE_DATE_EPOCH or today.")
    var today: String?

    func run() throws {
        guard let fromMark = RevisionMark(from.replacingOccurrences(of: "-", with: "/")),
              let toMark = RevisionMark(to.replacingOccurrences(of: "-", with: "/")) else {
            throw ValidationError("revisions are written like B/1 (or B-1)")
        }
        let day = try WorkflowReport.day(today, option: "--today")
        let session = try SetSession.open(set, today: day ?? WorkflowReport.defaultDay(), strict: false, runChecks: false)
        do throws(WorkflowError) {
            let target = try DocumentResolver.resolve(document, in: session.set)
            let settings = try WorkflowReport.renderSettings(for: session.set, templates: templates, today: day)
            let renderer: SiteRenderer
            do {
                renderer = try settings.renderer(for: session.set)
            } catch {
                throw WorkflowError.environment("\(error)")
            }
            let siteURL = site.map { URL(fileURLWithPath: $0) }
            if let siteURL {
                // An archive is read only from a revision folder that matches its manifests.
                for mark in [fromMark, toMark] {
                    try SiteVerification.requireIntactRevision("\(SiteMap.safeComponent(target.number))/\(mark.pathComponent)", in: siteURL)
                }
            }
            let old = try RevisionDiff.archive(of: target, revision: fromMark, site: siteURL, renderer: renderer)
            let new = try RevisionDiff.archive(of: target, revision: toMark, site: siteURL, renderer: renderer)
            let diff = RevisionDiff(old: old, new: new)
            let path = output ?? "\(SiteMap.safeComponent(target.number))_\(fromMark.pathComponent)_\(toMark.pathComponent)_diff.html"
            try WorkflowReport.checkOutside(path, of: session.set)
            let page: String
            do { page = try diff.page(renderer: renderer) } catch { throw WorkflowError.environment(error.description) }
            try StagedOutput.write(Data(page.utf8), to: URL(fileURLWithPath: path), failure: WorkflowError.environment)
            let list = diff.changes.map { "\($0.label) (\($0.kind.rawValue))" }.joined(separator: ", ")
            print("wrote \(path): \(target.number) \(fromMark) → \(toMark): \(diff.changes.isEmpty ? "no section changed" : list)")
        } catch {
            throw WorkflowReport.fail(error, command: "diff", session: session)
        }
    }
}
