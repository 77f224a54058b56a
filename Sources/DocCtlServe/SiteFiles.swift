import DocCtlCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Maps a request path to a file of the build folder, and never to anything outside it.
///
/// The path is percent-decoded once; a request is refused (nil) when a segment is empty, `.`, `..`
/// or hidden (`.docctl-output`, `.docctl-build-cache`), holds a NUL, a backslash or a `%` left after
/// decoding (`%252e%252e`), or when any part of the way is a symbolic link. A folder serves its
/// `index.html`.
public struct SiteFiles: Sendable {
    /// The build folder (its real path, symbolic links resolved once at start).
    public let root: String

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The relative path (`QP-04/A-0/index.html`) a request path names, or nil when it is refused.
    public static func relativePath(_ requestPath: String) -> String? {
        let pathOnly = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard pathOnly.hasPrefix("/"), let decoded = pathOnly.removingPercentEncoding else { return nil }
        if decoded.contains("\0") || decoded.contains("\\") || decoded.contains("%") { return nil }
        var segments = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.last == "" { segments.removeLast() }
        for segment in segments where segment.isEmpty || segment.hasPrefix(".") { return nil }
        return segments.joined(separator: "/")
    }

    /// The file to send for `requestPath`: its absolute path, or nil (404).
    public func file(for requestPath: String) -> String? {
        guard let relative = SiteFiles.relativePath(requestPath) else { return nil }
        var path = root
        var status = stat()
        // Every step of the way must be a real folder or file, never a link.
        for segment in relative.split(separator: "/") {
            path += "/" + segment
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFLNK else { return nil }
        }
        if (status.st_mode & S_IFMT) == S_IFDIR || relative.isEmpty {
            path += "/index.html"
            guard lstat(path, &status) == 0 else { return nil }
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return path
    }

    /// The Content-Type of a file, by its extension (text with charset=utf-8).
    public static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "xml", "xsd": "application/xml; charset=utf-8"
        case "txt", "sha256sums": "text/plain; charset=utf-8"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "svg": "image/svg+xml"
        case "webp": "image/webp"
        case "woff2": "font/woff2"
        default: path.hasSuffix("SHA256SUMS") ? "text/plain; charset=utf-8" : "application/octet-stream"
        }
    }
}

/// What `serve` changes in a page on its way out (the files on disk stay those of `build --draft`):
/// the reload script is added, and the page's Content-Security-Policy lets it open its event stream.
public enum LiveReload {
    /// The event stream: one `reload` event after every rebuild.
    public static let eventsPath = "/__docctl/events"
    /// The script that listens to it, served by docctl itself (nothing from a CDN).
    public static let scriptPath = "/__docctl/live-reload.js"

    /// The policy of a served page: the build's, plus `connect-src 'self'` for the event stream.
    public static let policy = ContentSecurityPolicy.policy + "; connect-src 'self'"

    public static let script = """
        // docctl serve: reloads this page when the sources change (Server-Sent Events from docctl itself).
        (function () {
          if (!window.EventSource) return;
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("reload", function () { source.close(); window.location.reload(); });
        })();

        """

    /// `html` with the serve policy in place of the build's and the reload script before `</head>`.
    public static func inject(_ html: Data) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        text = text.replacingOccurrences(of: ContentSecurityPolicy.meta,
                                         with: "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">")
        let tag = "<script src=\"\(scriptPath)\"></script>"
        if let head = text.range(of: "</head>") {
            text.replaceSubrange(head, with: tag + "</head>")
        } else {
            text += tag
        }
        return Data(text.utf8)
    }
}
