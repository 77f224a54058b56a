import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl revise DOC`: append the next history entry of a released document.
struct ReviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revise",
        abstract: "Append the next history entry (A/3 → A/4, or B/0 with --edition) to a released document.",
        // Written out: the generated line lists the two exclusive flags as if both were needed.
        usage: "docctl revise <document> --revision|--edition -m <message> --author <author> [--approver <approver>] [--date <date>] [--force] [--set <set>]",
        discussion: """
            `sections` (修改页码及章节) is computed from what changed since the last release, by section \
            number, from the release record that `docctl release` wrote. The entry is appended as text in \
            the style of the entries already there. Refuses when the last entry is not released yet (edit it \
            instead) or when nothing changed (unless --force).
            """
    )

    /// Which part of the revision mark moves.
    enum Kind: String, EnumerableFlag {
        case revision, edition

        static func help(for value: Kind) -> ArgumentHelp? {
            switch value {
            case .revision: "A revision within the edition: A/3 → A/4."
            case .edition: "A new edition: A/3 → B/0 (skipping the letters in revision.skip-letters)."
            }
        }
    }

    @Argument(help: "The document: its number (QP-04) or its folder.")
    var document: String

    @Flag(exclusivity: .exclusive)
    var kind: Kind

    @Option(name: [.customShort("m"), .customLong("message")], help: "What changed and why (修改内容).")
    var message: String

    @Option(help: "Who made the change (修改人).")
    var author: String

    @Option(help: "Who approved it (批准人); may be added to the entry later, before release.")
    var approver: String?

    @Option(help: "The entry's date (YYYY-MM-DD); defaults to SOURCE_DATE_EPOCH or today.")
    var date: String?

    @Flag(help: "Record the revision even when the content did not change since the release.")
    var force = false

    @Option(name: .customLong("set"), help: "The document set folder.")
    var set = "manual-src"

    func run() throws {
        let day = try WorkflowReport.day(date, option: "--date") ?? WorkflowReport.defaultDay()
        let session = try SetSession.open(set, today: day, strict: false, runChecks: false)
        do throws(WorkflowError) {
            let target = try DocumentResolver.resolve(document, in: session.set)
            let request = Revise.Request(kind: kind == .revision ? .revision : .edition, change: message, author: author,
                                         approver: approver, date: day, force: force)
            let outcome = try Revise(set: session.set).run(target, request)
            print("\(target.number): added \(outcome.revision) after \(outcome.previous), sections: \(outcome.sections)")
            if let note = outcome.note { print("  note: \(note)") }
            for path in outcome.written { print("  wrote \(WorkflowReport.display(path, set: set))") }
            print("  next: edit the entry if needed\(approver == nil ? ", add its approver" : ""), then `docctl release \(target.number)`")
        } catch {
            throw WorkflowReport.fail(error, command: "revise", session: session)
        }
    }
}
