import Foundation

/// `docctl copy`: one self-contained, print-ready HTML file of a document's current revision —
/// a registered controlled copy (分发号) or an uncontrolled reference copy stamped with its date.
///
/// A controlled copy is made only of a released, approved, controlled document (status 受控)
/// and only for a copy number registered in its `distribution`; the page carries the copy number
/// and holder. An uncontrolled copy may be made of any document without check errors; its
/// control block says 不受控 with the print date, whatever the document's own status.
public struct DocumentCopy {
    /// Which copy.
    public enum Kind: Sendable, Equatable {
        /// A registered controlled copy, by its copy number (`01`, exactly as registered).
        case registered(String)
        case uncontrolled
    }

    public var set: DocumentSet
    public var diagnostics: [Diagnostic]
    public var templates: TemplateSet
    /// The print date stamped on the copy.
    public var date: Day

    public init(set: DocumentSet, diagnostics: [Diagnostic], templates: TemplateSet, date: Day) {
        self.set = set
        self.diagnostics = diagnostics
        self.templates = templates
        self.date = date
    }

    /// The page and its default file name (`QP-04_B-1_copy-01.html`, `QP-04_B-1_uncontrolled.html`).
    public func render(_ document: Document, _ kind: Kind) throws(WorkflowError) -> (html: String, fileName: String) {
        let errors = diagnostics.filter { $0.severity == .error && DocumentResolver.owns(document, path: $0.location?.path ?? "") }
        if !errors.isEmpty {
            throw .refused("no copy of \(document.number): `check` reports \(errors.count) error\(errors.count == 1 ? "" : "s") in its files",
                           diagnostics: errors)
        }
        let status = ControlStatus.of(document, in: set)
        let labels = Labels.for(set.config.language)
        var registration: CopyRegistration? = nil
        if case .registered(let number) = kind {
            guard status.state == .controlled else {
                let why: String
                if !document.controlled {
                    why = "it is an uncontrolled document (control: uncontrolled)"
                } else if status.reasons.contains(.changedAfterSealing) {
                    why = "it changed since \(status.follows ?? "its last release") was released"
                } else if status.reasons.contains(.notSealed) || status.reasons.contains(.noHistory) {
                    why = "\(status.revisionText) is not released yet"
                } else {
                    why = "its approvals are incomplete or out of order"
                }
                throw .refused("no controlled copy of \(document.number): \(why)",
                               notes: ["make an uncontrolled reference copy with --uncontrolled, or release the document first"])
            }
            guard let found = document.distribution.first(where: { $0.copy == number }) else {
                let registered = document.distribution.map(\.copy)
                throw .refused("copy number \(number) is not registered for \(document.number)",
                               notes: [registered.isEmpty ? "its document.yaml registers no copies (distribution)"
                                                          : "registered: " + document.distribution.map { "\($0.copy) (\($0.holder))" }.joined(separator: ", ")]
                                   + (Spelling.closest(to: number, in: registered).map { ["did you mean \($0)?"] } ?? []))
            }
            if let lost = document.copyIssues.first(where: { $0.copy == number && $0.closing == .lost }) {
                throw .refused("copy number \(number) of \(document.number) is void: it was lost\(lost.closed.map { " on \($0)" } ?? "") and is never issued again",
                               notes: ["register a new copy number for \(found.holder) in document.yaml's distribution"])
            }
            registration = found
        }
        let renderer: SiteRenderer
        let css: String
        do {
            renderer = try SiteRenderer(set: set, templates: templates, buildDate: date, today: date)
            css = String(decoding: try templates.resource("assets/docctl.css"), as: UTF8.self)
        } catch {
            throw .environment(error.description)
        }
        // Render the blocks first: past the expansion cap the renderer leaves references and generated
        // blocks as written, and a copy that silently lacks them must not be handed out.
        let placement = PageBuilder.Placement.standalone(css: css)
        let rendered = RenderedBlocks(document, renderer: MarkdownRenderer(context: renderer.builder.context(placement, document: document)))
        if rendered.expansionExceeded {
            throw .refused("no copy of \(document.number): its references and generated blocks expand to more than "
                               + "\(ExpansionBudget.maximumBytes >> 20) MiB of page text; nothing was written",
                           notes: ["refer to documents and clauses less often, or shorten the titles they show"])
        }
        var view = renderer.builder.documentPage(document, placement: placement, copy: registration, rendered: rendered)
        var notices = view.notice?.lines ?? []
        if let registration {
            let stamp = labels.controlledCopyStamp(copy: registration.copy, holder: registration.holder)
            notices.insert(stamp, at: 0)
            view.chrome.printNotice = stamp + " · \(labels.printDate) \(date)"
        } else {
            view.statusLabel = "\(labels.uncontrolled) · \(date)"
            view.statusClass = "status-uncontrolled"
            notices.insert(labels.uncontrolledCopyNotice(printed: date), at: 0)
        }
        view.notice = NoticeView(lines: notices)
        let revision = status.revision?.pathComponent ?? SiteMap.safeComponent(status.revisionText)
        let base = "\(SiteMap.safeComponent(document.number))_\(revision)"
        let name = registration.map { "\(base)_copy-\(SiteMap.safeComponent($0.copy)).html" } ?? "\(base)_uncontrolled.html"
        return (templates.render("document", view), name)
    }
}
