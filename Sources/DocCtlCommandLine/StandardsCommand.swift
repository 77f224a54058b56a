import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl standards [list|show ID]`.
struct StandardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standards",
        abstract: "List the clause trees docctl knows, or show one.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the known clause trees.")
        func run() {
            let library = StandardsLibrary.builtIn
            for id in library.ids {
                guard let tree = library.tree(id) else { continue }
                let required = tree.clauses.values.filter { $0.auditable && !$0.untitled }.count
                let excludable = tree.clauses.values.filter { $0.excludable && $0.auditable }.count
                var flags = [excludable == 0 ? "exclusions: none" : "excludable: \(excludable)"]
                if tree.needsStatementOfApplicability { flags.append("statement of applicability") }
                if let replacement = tree.replacedBy { flags.append("withdrawn, replaced by \(replacement)") }
                print("\(id)\t\(tree.fullDesignation)\t\(tree.titleZH)\t\(tree.clauses.count) clauses, \(required) auditable\t" +
                      flags.joined(separator: "; "))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print one clause tree as an indented outline.")

        @Argument(help: "The standard's id, e.g. iso-iec-20000-1-2018.")
        var id: String

        @Option(help: "Title language: zh-CN or en.")
        var language: String = "zh-CN"

        func run() throws {
            let library = StandardsLibrary.builtIn
            guard let tree = library.tree(id) else {
                Terminal.error("error: unknown standard '\(id)'; known: \(library.ids.joined(separator: ", "))")
                throw ExitCode(2)
            }
            let lang = Language(rawValue: language) ?? .zhCN
            print("\(tree.fullDesignation) — \(lang == .en ? tree.titleEN : tree.titleZH)")
            for id in tree.order {
                guard let clause = tree.clause(id) else { continue }
                let indent = String(repeating: "  ", count: clause.depth - 1)
                var flags: [String] = []
                if !clause.auditable { flags.append("not auditable") }
                if clause.untitled { flags.append("untitled") }
                if clause.excludable && clause.auditable && (clause.parentID.flatMap(tree.clause)?.excludable != true) {
                    flags.append("excludable")
                }
                print("\(indent)\(id) \(clause.title(lang))\(flags.isEmpty ? "" : "  (\(flags.joined(separator: ", ")))")")
            }
        }
    }
}
