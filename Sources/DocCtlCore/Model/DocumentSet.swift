import Foundation

/// Settings of a document set, from docset.yaml.
public struct DocSetConfig: Sendable {
    public struct ExternalDocument: Sendable, Hashable {
        public var title: String
        public var source: String?
        public var location: SourceLocation
    }

    public var organizationName = ""
    public var organizationShort = ""
    public var standard = Located("iso-iec-20000-1-2018", at: SourceLocation(path: "docset.yaml"))
    public var language: Language = .zhCN
    public var classification: [String] = ["公开", "内部公开", "秘密", "机密"]
    public var publishUpTo: Located<String>?
    public var firstRevision = RevisionMark(edition: "A", revision: 0)
    public var skipLetters: Set<Character> = ["I", "O"]
    public var coverageDepth = 3
    /// Document types whose sections or declared clauses count for coverage.
    public var coverageFrom: Set<DocumentType> = [.manual]
    public var notApplicable: [String: Located<String>] = [:]
    public var notApplicableLocations: [String: SourceLocation] = [:]
    public var ruleSeverities: [String: Severity] = [:]
    public var externalDocuments: [ExternalDocument] = []
    public var siteTitle: String?

    public init() {}
}

/// A department of organization.yaml.
public struct Department: Sendable, Hashable {
    public var id: String
    public var name: String
    public var parent: String?
    public var head: String?
    public var duties: [String]
    public var location: SourceLocation
}

/// A lead or support mark in the responsibility matrix.
public enum Responsibility: String, Sendable, Hashable {
    case lead = "●"
    case support = "○"
}

/// One clause row of the responsibility matrix (职责分配表).
public struct MatrixRow: Sendable {
    public var clause: String
    public var title: String?
    /// Department id → mark.
    public var cells: [String: Responsibility]
    public var location: SourceLocation
}

/// The responsibility matrix: its columns (department ids) and rows.
public struct ResponsibilityMatrix: Sendable {
    public var path: String
    public var departments: [String] = []
    public var rows: [MatrixRow] = []
}

/// A record of the register (记录清单).
public struct RecordEntry: Sendable, Hashable {
    public var id: String
    public var title: String
    public var owner: String?
    public var retention: String?
    public var procedure: String?
    public var form: String?
    public var location: SourceLocation
}

/// Everything loaded from a document set, with the source files for snippets.
public struct DocumentSet: Sendable {
    public var root: URL
    public var config = DocSetConfig()
    public var departments: [Department] = []
    public var matrix: ResponsibilityMatrix?
    public var records: [RecordEntry] = []
    public var documents: [Document] = []
    /// Folders holding a document.yaml that could not be loaded: references into them are not
    /// reported again, the load error already was.
    public var unloadableFolders: [String] = []
    public var standard: ClauseTree?
    public var sources: [String: SourceFile] = [:]

    public init(root: URL) { self.root = root }

    public func document(number: String) -> Document? { documents.first { $0.number == number } }
    /// Whether `number` may belong to a document that failed to load (its folder is named after it).
    public func mayBeUnloadable(_ number: String) -> Bool {
        unloadableFolders.contains { folder in
            let name = folder.split(separator: "/").last.map(String.init) ?? folder
            return name == number || name.hasPrefix(number + "-") || name.hasPrefix(number + "_")
        }
    }

    public func record(id: String) -> RecordEntry? { records.first { $0.id == id } }
    public func department(_ key: String) -> Department? {
        departments.first { $0.id == key } ?? departments.first { $0.name == key }
    }
}
