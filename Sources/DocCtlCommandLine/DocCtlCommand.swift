import ArgumentParser
import DocCtlCore

/// The `docctl` root command.
public struct DocCtlCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "docctl",
        abstract: "Build, check and publish controlled management-system documentation.",
        discussion: "Commands over the whole set take its folder (default: manual-src). Exit status: 0 no errors, 1 rule errors, 2 usage, I/O or internal error.",
        version: "docctl \(DocCtlVersion.description)",
        subcommands: [CheckCommand.self, CoverageCommand.self, BuildCommand.self, StandardsCommand.self, RulesCommand.self, ReleaseCommand.self, ReviseCommand.self, InitCommand.self, ImportCommand.self,
                      PublishCommand.self, VerifyCommand.self, CopyCommand.self, PDFCommand.self, AuditPackCommand.self, DiffCommand.self, ServeCommand.self]
    )
    public init() {}
}
