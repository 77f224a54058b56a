import Foundation

/// Reads records.yaml (记录清单).
enum RecordsLoader {
    static func load(_ context: inout LoadContext) -> [RecordEntry] {
        let url = context.root.appendingPathComponent("records.yaml", isDirectory: false)
        guard FileManager.default.fileExists(atPath: url.path), let node = context.readYAML(url) else { return [] }
        var r = context.reader
        defer { context.reader = r }
        var items: [YAMLNode] = []
        if case .mapping = node, let map = r.mapping(node, allowed: ["records"], what: "records.yaml") {
            items = r.sequence(map["records"], key: "records")
        } else {
            items = r.sequence(node, key: "records.yaml")
        }
        var records: [RecordEntry] = []
        var positions: [String: Int] = [:]
        for item in items {
            guard let fields = r.mapping(item, allowed: ["id", "title", "owner", "retention", "procedure", "form"],
                                         required: ["id", "title"], what: "record"),
                  let id = r.string(fields["id"], key: "id"), let title = r.string(fields["title"], key: "title") else { continue }
            if let earlier = positions[id].map({ records[$0] }) {
                r.sink.report(Rules.recordUnregistered, at: item.location, "record id '\(id)' is registered twice",
                              notes: [Diagnostic.Note("first registered here", at: earlier.location)])
                continue
            }
            positions[id] = records.count
            records.append(RecordEntry(id: id, title: title, owner: r.string(fields["owner"], key: "owner"),
                                       retention: r.string(fields["retention"], key: "retention"),
                                       procedure: r.string(fields["procedure"], key: "procedure"),
                                       form: r.string(fields["form"], key: "form"), location: item.location))
        }
        return records
    }
}
