/// The per-revision status stylesheet `assets/status/<number>/<L-N>.css` that every revision page
/// links: it lives outside the revision folder, so `publish` rewrites it when the revision is
/// superseded or its document withdrawn, while the page itself never changes.
///
/// The file only sets custom properties; what they do (the 作废 control status, the notice, the
/// watermark on every printed page) is styled by the site's stylesheet (`assets/docctl.css`), so it
/// works without script and in print.
public enum RevisionStatusStyle {
    /// What a published revision is now.
    public enum State: Sendable, Equatable {
        /// The document's current revision: nothing to add.
        case current
        /// A later revision replaced it.
        case superseded(by: String)
        /// The document was withdrawn (`status: withdrawn`), with the date and reason its
        /// document.yaml records (none when it is no longer in the set).
        case withdrawn(on: Day?, reason: String?)
    }

    /// `assets/status/QP-04/B-1.css`, relative to the site root.
    public static func path(folder: String, revision: String) -> String {
        "assets/status/\(folder)/\(revision).css"
    }

    /// The stylesheet of revision `revision` of `number` in `state`.
    public static func css(number: String, revision: String, state: State, labels: Labels) -> String {
        switch state {
        case .current:
            return "/* docctl: \(safe(number)) \(safe(revision)) is the current revision (rewritten by every publish). */\n"
        case .superseded, .withdrawn:
            var header = "/* docctl: \(safe(number)) \(safe(revision)) is "
            if case .superseded(let by) = state { header += "superseded by \(safe(by))" } else { header += "withdrawn" }
            header += " (rewritten by every publish). */\n"
            let watermark: String
            if case .withdrawn = state { watermark = labels.withdrawnMark } else { watermark = labels.supersededMark }
            var notice = labels.supersededNotice
            if case .withdrawn(let on?, let reason?) = state {
                notice = labels.withdrawnNotice.replacingOccurrences(of: "{date}", with: on.description)
                    .replacingOccurrences(of: "{reason}", with: reason)
            }
            return header + ":root{"
                + "--docctl-status:\(HTMLEscaping.cssString(labels.supersededStatus));"
                + "--docctl-status-label:none;"
                + "--docctl-status-notice:\(HTMLEscaping.cssString(notice));"
                + "--docctl-status-notice-display:block;"
                + "--docctl-watermark:\(HTMLEscaping.cssString(watermark))}\n"
        }
    }

    /// Text for a CSS comment: nothing that could end it.
    static func safe(_ text: String) -> String {
        text.replacingOccurrences(of: "*", with: "")
    }
}

extension RevisionStatusStyle.State {
    /// The state of a revision of withdrawn `document`, with its withdrawal's date and reason.
    static func withdrawn(_ document: Document) -> Self {
        .withdrawn(on: document.withdrawal?.date?.value, reason: document.withdrawal?.reason)
    }
}
