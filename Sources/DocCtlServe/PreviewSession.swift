import DocCtlCore
import Foundation

/// `docctl serve`'s builds: the set loaded and checked, then rendered as a draft (`build --draft`)
/// into the build folder, incrementally — only the documents whose sources, or whose referenced
/// documents, changed are rendered again (see ``BuildCache``).
public final class PreviewSession: @unchecked Sendable {
    public struct Summary: Sendable, CustomStringConvertible {
        public var documents: Int
        public var rendered: Int
        public var reused: Int
        public var errors: Int
        public var warnings: Int
        public var seconds: Double

        public var description: String {
            "\(rendered) of \(documents) document\(documents == 1 ? "" : "s") rendered (\(reused) unchanged) in "
                + String(format: "%.0f ms", seconds * 1000) + "; \(errors) error\(errors == 1 ? "" : "s"), "
                + "\(warnings) warning\(warnings == 1 ? "" : "s") shown on the pages"
        }
    }

    public let setRoot: URL
    public let output: URL
    let templates: TemplateSet
    let today: Day
    let environment: [String: String]

    public init(set: URL, output: URL, templates: TemplateSet, today: Day, environment: [String: String] = ProcessInfo.processInfo.environment) {
        setRoot = set
        self.output = output
        self.templates = templates
        self.today = today
        self.environment = environment
    }

    /// Loads, checks and renders the set into ``output``; only what changed since the last build is rendered.
    public func rebuild() throws(DocCtlError) -> Summary {
        let start = Date()
        let (set, loadDiagnostics) = try DocumentSetLoader().load(setRoot)
        let raw = loadDiagnostics + Checker(today: today).run(set)
        let diagnostics = DiagnosticEngine(overrides: set.config.ruleSeverities, strict: false).finalize(raw)
        // As `build --today`: SOURCE_DATE_EPOCH when set, else the day checked against.
        let settings = RenderSettings(templates: templates, buildDate: try Day.sourceDateEpoch(environment) ?? today, today: today)
        let renderer = try settings.renderer(for: set, draft: DraftBuild(diagnostics: diagnostics))
        let counts = try renderer.write(to: output, incremental: true)
        return Summary(documents: set.documents.count, rendered: counts.rendered, reused: counts.reused,
                       errors: diagnostics.filter { $0.severity == .error }.count,
                       warnings: diagnostics.filter { $0.severity == .warning }.count,
                       seconds: Date().timeIntervalSince(start))
    }

    /// Serves the build folder on `server` and rebuilds on every change `watcher` sees, telling the
    /// open pages to reload, until `shouldStop` returns true. `log` receives one line per rebuild.
    public func watch(_ watcher: SourceWatcher, server: PreviewServer, shouldStop: @escaping @Sendable () -> Bool,
                      log: @escaping @Sendable (String) -> Void) {
        while !shouldStop() {
            guard watcher.waitForChange(timeout: 0.5, stop: shouldStop) else { continue }
            do {
                let summary = try rebuild()
                log("rebuilt: \(summary)")
                server.broadcaster.send("reload", data: "\(summary.rendered)")
            } catch {
                log("error: \(error.description) (the pages stay as they were)")
            }
        }
    }
}
