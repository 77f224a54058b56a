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
///     approvals:                    # this revision's own 编制 / 审核 / 批准 (from document.yaml at release)
///       prepared: { name: 方婷, date: 2026-09-02 }
///       reviewed: { name: 沈家宁, date: 2026-09-08 }
///       approved: { name: 周明远, date: 2026-09-14 }
///     issued: 2026-09-14
///     effective: 2026-09-21
///     sections:
///       - { number: "5.4", title: 服务请求处理, anchor: sec-5.4, digest: "sha256:0b7d…" }
///
/// Approvals are outside the content digest and document.yaml holds only the current revision's,
/// so the record is where a past revision's approvals are kept (records written before docctl kept
/// them have none).
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
    /// This revision's approvals by role (`prepared`, `reviewed`, `approved`), in that order.
    public var approvals: [(role: String, name: String, date: Day?)] = []
    public var issued: Day?
    public var effective: Day?

    public static func == (lhs: ReleaseRecord, rhs: ReleaseRecord) -> Bool {
        lhs.document == rhs.document && lhs.revision == rhs.revision && lhs.date == rhs.date && lhs.digest == rhs.digest
            && lhs.fields == rhs.fields && lhs.preamble == rhs.preamble && lhs.sections == rhs.sections
            && lhs.approvals.map { "\($0.role) \($0.name) \($0.date.map(\.description) ?? "")" }
                == rhs.approvals.map { "\($0.role) \($0.name) \($0.date.map(\.description) ?? "")" }
            && lhs.issued == rhs.issued && lhs.effective == rhs.effective
    }

    /// Keeps `document`'s approvals, issue and effective dates (those of the revision being released).
    public mutating func keepApprovals(of document: Document) {
        approvals = [("prepared", document.prepared), ("reviewed", document.reviewed), ("approved", document.approved)]
            .compactMap { role, approval in approval.map { (role, $0.name ?? "", $0.date) } }
        issued = document.issued?.value
        effective = document.effective?.value
    }

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
        if !approvals.isEmpty {
            text += "approvals:\n"
            for approval in approvals {
                var parts = ["name: \(YAMLScalarText.format(approval.name, inFlow: true))"]
                if let date = approval.date { parts.append("date: \(date)") }
                text += "  \(approval.role): { \(parts.joined(separator: ", ")) }\n"
            }
        }
        if let issued { text += "issued: \(issued)\n" }
        if let effective { text += "effective: \(effective)\n" }
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
        var record = ReleaseRecord(document: document, revision: revision, date: string("date").flatMap(Day.init), digest: digest,
                                   fields: fields, preamble: string("preamble"), sections: sections)
        if case .mapping(let approvals)? = map["approvals"] {
            for role in ["prepared", "reviewed", "approved"] {
                guard case .mapping(let fields)? = approvals[role] else { continue }
                record.approvals.append((role, fields["name"]?.scalar?.string ?? "", (fields["date"]?.scalar?.string).flatMap { Day($0) }))
            }
        }
        record.issued = string("issued").flatMap(Day.init)
        record.effective = string("effective").flatMap(Day.init)
        return record
    }
}
