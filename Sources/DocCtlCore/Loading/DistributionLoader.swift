import Foundation

/// Reads a document's distribution register, `distribution.yaml` (文件发放回收登记): a list of
/// issued copies, `{ copy, holder, revision, issued }` plus at most one of `returned`, `lost`,
/// `replaced`, `retained` with its date, and an optional `note`.
enum DistributionLoader {
    static let fileName = "distribution.yaml"
    static let closingKeys = CopyIssue.Closing.allCases.map(\.rawValue)
    static let keys = ["copy", "holder", "revision", "issued", "note"] + closingKeys

    /// `exists`: whether the file is there (``FolderEntries/exists(_:)``).
    static func load(folder: URL, exists: Bool, into document: inout Document, context: inout LoadContext) {
        let url = folder.appendingPathComponent(fileName, isDirectory: false)
        guard exists, let node = context.readYAML(url) else { return }
        var r = context.reader
        defer { context.reader = r }
        for item in r.sequence(node, key: fileName) {
            guard let fields = r.mapping(item, allowed: keys, required: ["copy", "revision", "issued"], what: "distribution register entry"),
                  let copy = r.string(fields["copy"], key: "copy"),
                  let revision = r.string(fields["revision"], key: "revision") else { continue }
            let issued = r.date(fields["issued"], key: "issued")
            let holder = r.string(fields["holder"], key: "holder")
                ?? document.distribution.first { $0.copy == copy }?.holder ?? ""
            var issue = CopyIssue(copy: copy, holder: holder, revisionText: revision, issued: issued?.value, note: r.string(fields["note"], key: "note"),
                                  location: fields["copy"]?.location ?? item.location, revisionLocation: fields["revision"]!.location)
            for closing in CopyIssue.Closing.allCases {
                guard let node = fields[closing.rawValue], let date = r.date(node, key: closing.rawValue) else { continue }
                if let earlier = issue.closing {
                    r.sink.report(Rules.invalidValue, at: node.location,
                                  "copy \(copy) of \(document.number) \(revision) is both \(earlier.rawValue) and \(closing.rawValue)",
                                  fix: "keep one of \(closingKeys.joined(separator: ", "))")
                    continue
                }
                if let issued, date.value < issued.value {
                    r.sink.report(Rules.badDate, at: node.location,
                                  "copy \(copy) of \(document.number) is \(closing.rawValue) on \(date.value), before it was issued (\(issued.value))")
                }
                issue.closing = closing
                issue.closed = date.value
            }
            document.copyIssues.append(issue)
        }
    }
}
