/// Rules on the records register (记录清单).
enum RecordChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let set = context.set
        disposition(context, &sink)
        // Whether each retention text is a period, read once per distinct text: a register of a
        // thousand records repeats a handful of them.
        var readable: [String: Bool] = [:]
        for record in set.records {
            if record.owner == nil {
                sink.report(Rules.recordIncomplete, at: record.location, "record \(record.id) has no owner", fix: "add owner: <department id>")
            } else if let owner = record.owner, set.department(owner) == nil, !set.departments.isEmpty {
                sink.report(Rules.unknownOwner, at: record.location, "owner '\(owner)' of record \(record.id) is not a department",
                            fix: Spelling.closest(to: owner, in: set.departments.map(\.id)).map { "did you mean '\($0)'?" })
            }
            if record.retention == nil {
                sink.report(Rules.recordIncomplete, at: record.location, "record \(record.id) has no retention period (保存期限)",
                            fix: "add retention: 3 years")
            } else if let retention = record.retention, !(readable[retention] ?? {
                let known = isRetention(retention)
                readable[retention] = known
                return known
            }()) {
                sink.report(Rules.recordIncomplete, at: record.location, "retention '\(retention)' of record \(record.id) is not a period",
                            fix: "write e.g. 3 years, 6 months, 3 年, 三年, 合同终止后2年, permanent or 永久")
            }
            if let procedure = record.procedure, set.document(number: procedure) == nil, !set.mayBeUnloadable(procedure) {
                sink.report(Rules.recordIncomplete, at: record.location, "record \(record.id) names procedure \(procedure), which is not a document",
                            fix: Spelling.closest(to: procedure, in: set.documents.map(\.number)).map { "did you mean \($0)?" })
            }
        }
        for document in set.documents {
            for record in document.records where set.record(id: record.value) == nil {
                sink.report(Rules.recordUnregistered, at: record.location, "\(document.number) lists record \(record.value), which is not in records.yaml",
                            fix: "register it in records.yaml with owner and retention")
            }
        }
    }

    /// The records log: every batch names a registered record, a batch past its retention is
    /// disposed of, and a disposal has an approver and does not come before the retention ended.
    static func disposition(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let set = context.set
        for batch in set.recordBatches {
            guard let record = set.record(id: batch.record.value) else {
                sink.report(Rules.recordUnregistered, at: batch.record.location, "records-log.yaml names record \(batch.record.value), which is not in records.yaml",
                            fix: Spelling.closest(to: batch.record.value, in: set.records.map(\.id)).map { "did you mean \($0)?" })
                continue
            }
            let due = batch.due(retention: record.retention)
            if let disposed = batch.disposed {
                if batch.approvedBy == nil {
                    sink.report(Rules.recordDisposalUnapproved, at: disposed.location,
                                "batch 《\(batch.batch)》 of \(record.id) \(record.title) was disposed of on \(disposed.value) without a recorded approval",
                                fix: "add approved-by: <name of who approved the disposal>")
                }
                if let due, disposed.value < due {
                    sink.report(Rules.recordDisposalUnapproved, at: disposed.location,
                                "batch 《\(batch.batch)》 of \(record.id) was disposed of on \(disposed.value), before its retention (\(record.retention ?? "")) ended on \(due)",
                                fix: "correct the date, or the record's retention in records.yaml")
                }
            } else if let due, due <= context.today {
                sink.report(Rules.recordDispositionDue, at: batch.location,
                            "batch 《\(batch.batch)》 of \(record.id) \(record.title) has been due for disposal since \(due) (closed \(batch.closed.map { "\($0)" } ?? ""), kept \(record.retention ?? ""))",
                            fix: "dispose of it and record disposed: <date> and approved-by: <name>")
            }
        }
    }

    static func isRetention(_ text: String) -> Bool {
        RecordBatch.isPermanentRetention(text) || RecordBatch.retentionMonths(text) != nil
    }
}
