import Foundation

/// House rules a set declares in docset.yaml that are cheap to check: the document-number pattern
/// of each type (`numbering:`) and the revision cap within an edition (`revision.max-revision`).
enum HouseRuleChecks {
    static func run(_ context: CheckContext, _ sink: inout DiagnosticSink) {
        let config = context.set.config
        let patterns = config.numberingPatterns.compactMapValues { located in
            DocumentNumberPattern.regex(located.value).map { ($0, located) }
        }
        for document in context.set.documents {
            if let (regex, pattern) = patterns[document.type], !DocumentNumberPattern.matches(regex, document.number) {
                sink.report(Rules.documentNumberPattern, at: document.numberLocation ?? document.location,
                            "document number \(document.number) does not match the \(document.type.rawValue) numbering pattern \(pattern.value)",
                            notes: [Diagnostic.Note("the pattern is set here", at: pattern.location)],
                            fix: "renumber the document to match \(pattern.value)")
            }
            if let cap = config.maxRevision {
                for entry in document.history {
                    guard let mark = entry.revision, mark.revision > cap.value else { continue }
                    sink.report(Rules.editionRequired, at: entry.revisionLocation,
                                "\(document.number) \(mark) goes past revision.max-revision \(cap.value): a new edition is required (换版)",
                                notes: [Diagnostic.Note("the cap is set here", at: cap.location)],
                                fix: "record the change as the next edition: docctl revise \(document.number) --edition …")
                }
            }
        }
    }
}
