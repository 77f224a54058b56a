import Foundation
import PackagePlugin

/// Compiles the files of a target's `Resources/` folder into the target as Swift string literals.
///
/// docctl is one binary: its clause trees, schemas, templates and site assets are part of the code,
/// so a binary copied alone cannot lose them (SwiftPM's resource bundle is a folder that must
/// travel beside the binary, and a missing one crashed `docctl check`). Every file of the folder is
/// an input of the command, so editing, adding or removing one regenerates the Swift file.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        // (Target.directoryURL needs tools version 6.1; the package's folder is there in 6.0.)
        let folder = context.package.directoryURL.appendingPathComponent("Sources/\(target.name)/Resources")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        var inputs: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        // The commit docctl is built from, for `docctl --version`: run before every build (a commit
        // changes no input file), rewritten only when it changed. Outside git it is left out.
        let info = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo")
        let script = """
            mkdir -p "$2" && commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null | tr -cd '0-9a-f')
            if [ -n "$commit" ]; then value="\\"$commit\\""; else value=nil; fi
            printf '// Generated before the build by the EmbedResources plugin; do not edit.\\n\\n/// Facts about this build of docctl.\\nenum BuildInfo {\\n    /// The git commit docctl was built from (nil when built outside git).\\n    static let commit: String? = %s\\n}\\n' "$value" > "$2/BuildInfo.swift.new"
            if cmp -s "$2/BuildInfo.swift.new" "$2/BuildInfo.swift"; then rm -f "$2/BuildInfo.swift.new"; else mv "$2/BuildInfo.swift.new" "$2/BuildInfo.swift"; fi
            """
        return [.prebuildCommand(displayName: "Recording the git commit of \(target.name)",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: ["-c", script, "sh", context.package.directoryURL.path, info.path],
                                 outputFilesDirectory: info),
                .buildCommand(displayName: "Embedding \(target.name)/Resources (\(inputs.count) files)",
                              executable: try context.tool(named: "docctl-embed").url,
                              arguments: [folder.path, output.path],
                              inputFiles: inputs.sorted { $0.path < $1.path },
                              outputFiles: [output])]
    }
}
