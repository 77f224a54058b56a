import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl release DOC`: seal the last history entry with the content digest.
struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Seal a document's last history entry with its content digest (sha256).",
        discussion: """
            Refuses when check reports errors in the document's files, when its approvals are incomplete \
            or out of order, when the entry has no author or approver, or when the entry is already sealed \
            with another digest. Releasing an entry that is sealed with the current digest changes nothing. \
            Writes the digest into history.yaml (keeping its formatting and comments) and a release record \
            <document folder>/releases/<L-N>.yaml with per-section digests, which `docctl revise` compares against.
            """
    )

    @Argument(help: "The document: its number (XQ-ITSM-M-01) or its folder.")
    var document: String

    @Option(name: .customLong("set"), help: "The document set folder.")
    var set = "manual-src"

    @Option(help: "Set the entry's date (YYYY-MM-DD) as it is released, e.g. the approval date; never before the previous entry's.")
    var date: String?

    @OptionGroup var options: DiagnosticOptions

    func run() throws {
        let date = try WorkflowReport.day(date, option: "--date")
        let session = try SetSession.open(set, options: options)
        do throws(WorkflowError) {
            let target = try DocumentResolver.resolve(document, in: session.set)
            let provenance = SourceProvenance.of(target, in: session.set)
            let outcome = try Release(set: session.set, diagnostics: session.diagnostics).run(target, date: date, provenance: provenance)
            switch outcome {
            case .sealed(let revision, let digest, let written):
                print("released \(target.number) \(revision): sealed \(digest)")
                switch provenance {
                case .committed(let commit, let author): print("  sources at commit \(commit.prefix(12))\(author.isEmpty ? "" : " (\(author))")")
                case .uncommitted(let files):
                    print("  no commit recorded: uncommitted changes in \(files.joined(separator: ", ")); commit the sources before releasing to record their provenance")
                case .notInGit: break
                }
                for path in written { print("  wrote \(WorkflowReport.display(path, set: set))") }
            case .alreadySealed(let revision, let digest, let written):
                print("\(target.number) \(revision) is already released with this content (\(digest)); nothing to do")
                for path in written { print("  wrote the missing release record \(WorkflowReport.display(path, set: set))") }
            }
        } catch {
            throw WorkflowReport.fail(error, command: "release", session: session, format: options.format)
        }
    }
}
