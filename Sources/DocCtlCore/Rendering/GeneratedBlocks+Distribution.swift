/// `{{distribution-register}}`: the 文件发放回收登记表 of every document with issued copies.
extension GeneratedBlocks {
    /// One row per issued copy, document by document in the set's order, in register order.
    func distributionRegister() -> [HTMLNode] {
        let words = EvidenceLabels.for(context.language)
        var rows: [[HTMLNode]] = []
        var attributes: [[(String, String)]] = []
        for document in set.documents where !document.copyIssues.isEmpty {
            let superseded = document.supersededRevisions
            for issue in document.copyIssues {
                let toRecall = issue.isOutstanding && superseded.contains(issue.revisionText)
                let stateClass = toRecall ? "copy-to-recall" : issue.closing.map { "copy-\($0.rawValue)" } ?? "copy-in-use"
                rows.append([GeneratedBlocks.cell(String(rows.count + 1), "num"), documentCell(document),
                             GeneratedBlocks.cell(document.title), GeneratedBlocks.cell(issue.revisionText, "nowrap"),
                             GeneratedBlocks.cell(issue.copy, "nowrap"), GeneratedBlocks.cell(issue.holder),
                             GeneratedBlocks.cell(issue.issued?.description ?? "", "nowrap"),
                             GeneratedBlocks.cell(words.state(issue, superseded: superseded.contains(issue.revisionText)), "copy-state"),
                             GeneratedBlocks.cell(issue.note ?? "")])
                attributes.append([("class", stateClass)])
            }
        }
        if rows.isEmpty { return [.el("p", [("class", "register-empty")], text: words.noCopies)] }
        let header = [labels.serial, labels.documentNumber, labels.title, labels.revision, words.copyNumber, words.holder,
                      words.issuedOn, words.recallState, words.note]
        return [GeneratedBlocks.table(header, rows, rowAttributes: attributes, className: "list-table register-table")]
    }
}
