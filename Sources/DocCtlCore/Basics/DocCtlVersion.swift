/// docctl's version, and the git commit it was built from (recorded at build time by the
/// EmbedResources plugin; absent when built outside a git checkout, e.g. from a source tarball).
public enum DocCtlVersion {
    /// The release number; raised by hand when a release is tagged.
    public static let number = "0.9.0"

    /// The commit (12 hex digits), or nil when docctl was built outside git.
    public static var commit: String? { BuildInfo.commit }

    /// What `docctl --version` prints: `0.9.0 (commit 0123456789ab)`.
    public static var description: String {
        "\(number) (\(commit.map { "commit \($0)" } ?? "commit unknown: built outside git"))"
    }
}
