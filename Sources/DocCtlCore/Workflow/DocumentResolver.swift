import Foundation

/// Finds the document a command names: by number (`QP-04`) or by folder (`manual-src/manual`,
/// relative to the current directory, or `manual` relative to the document set).
public enum DocumentResolver {
    /// The document `reference` names in `set`; an unknown one is a usage error (exit 2) naming the closest number.
    public static func resolve(_ reference: String, in set: DocumentSet,
                               currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        throws(WorkflowError) -> Document {
        if let document = set.document(number: reference) { return document }
        let root = set.root.standardizedFileURL.resolvingSymlinksInPath().path
        let trimmed = reference.hasSuffix("/") ? String(reference.dropLast()) : reference
        let absolute = URL(fileURLWithPath: trimmed, relativeTo: currentDirectory).standardizedFileURL
            .resolvingSymlinksInPath().path
        for document in set.documents {
            let folder = URL(fileURLWithPath: root).appendingPathComponent(document.folder).standardizedFileURL.path
            if folder == absolute || document.folder == trimmed { return document }
        }
        if set.unloadableFolders.contains(where: { trimmed.hasSuffix($0) || $0.hasSuffix("/" + trimmed) }) {
            throw .refused("the document in \(trimmed) could not be loaded; run `docctl check` and fix its document.yaml first")
        }
        let lower = reference.uppercased()
        if let document = set.documents.first(where: { $0.number.uppercased() == lower }) { return document }
        let suggestion = Spelling.closest(to: reference, in: set.documents.map(\.number))
        throw .usage("no document '\(reference)' in \(set.root.path)",
                       notes: [suggestion.map { "did you mean \($0)?" } ?? "documents: \(set.documents.map(\.number).joined(separator: ", "))"])
    }

    /// Every file of a document, relative to the set: diagnostics on these concern the document.
    public static func owns(_ document: Document, path: String) -> Bool {
        document.owns(path: path)
    }
}
