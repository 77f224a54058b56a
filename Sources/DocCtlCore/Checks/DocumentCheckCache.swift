import Foundation

/// The per-document part of `check` kept between runs (``DocumentCheckRecord``, by document
/// folder): a document whose key is unchanged is neither walked nor checked again, its summary and
/// findings are taken from here. `docctl serve` keeps one in memory; `build -o` fills one from the
/// previous build's cache and writes the new records back into it.
///
/// The key covers everything the per-document rules read (see ``DocumentChecks``), so a record
/// taken from here is what checking the document again would give; the set-level rules always
/// run on the summaries of every document.
public final class DocumentCheckCache: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [String: DocumentCheckRecord]
    private var reused = 0

    /// The bodies the build kept with the records (``BuildCache/bodies``), for the load before the
    /// check (``DocumentSetLoader/keptBodies``).
    public let bodies: [String: KeptBody]
    /// What the build kept of each document's YAML files (``BuildCache/metadata``), for the load
    /// before the check (``DocumentSetLoader/keptMetadata``).
    public let metadata: [String: KeptMetadata]

    public init(records: [String: DocumentCheckRecord] = [:], bodies: [String: KeptBody] = [:],
                metadata: [String: KeptMetadata] = [:]) {
        self.records = records
        self.bodies = bodies
        self.metadata = metadata
    }

    /// The record of the document in `folder` when it was made under `key`.
    func record(_ folder: String, key: String) -> DocumentCheckRecord? {
        lock.withLock {
            guard let record = records[folder], record.key == key else { return nil }
            reused += 1
            return record
        }
    }

    /// Replaces every record with those of the last check (documents removed are forgotten).
    func replace(with current: [String: DocumentCheckRecord]) {
        lock.withLock { records = current }
    }

    /// Whether it holds no record (every document is checked again).
    var isEmpty: Bool { lock.withLock { records.isEmpty } }

    /// The records of the last check, by folder.
    public var current: [String: DocumentCheckRecord] { lock.withLock { records } }

    /// How many documents the checks took from here so far.
    public var reusedCount: Int { lock.withLock { reused } }
}
