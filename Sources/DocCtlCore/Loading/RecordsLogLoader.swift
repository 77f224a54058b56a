import Foundation

/// Reads the records log, `records-log.yaml` (记录保管与销毁台账): a list of kept record batches,
/// `{ record, batch, closed }` with `disposed` and `approved-by` once disposed of, and an optional `note`.
enum RecordsLogLoader {
    static let fileName = "records-log.yaml"

    static func load(_ context: inout LoadContext) -> [RecordBatch] {
        let url = context.root.appendingPathComponent(fileName, isDirectory: false)
        guard FileManager.default.fileExists(atPath: url.path), let node = context.readYAML(url) else { return [] }
        var r = context.reader
        defer { context.reader = r }
        var batches: [RecordBatch] = []
        for item in r.sequence(node, key: fileName) {
            guard let fields = r.mapping(item, allowed: ["record", "batch", "closed", "disposed", "approved-by", "note"],
                                         required: ["record", "batch", "closed"], what: "records log entry"),
                  let record = fields["record"], let id = r.string(record, key: "record"),
                  let batch = r.string(fields["batch"], key: "batch") else { continue }
            let closed = r.date(fields["closed"], key: "closed")
            let disposed = r.date(fields["disposed"], key: "disposed")
            if let closed, let disposed, disposed.value < closed.value {
                r.sink.report(Rules.badDate, at: disposed.location,
                              "batch 《\(batch)》 of \(id) is disposed of on \(disposed.value), before it was closed (\(closed.value))")
            }
            batches.append(RecordBatch(record: Located(id, at: record.location), batch: batch, closed: closed?.value, disposed: disposed,
                                       approvedBy: r.string(fields["approved-by"], key: "approved-by"),
                                       note: r.string(fields["note"], key: "note"), location: item.location))
        }
        return batches
    }
}
