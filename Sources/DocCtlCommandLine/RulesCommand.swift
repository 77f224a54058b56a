import ArgumentParser
import DocCtlCore

/// `docctl rules`: the rule catalogue, as text or as the README's Markdown table.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule with its id and default severity.")

    enum Format: String, ExpressibleByArgument { case text, markdown }

    @Option(help: "text or markdown.")
    var format: Format = .text

    func run() {
        switch format {
        case .text:
            for rule in Rules.all { print("\(rule.id)\t\(rule.defaultSeverity.rawValue)\t\(rule.summary)") }
        case .markdown:
            print(Rules.markdownTable, terminator: "")
        }
    }
}
