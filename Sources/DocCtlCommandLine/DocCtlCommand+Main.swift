import ArgumentParser
import DocCtlCore
import Foundation

extension DocCtlCommand {
    /// Runs docctl with the exit statuses of SPEC §3: 0 clean, 1 rule errors, 2 usage, I/O or
    /// internal errors. ArgumentParser's own `main()` exits 64 (EX_USAGE) on a usage error.
    public static func main() {
        main(Array(CommandLine.arguments.dropFirst()))
    }

    static func main(_ arguments: [String]) {
        if let message = unknownCommand(arguments) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// The command names docctl knows (`help` is ArgumentParser's).
    static var commandNames: [String] {
        configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// A message for a first argument that is not a command, with the closest command name: the root
    /// command takes no arguments of its own, so a word there is always meant as a command.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) else { return nil }
        let suggestion = Spelling.closest(to: first, in: commandNames).map { "; did you mean '\($0)'?" } ?? ""
        return "error: '\(first)' is not a docctl command\(suggestion)\n"
            + "usage: docctl <command> [<arguments>]; commands: \(commandNames.joined(separator: ", "))"
            + " (docctl help <command> for one)"
    }
}
