import Foundation

/// Loads the images a document's body shows (`![alt](media/flow.png)`), reporting every one that
/// cannot be part of a controlled document, at the image's place in the Markdown:
///
/// - a URL (`https://…`, `data:`) is `remote-image`: its content is not under document control;
/// - an absolute path, a `..` escape or a symbolic link out of the set is `path-outside-set`;
/// - a missing file is `missing-file`, one over ``DocumentImage/sizeLimit`` is `file-too-large`;
/// - anything but PNG, JPEG, GIF or WebP by its magic bytes, an extension that says otherwise, a file
///   cut short, and SVG above all, is `image-format`.
///
/// A target is resolved against the folder of the Markdown file that names it. Each file is read
/// once per document, however often it is shown.
enum ImageLoader {
    /// Why an image file cannot be shown: the rule, the message and the fix.
    struct Problem: Error {
        var rule: Rule
        var message: String
        var fix: String
    }

    /// The images the parsed body of `document` shows, in the order of its files and their text.
    static func references(of document: Document) -> [KeptBody.ImageReference] {
        var references: [KeptBody.ImageReference] = []
        for body in document.bodyFiles {
            let folder = body.path.split(separator: "/").dropLast().joined(separator: "/")
            for block in body.blocks {
                block.forEachInline { inline in
                    if case .image(let url, _, _, let location) = inline {
                        references.append(KeptBody.ImageReference(folder: folder, url: url, location: location))
                    }
                }
            }
        }
        return references
    }

    /// Loads the images `references` name into `document` (see ``references(of:)``): the same
    /// images and diagnostics whether the references come from the parsed body or a kept one.
    static func load(_ references: [KeptBody.ImageReference], into document: inout Document, context: inout LoadContext) {
        var outcomes: [String: Result<DocumentImage, Problem>] = [:]
        var images: [String: DocumentImage] = [:]
        for reference in references {
            guard let source = resolve(reference.url, from: reference.folder, at: reference.location, context: &context) else {
                document.hasUnreadableBody = true
                continue
            }
            let outcome = outcomes[source.path] ?? read(source.url, path: source.path)
            outcomes[source.path] = outcome
            switch outcome {
            case .success(let image):
                images[image.source] = image
                document.imageSources[reference.url] = image.source
            case .failure(let problem):
                context.reader.sink.report(problem.rule, at: reference.location, problem.message, fix: problem.fix)
                document.hasUnreadableBody = true
            }
        }
        document.images = images.keys.sorted().map { images[$0]! }
    }

    /// The file a target names, or nil after reporting why it cannot be an image of the document.
    static func resolve(_ url: String, from folder: String, at location: SourceLocation,
                        context: inout LoadContext) -> (url: URL, path: String)? {
        func sink(_ rule: Rule, _ message: String, _ fix: String) {
            context.reader.sink.report(rule, at: location, message, fix: fix)
        }
        switch LocalTarget.resolve(url, from: folder, root: context.root) {
        case .inside(let file, let path):
            return (file, path)
        case .none:
            sink(Rules.missingFile, "image '\(url)' names no file", "write the path of the image file, e.g. media/flow.png")
        case .url(let scheme):
            let what = scheme == "http" || scheme == "https" ? "is fetched from the network" : "is not a file of the document set"
            sink(Rules.remoteImage, "image '\(excerpt(url))' \(what): a controlled document cannot show content outside document control",
                 "save the image into the document's folder (e.g. media/) and refer to it with a relative path")
        case .absolute:
            sink(Rules.pathOutsideSet, "image '\(url)' is an absolute path; paths must stay inside the document set",
                 "use a path relative to the Markdown file")
        case .outside, .fileURL:
            sink(Rules.pathOutsideSet, "image '\(url)' leaves the document set", "copy the image into the document's folder")
        case .missing(let path):
            sink(Rules.missingFile, "image '\(url)' does not exist (looked for \(path))", "add the file, or correct the path")
        case .symlinkOut:
            sink(Rules.pathOutsideSet, "image '\(url)' is a symbolic link out of the document set",
                 "copy the image into the document's folder instead of linking it")
        }
        return nil
    }

    /// Reads and verifies one image file: a regular file within the size limit whose magic bytes
    /// say PNG, JPEG, GIF or WebP, as its extension does.
    static func read(_ url: URL, path: String) -> Result<DocumentImage, Problem> {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            return .failure(Problem(rule: Rules.missingFile, message: "image '\(path)' is a folder, not an image file",
                                    fix: "name the image file, e.g. \(path)/flow.png"))
        }
        let data: Data
        switch SourceReader.readData(url, limit: DocumentImage.sizeLimit) {
        case .success(let bytes):
            data = bytes
        case .failure(.tooLarge(let bytes, let limit)):
            return .failure(Problem(rule: Rules.fileTooLarge, message: "image \(path) is \(mebibytes(bytes)); the limit is \(mebibytes(limit)) per image",
                                    fix: "make it smaller: a diagram rarely needs more than a few hundred KB (PNG with fewer colours, or JPEG for photos)"))
        case .failure(.unreadable(let reason)), .failure(.notUTF8(let reason, _)):
            return .failure(Problem(rule: Rules.unreadableFile, message: "cannot read image \(path): \(reason)", fix: "check the file's permissions"))
        }
        let claimed = DocumentImage.Format.claimed(byExtension: name)
        let accepted = "PNG, JPEG, GIF or WebP"
        let svg = Problem(rule: Rules.imageFormat,
                          message: "image \(path) is SVG, which is not accepted: an SVG file can carry script that runs when it is opened from the intranet",
                          fix: "export the drawing as PNG")
        switch DocumentImage.sniff(data) {
        case .image(let format) where claimed == format:
            if let damage = DocumentImage.damage(data, format: format) {
                return .failure(Problem(rule: Rules.imageFormat, message: "image \(path) is a damaged \(format.displayName) file: \(damage)",
                                        fix: "copy or export the image again from its original"))
            }
            return .success(DocumentImage(source: path, format: format, data: data))
        case .svg:
            return .failure(svg)
        case .image(let format):
            let stem = name.split(separator: ".").count > 1 ? name.split(separator: ".").dropLast().joined(separator: ".") : name
            let says = claimed.map { "its extension says \($0.displayName)" } ?? "its extension is not that of an image"
            return .failure(Problem(rule: Rules.imageFormat, message: "image \(path) is a \(format.displayName) file, but \(says)",
                                    fix: "rename it to \(stem).\(format.fileExtension)"))
        case .other(let kind):
            if name.lowercased().hasSuffix(".svg") || name.lowercased().hasSuffix(".svgz") {
                return .failure(svg)
            }
            let what = kind.map { "a \($0) file" } ?? "not an image docctl can read"
            return .failure(Problem(rule: Rules.imageFormat, message: "image \(path) is \(what); images must be \(accepted) (checked by their first bytes)",
                                    fix: "export it as PNG (diagrams, screenshots) or JPEG (photos)"))
        }
    }

    static func mebibytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value == value.rounded() ? "\(Int(value)) MiB" : String(format: "%.1f MiB", value)
    }

    static func excerpt(_ url: String) -> String { url.count > 80 ? String(url.prefix(80)) + "…" : url }
}
