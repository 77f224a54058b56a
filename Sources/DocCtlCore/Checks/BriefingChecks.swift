/// Briefing on a new revision (宣贯): with docset.yaml's `briefing`, every holder on a controlled
/// document's distribution list acknowledges its current revision within the days given.
enum BriefingChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        guard let policy = context.set.config.briefing else { return }
        for document in context.set.documents {
            guard let status = document.briefingStatus(policy: policy), status.isOverdue(on: context.today),
                  let effective = document.effective else { continue }
            let missing = status.missing
            sink.report(Rules.briefingOverdue, at: effective.location,
                        "\(document.number) \(status.revision) took effect on \(effective.value); \(missing.count) of \(status.required.count) holders have not acknowledged it after \(policy.withinDays) days: \(missing.joined(separator: "、"))",
                        fix: "brief them and record each in \(document.folder)/\(AcknowledgementLoader.fileName): - { revision: \"\(status.revision)\", holder: \(missing[0]), date: … }")
        }
    }
}
