import ArgumentParser
import Foundation

extension DocCtlCommand {
    /// Runs docctl with the exit statuses of SPEC §3: 0 clean, 1 rule errors, 2 usage, I/O or
    /// internal errors. ArgumentParser's own `main()` exits 64 (EX_USAGE) on a usage error.
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
