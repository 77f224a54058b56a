import Foundation

/// The files docctl ships — clause trees, schemas, templates, site assets — compiled into the binary.
///
/// `Sources/DocCtlCore/Resources/` is turned into `EmbeddedResources.files` at build time by the
/// EmbedResources plugin, so a `docctl` binary copied alone has everything it needs.
public enum BuiltInResources {
    /// The relative paths of every built-in file, sorted (`standards/iso-9001-2015.xml`, `templates/index.mustache`).
    public static var paths: [String] { EmbeddedResources.files.keys.sorted() }

    /// The bytes of a built-in file by its path below `Resources/`, or nil when there is none.
    public static func data(_ path: String) -> Data? {
        EmbeddedResources.files[path].map { Data($0.utf8) }
    }

    /// The text of a built-in file by its path below `Resources/`, or nil when there is none.
    public static func text(_ path: String) -> String? {
        EmbeddedResources.files[path]
    }
}
