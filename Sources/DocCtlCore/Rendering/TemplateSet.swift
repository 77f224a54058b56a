import Foundation
import Mustache

/// The HTML templates (swift-mustache), loaded from a folder or from the copy bundled with docctl.
///
/// Templates are named by their path below the folder without `.mustache` (`document`,
/// `partials/head`). Templates escape every `{{value}}`; `{{{value}}}` is used only for
/// ``SafeHTML`` values, which docctl built and escaped itself.
public struct TemplateSet: Sendable {
    /// The templates every build needs.
    public static let required = ["document", "index", "coverage", "redirect"]
    /// Templates taken from the bundle when a `--templates` folder does not have them.
    public static let bundledFallbacks = ["register"]

    public let library: MustacheLibrary
    /// Where the templates came from, for messages.
    public let origin: String
    /// The folder, to find `assets/` and `document.xsd` beside the templates.
    public let folder: URL

    /// Loads every `*.mustache` below `folder` (recursively, sorted).
    public init(folder: URL) throws(DocCtlError) {
        ScalarHTMLEscaping.register()
        // `templates/` in the repository is a link to the bundled folder: resolve it to enumerate.
        let folder = folder.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .io("\(folder.path): no such templates folder")
        }
        var library = MustacheLibrary()
        let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        for relative in paths {
            let url = URL(fileURLWithPath: base + relative)
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw .io("\(url.path): cannot read the template as UTF-8")
            }
            do {
                try library.register(ScalarHTMLEscaping.pragma + text, named: String(relative.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                // The pragma is a line of its own in front of the template's text.
                throw .io("\(url.path):\(max(error.context.lineNumber - 1, 1)):\(error.context.columnNumber): template error: \(error.error)")
            } catch {
                throw .io("\(url.path): template error: \(error)")
            }
        }
        // Templates added after a user's copy was made come from the bundle: a folder given with
        // --templates before the register pages existed still renders them.
        for name in TemplateSet.bundledFallbacks where library.getTemplate(named: name) == nil {
            if let bundled = try? TemplateSet.bundledFolder(),
               let data = FileManager.default.contents(atPath: bundled.appendingPathComponent(name + ".mustache").path) {
                try? library.register(ScalarHTMLEscaping.pragma + String(decoding: data, as: UTF8.self), named: name)
            }
        }
        for name in TemplateSet.required + TemplateSet.bundledFallbacks where library.getTemplate(named: name) == nil {
            throw .io("\(folder.path): the template \(name).mustache is missing")
        }
        self.library = library
        self.origin = folder.path
        self.folder = folder
    }

    /// The templates bundled with docctl (`Sources/DocCtlCore/Resources/templates`).
    public static func bundled() throws(DocCtlError) -> TemplateSet {
        try TemplateSet(folder: bundledFolder())
    }

    /// The bundled templates folder.
    public static func bundledFolder() throws(DocCtlError) -> URL {
        guard let url = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw .io("the templates bundled with docctl are missing; reinstall docctl or pass --templates DIR")
        }
        return url
    }

    /// Renders `view` with the template `name`; HTML forbidden control characters are removed.
    public func render(_ name: String, _ view: Any) -> String {
        guard let output = library.render(TemplateNode.wrap(view), withTemplate: name) else {
            preconditionFailure("template \(name) was checked at load time")
        }
        return HTMLEscaping.removingForbidden(output)
    }

    /// A file beside the templates (`assets/docctl.css`, `document.xsd`).
    public func resource(_ relative: String) throws(DocCtlError) -> Data {
        let url = folder.appendingPathComponent(relative)
        if let data = FileManager.default.contents(atPath: url.path) { return data }
        // A templates folder given with --templates may hold only templates: fall back to the bundle.
        if let bundled = try? TemplateSet.bundledFolder(), let data = FileManager.default.contents(atPath: bundled.appendingPathComponent(relative).path) {
            return data
        }
        throw .io("\(url.path): missing (needed beside the templates)")
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
