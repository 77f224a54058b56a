import Foundation

/// `docctl publish --withdraw DOC`: the one removal a site allows. A document that may no longer
/// be published — raised above `publish-up-to` after a revision of it was published, marked
/// withdrawn, or taken out of the set — leaves the site with every revision folder and its pointer
/// page; the site manifest is rewritten without them, so `verify` passes, and the withdrawal is
/// recorded in the site log `SITE/.docctl-log` (itself in the manifest), one line each:
///
///     2026-12-07 withdrawn XQ-PL-01 A/0 A/1
///
/// A document that is still publishable is not withdrawn (it would be published again at once).
struct SiteWithdrawal {
    /// The site log's file name.
    static let logName = ".docctl-log"

    /// Revision folders removed (`XQ-PL-01/A-0`).
    var folders: Set<String> = []
    /// `XQ-PL-01 A/0 A/1` for each withdrawn document.
    var entries: [String] = []

    /// Plans withdrawing `requested` (numbers or folders of documents) from a site holding
    /// `revisions`; refuses a document that is not on the site or is still publishable.
    init(requested: [String], set: DocumentSet, revisions: Set<String>) throws(WorkflowError) {
        for request in requested {
            let document = try? DocumentResolver.resolve(request, in: set)
            let number = document?.number ?? request
            if let document, SiteMap.isPublishable(document, config: set.config), !document.withdrawn {
                throw .refused("\(number) is still publishable (\(document.classification?.value ?? "")); nothing was withdrawn",
                               notes: ["withdraw a document that may no longer be published: raise its classification above publish-up-to, mark it withdrawn, or remove it from the set"])
            }
            let folder = SiteMap.safeComponent(number)
            let found = revisions.filter { $0.hasPrefix(folder + "/") }
            guard !found.isEmpty else {
                throw .refused("\(number) is not on the site; nothing was withdrawn")
            }
            folders.formUnion(found)
            entries.append(([number] + found.sorted().map { $0.dropFirst(folder.count + 1).replacingOccurrences(of: "-", with: "/") })
                .joined(separator: " "))
        }
    }

    /// Whether `path` (relative to the site) goes with a withdrawn document.
    func removes(_ path: String) -> Bool {
        SiteFiles.revisionFolder(of: path).map(folders.contains) ?? false
    }

    /// The site log after this withdrawal: `previous` with a line per withdrawn document added;
    /// nil when there is nothing to log.
    func log(previous: Data?, date: Day) -> Data? {
        let lines = entries.map { "\(date) withdrawn \($0)\n" }.joined()
        guard previous != nil || !lines.isEmpty else { return nil }
        return (previous ?? Data()) + Data(lines.utf8)
    }

    /// Documents of the set that may not be published now but still have revisions on the site.
    static func exposed(_ set: DocumentSet, revisions: Set<String>) -> [String] {
        set.documents.filter { !SiteMap.isPublishable($0, config: set.config) }.compactMap { document in
            let folder = SiteMap.safeComponent(document.number)
            return revisions.contains { $0.hasPrefix(folder + "/") } ? SiteMap.withheldLabel(document) : nil
        }
    }
}
