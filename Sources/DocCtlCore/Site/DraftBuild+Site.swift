import Foundation

extension DraftBuild {
    /// Why `publish` and `verify` refuse a folder that holds ``marker``.
    static func refusal(_ folder: URL) -> WorkflowError {
        .refused("\(folder.path) is a draft build (`docctl build --draft`): a preview of unchecked sources, never a site; nothing was touched",
                 notes: ["publish the released documents with `docctl publish SET --to SITE` into the site's own folder"])
    }
}
