import ArgumentParser
import DocCtlCore

/// The `docctl` root command.
public struct DocCtlCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "docctl",
        abstract: "Build, check and publish controlled management-system documentation."
    )
    public init() {}
}
