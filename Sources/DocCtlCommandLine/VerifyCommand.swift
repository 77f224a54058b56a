import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl verify SITE`: re-hash a published site against its manifests.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash a published site against its SHA-256 manifests; report changed, missing and added files.",
        discussion: "Exit status 1 when anything differs or the manifest is missing or corrupt, 2 when the site cannot be read."
    )

    @Argument(help: "The site folder written by `docctl publish`.")
    var site: String

    func run() throws {
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
}
