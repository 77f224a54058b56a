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
        var parsed: (any ParsableCommand.Type)?
        do {
            var command = try parseAsRoot(arguments)
            parsed = type(of: command)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((usageErrorMessage(for: error, in: parsed) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// The message of a usage error. One found while parsing carries the command it was parsing;
    /// a ``ValidationError`` a command throws from `run()` does not, and ArgumentParser would show
    /// the root's usage under it: it gets the usage of the command that threw it.
    static func usageErrorMessage(for error: any Error, in command: (any ParsableCommand.Type)?) -> String {
        guard let command, command != DocCtlCommand.self, let validation = error as? ValidationError else {
            return fullMessage(for: error)
        }
        return "Error: \(validation.message)\nUsage: " + usageString(for: command) + "\n"
            + "  See 'docctl \(commandPath(to: command).joined(separator: " ")) --help' for more information."
    }

    /// The names that lead from docctl to `command` (`standards show`).
    static func commandPath(to command: any ParsableCommand.Type, from root: any ParsableCommand.Type = DocCtlCommand.self) -> [String] {
        for sub in root.configuration.subcommands {
            if sub == command { return [sub._commandName] }
            let below = commandPath(to: command, from: sub)
            if !below.isEmpty { return [sub._commandName] + below }
        }
        return []
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
