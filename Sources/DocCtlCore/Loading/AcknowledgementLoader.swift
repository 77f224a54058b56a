import Foundation

/// Reads a document's read acknowledgements, `acknowledgements.yaml` (宣贯确认): a list of
/// `{ revision, holder, date }` with an optional `name` of who signed.
enum AcknowledgementLoader {
    static let fileName = "acknowledgements.yaml"

    /// `exists`: whether the file is there (``FolderEntries/exists(_:)``).
    static func load(folder: URL, exists: Bool, into document: inout Document, context: inout LoadContext) {
        let url = folder.appendingPathComponent(fileName, isDirectory: false)
        guard exists, let node = context.readYAML(url) else { return }
        var r = context.reader
        defer { context.reader = r }
        for item in r.sequence(node, key: fileName) {
            guard let fields = r.mapping(item, allowed: ["revision", "holder", "name", "date"], required: ["revision", "holder", "date"],
                                         what: "acknowledgement"),
                  let revision = r.string(fields["revision"], key: "revision"),
                  let holderNode = fields["holder"], let holder = r.string(holderNode, key: "holder") else { continue }
            if !document.distribution.isEmpty, !document.distribution.contains(where: { $0.holder == holder }) {
                r.sink.report(Rules.invalidValue, at: holderNode.location, "'\(holder)' is not a holder on the distribution list of \(document.number)",
                              fix: Spelling.closest(to: holder, in: document.distribution.map(\.holder)).map { "did you mean '\($0)'?" })
            }
            document.acknowledgements.append(Acknowledgement(revisionText: revision, holder: holder, name: r.string(fields["name"], key: "name"),
                                                             date: r.date(fields["date"], key: "date")?.value, location: item.location))
        }
    }
}
