import Foundation
import Yams

/// What `docctl release` keeps of a released revision so that `docctl revise` can tell which
/// sections changed since: one readable YAML file per release, `<document folder>/releases/<L-N>.yaml`,
/// written once and never changed, so that it reviews in git as one added file per release.
///
///     # 发布记录 Release record: QP-04 B/1 — written by `docctl release`; never edit by hand.
///     document: QP-04
///     revision: "B/1"
///     date: 2026-09-14
///     digest: sha256:9c1e…          # the content digest sealed in history.yaml
///     fields: sha256:51a0…          # identity fields (number, title, type, classification, …)
///     sections:
///       - { number: "5.4", title: 服务请求处理, anchor: sec-5.4, digest: "sha256:0b7d…" }
///
/// A section's digest is SHA-256 over its own normalised source lines (see ``SectionDigests``).
public struct ReleaseRecord: Sendable, Equatable {
    /// The digest of one section of the released text.
    public struct SectionDigest: Sendable, Equatable {
        public var number: String?
        public var title: String
        public var anchor: String
        public var digest: String

        public init(number: String?, title: String, anchor: String, digest: String) {
            self.number = number
            self.title = title
            self.anchor = anchor
            self.digest = digest
        }

        /// How the section is named in `sections` (修改页码及章节): its number, else its title.
        public var label: String { number ?? title }
    }

    public var document: String
    public var revision: String
    public var date: Day?
    /// The content digest sealed on the history entry.
    public var digest: String
    /// The digest of the identity fields (number, title, type, classification, control, clauses, records).
    public var fields: String
    /// The digest of text before the first heading of each body file, when there is any.
    public var preamble: String?
    public var sections: [SectionDigest]

    public init(document: String, revision: String, date: Day?, digest: String, fields: String, preamble: String?,
                sections: [SectionDigest]) {
        self.document = document
        self.revision = revision
        self.date = date
        self.digest = digest
        self.fields = fields
        self.preamble = preamble
        self.sections = sections
    }

    /// The folder of release records inside a document folder.
    public static let folderName = ReleaseRecordFile.folderName

    /// `<folder>/releases/A-2.yaml`, relative to the document set.
    public static func path(folder: String, revision: RevisionMark) -> String {
        ReleaseRecordFile.path(folder: folder, revision: revision)
    }

    /// The file's text.
    public func yaml() -> String {
        var text = """
        # 发布记录 Release record: \(document) \(revision) — written by `docctl release`; never edit by hand.
        # `docctl revise` compares these section digests with the current text to fill in 修改页码及章节
        # (the sections of the next history entry). A digest is SHA-256 over the section's source lines,
        # normalised (LF, no trailing blanks).

        """
        text += "document: \(YAMLScalarText.format(document, inFlow: false))\n"
        text += "revision: \(YAMLScalarText.doubleQuoted(revision))\n"
        if let date { text += "date: \(date)\n" }
        text += "digest: \(digest)\n"
        text += "fields: \(fields)\n"
        if let preamble { text += "preamble: \(preamble)\n" }
        if sections.isEmpty {
            text += "sections: []\n"
        } else {
            text += "sections:\n"
            for section in sections {
                var parts: [String] = []
                if let number = section.number { parts.append("number: \(YAMLScalarText.doubleQuoted(number))") }
                parts.append("title: \(YAMLScalarText.format(section.title, inFlow: true))")
                parts.append("anchor: \(YAMLScalarText.format(section.anchor, inFlow: true))")
                parts.append("digest: \(YAMLScalarText.doubleQuoted(section.digest))")
                text += "  - { \(parts.joined(separator: ", ")) }\n"
            }
        }
        return text
    }

    /// Reads a record written by ``yaml()``; `path` is for messages.
    public static func parse(_ data: Data, path: String) throws(WorkflowError) -> ReleaseRecord {
        guard let text = String(data: data, encoding: .utf8) else { throw .refused("\(path) is not UTF-8 text") }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw .refused("\(path) is not valid YAML: \(error)") }
        guard case .mapping(let map)? = node else { throw .refused("\(path) is not a release record (a mapping)") }
        func string(_ key: String) -> String? { map[key]?.scalar?.string }
        guard let document = string("document"), let revision = string("revision"), let digest = string("digest"),
              let fields = string("fields") else {
            throw .refused("\(path) lacks document, revision, digest or fields")
        }
        var sections: [SectionDigest] = []
        if case .sequence(let items)? = map["sections"] {
            for item in items {
                guard case .mapping(let fields) = item, let title = fields["title"]?.scalar?.string,
                      let digest = fields["digest"]?.scalar?.string else {
                    throw .refused("\(path): a section lacks title or digest")
                }
                sections.append(SectionDigest(number: fields["number"]?.scalar?.string, title: title,
                                              anchor: fields["anchor"]?.scalar?.string ?? "", digest: digest))
            }
        }
        return ReleaseRecord(document: document, revision: revision, date: string("date").flatMap(Day.init), digest: digest,
                             fields: fields, preamble: string("preamble"), sections: sections)
    }
}
