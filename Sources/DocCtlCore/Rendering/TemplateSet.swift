import Foundation
import Mustache

/// The HTML templates (swift-mustache), loaded from a folder (`--templates`) or the built-in set.
///
/// Templates are named by their path below the folder without `.mustache` (`document`,
/// `partials/head`). Templates escape every `{{value}}`; `{{{value}}}` is used only for
/// ``SafeHTML`` values, which docctl built and escaped itself.
public struct TemplateSet: Sendable {
    /// The templates every build needs.
    public static let required = ["document", "index", "coverage", "redirect"]
    /// Templates taken from the bundle when a `--templates` folder does not have them.
    public static let bundledFallbacks = ["register", "redline", "audit-pack"]

    public let library: MustacheLibrary
    /// Where the templates came from, for messages: a folder path or `built-in`.
    public let origin: String
    /// The folder given with `--templates`, to find `assets/` and `document.xsd` beside the
    /// templates; nil for the built-in set.
    public let folder: URL?
    /// SHA-256 over every template's name and text (an incremental build re-renders everything when it changes).
    public let fingerprint: String

    /// Loads every `*.mustache` below `folder` (recursively, sorted).
    public init(folder: URL) throws(DocCtlError) {
        // `templates/` in the repository is a link to the built-in folder: resolve it to enumerate.
        let folder = folder.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .io("\(folder.path): no such templates folder")
        }
        let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        var templates: [(relative: String, text: String)] = []
        for relative in paths {
            let url = URL(fileURLWithPath: base + relative)
            try TemplateSet.checkInside(url, base: base)
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw .io("\(url.path): cannot read the template as UTF-8")
            }
            templates.append((relative, text))
        }
        try self.init(templates: templates, display: { base + $0 }, origin: folder.path, folder: folder)
    }

    private init(templates: [(relative: String, text: String)], display: (String) -> String, origin: String, folder: URL?) throws(DocCtlError) {
        ScalarHTMLEscaping.register()
        var library = MustacheLibrary()
        var digested = "docctl-templates 1\n"
        for (relative, text) in templates {
            digested += "\(relative) \(text.utf8.count)\n\(text)"

            do {
                try library.register(ScalarHTMLEscaping.pragma + text, named: String(relative.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                // The pragma is a line of its own in front of the template's text.
                throw .io("\(display(relative)):\(max(error.context.lineNumber - 1, 1)):\(error.context.columnNumber): template error: \(error.error)")
            } catch {
                throw .io("\(display(relative)): template error: \(error)")
            }
        }
        // Templates added after a user's copy was made come from the bundle: a folder given with
        // --templates before the register pages existed still renders them.
        for name in TemplateSet.bundledFallbacks where library.getTemplate(named: name) == nil {
            if let text = BuiltInResources.text("templates/\(name).mustache") {
                digested += "fallback \(name) \(text.utf8.count)\n\(text)"
                try? library.register(ScalarHTMLEscaping.pragma + text, named: name)
            }
        }
        for name in TemplateSet.required + TemplateSet.bundledFallbacks where library.getTemplate(named: name) == nil {
            throw .io("\(origin): the template \(name).mustache is missing")
        }
        self.library = library
        self.fingerprint = SHA256Hex.of(Data(digested.utf8))
        self.origin = origin
        self.folder = folder
    }

    /// The templates built into docctl (`Sources/DocCtlCore/Resources/templates`).
    public static func bundled() throws(DocCtlError) -> TemplateSet {
        let prefix = "templates/"
        let templates = BuiltInResources.paths.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".mustache") }
            .compactMap { path in BuiltInResources.text(path).map { (relative: String(path.dropFirst(prefix.count)), text: $0) } }
        return try TemplateSet(templates: templates, display: { "built-in templates/" + $0 }, origin: "built-in", folder: nil)
    }

    /// Renders `view` with the template `name`; HTML forbidden control characters are removed.
    public func render(_ name: String, _ view: Any) -> String {
        guard let output = library.render(TemplateNode.wrap(view), withTemplate: name) else {
            preconditionFailure("template \(name) was checked at load time")
        }
        return HTMLEscaping.removingForbidden(output)
    }

    /// Refuses a template file that is a symbolic link out of the templates folder (or reaches
    /// outside it through one) or not a regular file: the set's path rules hold for templates too,
    /// so that `--templates` cannot put a file from elsewhere (`/etc/passwd`) into every page.
    static func checkInside(_ url: URL, base: String) throws(DocCtlError) {
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(base) else {
            throw .io("\(url.path) leads out of the templates folder (to \(resolved)); templates and their assets must be files inside it")
        }
        let type = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type] as? FileAttributeType
        guard type == .typeRegular else { throw .io("\(url.path) is not a regular file; templates and their assets must be files inside the folder") }
    }

    /// A file beside the templates (`assets/docctl.css`, `document.xsd`): from the `--templates`
    /// folder when it has it (a folder may hold only templates), else the built-in one. A file of
    /// the folder that is a link out of it is refused, as templates are.
    public func resource(_ relative: String) throws(DocCtlError) -> Data {
        if let folder {
            let url = folder.appendingPathComponent(relative)
            let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
            if FileManager.default.fileExists(atPath: url.path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil {
                try TemplateSet.checkInside(url, base: base)
            }
            if let data = FileManager.default.contents(atPath: url.path) { return data }
        }
        if let data = BuiltInResources.data("templates/" + relative) { return data }
        throw .io("\(origin)/\(relative): missing (needed beside the templates)")
    }
}

/// The escaping of every `{{value}}`: docctl's own, by Unicode scalar.
///
/// swift-mustache's HTML escaping walks Characters, and a quote followed by a combining mark
/// (`"` U+0301) is one Character that is not `"`: it was left unescaped and ended an attribute
/// value, letting source text add `onmouseover=…` to a page. Every template (bundled or given
/// with `--templates`, partials included, since each partial starts with the default content
/// type again) is registered with a pragma selecting this content type, which escapes with
/// ``HTMLEscaping/text(_:)``: the same five references, found scalar by scalar, and a byte scan
/// that skips clean text.
enum ScalarHTMLEscaping: MustacheContentType {
    case html

    static let name = "DOCCTL_HTML"
    /// Put in front of every template's text.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    func escapeText(_ text: String) -> String { HTMLEscaping.text(text) }

    private static let registration: Void = MustacheContentTypes.register(ScalarHTMLEscaping.html, named: name)

    /// Registers the content type with swift-mustache (once per process).
    static func register() { _ = registration }
}
