/// The Content-Security-Policy every page docctl writes carries, as a `<meta>` element right after
/// the charset (the bundled templates spell it out; `ContentSecurityPolicyTests` checks every page).
///
/// Defence in depth behind the escaping of all source text: should text ever reach a page as markup,
/// the browser still runs no inline script or event handler and loads nothing from elsewhere.
/// Scripts and stylesheets come only from the site itself (`assets/`); styles may be inline (each
/// page's `@page` rules, the self-contained controlled copy); images come from the site or are
/// `data:` URLs (images inlined into a copy).
public enum ContentSecurityPolicy {
    public static let policy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'"

    /// The `<meta http-equiv>` element with ``policy``.
    public static let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"
}
