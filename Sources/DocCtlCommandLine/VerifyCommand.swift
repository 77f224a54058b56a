import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl verify SITE`: re-hash a published site against its manifests.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash a published site against its SHA-256 manifests; report changed, missing and added files.",
        usage: "docctl verify <site>|--sources <set>",
        discussion: """
            Exit status 1 when anything differs or the manifest is missing or corrupt, 2 when the site cannot be read. \
            With --sources SET (a set in a git work tree), every released revision that records the commit of its \
            sources is checked instead: the document's content digest at that commit must be the sealed one \
            (exit 1 when one is not, 2 when the set is not in git).
            """
    )

    @Argument(help: "The site folder written by `docctl publish`.")
    var site: String?

    @Option(help: "A document set in git: check each released revision's sources against the commit it records.")
    var sources: String?

    func validate() throws {
        if (site == nil) == (sources == nil) { throw ValidationError("give a site folder or --sources SET, not both") }
    }

    func run() throws {
        if let sources { return try verifySources(sources) }
        let site = site ?? ""
        do throws(WorkflowError) {
            let result = try SiteVerification.verify(URL(fileURLWithPath: site), archives: true)
            if result.isIntact {
                print("\(site): \(result.files) files and \(result.revisions) published revision\(result.revisions == 1 ? "" : "s") match their manifests")
                return
            }
            for problem in result.problems { print("\(WorkflowReport.display(problem.path, set: site)): \(problem.kind.rawValue)") }
            throw WorkflowError.refused("\(site) does not match its manifests: \(result.problems.count) difference\(result.problems.count == 1 ? "" : "s")",
                                        notes: result.problems.map(\.description))
        } catch {
            throw WorkflowReport.fail(error, command: "verify", session: nil)
        }
    }

    func verifySources(_ set: String) throws {
        let session = try SetSession.open(set, options: DiagnosticOptions.parse([]))
        do throws(WorkflowError) {
            let results = try ProvenanceVerification.verify(session.set)
            if results.isEmpty {
                print("\(set): no released revision records the commit of its sources (release them in git to record it)")
                return
            }
            for result in results where result.problem == nil {
                print("\(result.number) \(result.revision): the sources at commit \(result.commit.prefix(12)) match the sealed digest")
            }
            let failed = results.filter { $0.problem != nil }
            if !failed.isEmpty {
                throw WorkflowError.refused("\(failed.count) of \(results.count) released revision\(results.count == 1 ? "" : "s") of \(set) do not match the commit they record",
                                            notes: failed.map { "\($0.number) \($0.revision): \($0.problem ?? "")" })
            }
        } catch {
            throw WorkflowReport.fail(error, command: "verify", session: session)
        }
    }
}
