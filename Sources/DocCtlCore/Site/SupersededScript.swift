import Foundation

/// The part of `assets/docctl.js` that `publish` adds: the current revision of every published
/// document, and a banner on any revision page that is not the current one.
///
/// Revision pages are never rewritten after publication, so they cannot say themselves that a
/// newer revision exists; they all load `assets/docctl.js`, which every publish regenerates. The
/// page's document and revision come from its own path (`…/<number>/<L-N>/index.html`).
enum SupersededScript {
    /// The resource that holds the script's logic; only its data is generated.
    static let resource = "assets/docctl-status.js"
    /// Where the data goes in the resource.
    static let placeholder = "__DOCCTL_SITE__"

    /// The script for `current` (document folder → current revision folder): the logic of
    /// ``resource`` with the data of this publish in place of ``placeholder``.
    static func source(current: [String: String], language: Language, logic: Data) -> String {
        let labels = Labels.for(language)
        let notice = labels.supersededBanner
        let withdrawn = labels.withdrawnBanner
        let data: [String: Any] = [
            "current": current,
            "labels": ["superseded": labels.superseded, "notice": notice, "withdrawn": withdrawn,
                       "current": labels.currentRevisionLink, "masterList": labels.masterList],
        ]
        let json = (try? JSONSerialization.data(withJSONObject: data, options: [.sortedKeys, .withoutEscapingSlashes]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        // `<` never appears raw, so the data cannot end a script element.
        let safe = json.replacingOccurrences(of: "<", with: "\\u003c")
        return String(decoding: logic, as: UTF8.self).replacingOccurrences(of: placeholder, with: safe)
    }
}
