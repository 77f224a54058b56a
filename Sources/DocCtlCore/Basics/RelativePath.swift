/// Paths that stay inside the folder they are relative to: what a site manifest may list and what a
/// zip entry may be named.
public enum RelativePath {
    /// A relative `/`-separated path with no empty, `.` or `..` component, no leading `/`, no
    /// backslash and no control character.
    public static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\")
            && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
