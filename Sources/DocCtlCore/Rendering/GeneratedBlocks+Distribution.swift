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

/// `{{external-document-list}}`: the 外来文件清单 of docset.yaml's `external-documents`.
extension GeneratedBlocks {
    /// External documents whose currency check is past due on `today`.
    static func overdueExternalDocuments(_ set: DocumentSet, today: Day?) -> [DocSetConfig.ExternalDocument] {
        guard let today else { return [] }
        return set.config.externalDocuments.filter { external in
            external.checkEveryMonths != nil && (external.nextCheck.map { $0 < today } ?? true)
        }
    }

    func externalDocumentList() -> [HTMLNode] {
        let words = EvidenceLabels.for(context.language)
        let overdue = Set(GeneratedBlocks.overdueExternalDocuments(set, today: context.today).map(\.location))
        let header = [labels.serial, labels.title, words.versionOrDate, words.issuer, words.ownerDepartment, words.distributedTo,
                      words.lastChecked, words.nextCheck]
        let externals = set.config.externalDocuments
        let rows = externals.enumerated().map { index, external -> [HTMLNode] in
            let late = overdue.contains(external.location)
            let next = external.nextCheck.map { $0.description + (late ? words.checkOverdue : "") } ?? (late ? words.checkOverdue : "")
            return [GeneratedBlocks.cell(String(index + 1), "num"), GeneratedBlocks.cell(external.title),
                    GeneratedBlocks.cell(external.version ?? external.source ?? ""), GeneratedBlocks.cell(external.issuer ?? ""),
                    GeneratedBlocks.cell(departmentName(external.owner?.value)),
                    GeneratedBlocks.cell(external.distribution.map { departmentName($0) }.joined(separator: "、")),
                    GeneratedBlocks.cell(external.lastChecked?.value.description ?? "", "nowrap"),
                    GeneratedBlocks.cell(next, late ? "nowrap overdue" : "nowrap")]
        }
        return [GeneratedBlocks.table(header, rows, rowAttributes: externals.map { overdue.contains($0.location) ? [("class", "check-overdue")] : [] },
                                      className: "list-table register-table")]
    }
}

/// `{{withdrawn-document-list}}`: the 作废文件清单 — documents marked `status: withdrawn` that the page
/// may show, with the revision they were last released at and their withdrawal record (date,
/// reason, approver: document.yaml's `withdrawn:`). Their published revisions stay on the
/// site, marked 作废 like superseded ones; the master list and `{{document-list}}` leave them out.
extension GeneratedBlocks {
    /// The withdrawn documents a page in `context` shows, in the set's order.
    static func withdrawnDocuments(_ set: DocumentSet, shownBy context: PageContext) -> [Document] {
        set.documents.filter { $0.withdrawn && context.shows($0.number) }
    }

    func withdrawnDocumentList() -> [HTMLNode] {
        let documents = GeneratedBlocks.withdrawnDocuments(set, shownBy: context)
        let words = EvidenceLabels.for(context.language)
        let header = [labels.serial, labels.documentNumber, labels.title, labels.type, labels.revision, labels.effective, labels.owner,
                      labels.withdrawnOn, labels.withdrawalReason, words.approvedBy, labels.controlStatus]
        let rows = documents.enumerated().map { index, document -> [HTMLNode] in
            let status = context.site.status(document.number)
            let withdrawal = document.withdrawal
            return [GeneratedBlocks.cell(String(index + 1), "num"), documentCell(document),
                    .el("td", [], [context.link(context.documentURL(document.number), class: "doctitle", [.text(document.title)])]),
                    GeneratedBlocks.cell(labels.typeName(document.type)), GeneratedBlocks.cell(status?.revisionText ?? "", "nowrap"),
                    GeneratedBlocks.cell(document.effective?.value.description ?? "", "nowrap"),
                    GeneratedBlocks.cell(departmentName(document.owner?.value)),
                    GeneratedBlocks.cell(withdrawal?.date?.value.description ?? "", "nowrap"),
                    GeneratedBlocks.cell(withdrawal?.reason ?? "", "withdrawal-reason"),
                    GeneratedBlocks.cell(withdrawal?.approvedBy ?? ""),
                    GeneratedBlocks.cell(labels.withdrawnStatus, "status status-withdrawn")]
        }
        return [GeneratedBlocks.table(header, rows, className: "list-table register-table")]
    }
}

/// `{{record-disposition}}`: the 记录保管与销毁台账 of records-log.yaml, each batch with the date its
/// retention ends and where it stands on --today (kept, due for disposal, disposed of with approver).
extension GeneratedBlocks {
    func recordDisposition() -> [HTMLNode] {
        let words = EvidenceLabels.for(context.language)
        let batches = set.recordBatches
        if batches.isEmpty { return [.el("p", [("class", "register-empty")], text: words.noBatches)] }
        let header = [labels.serial, labels.recordID, labels.recordTitle, words.batch, labels.owner, labels.retention, words.closedOn,
                      words.dueOn, words.disposition, words.approvedBy]
        var attributes: [[(String, String)]] = []
        let rows = batches.enumerated().map { index, batch -> [HTMLNode] in
            let record = set.record(id: batch.record.value)
            let state = batch.state(retention: record?.retention, today: context.today)
            var stateText: String
            switch state {
            case .kept: stateText = words.kept
            case .due: stateText = words.dueForDisposal
            case .disposed: stateText = words.disposed + (batch.disposed.map { " \($0.value)" } ?? "")
            case .permanent: stateText = words.keptPermanently
            }
            if record == nil { stateText = "" }
            attributes.append([("class", state == .due ? "disposal-due" : state == .disposed ? "disposal-done" : "disposal-kept")])
            return [GeneratedBlocks.cell(String(index + 1), "num"), GeneratedBlocks.cell(batch.record.value, "nowrap"),
                    GeneratedBlocks.cell(record?.title ?? ""), GeneratedBlocks.cell(batch.batch), GeneratedBlocks.cell(departmentName(record?.owner)),
                    GeneratedBlocks.cell(GeneratedBlocks.retention(record?.retention, context.language)),
                    GeneratedBlocks.cell(batch.closed?.description ?? "", "nowrap"),
                    GeneratedBlocks.cell(batch.due(retention: record?.retention)?.description ?? "", "nowrap"),
                    GeneratedBlocks.cell(stateText, "disposal-state"), GeneratedBlocks.cell(batch.approvedBy ?? "")]
        }
        return [GeneratedBlocks.table(header, rows, rowAttributes: attributes, className: "list-table register-table")]
    }
}

/// `{{briefing-record}}`: the 文件宣贯确认记录 — per document with a briefing, its current revision,
/// who on the distribution list acknowledged it (with name and date), who did not, and the share.
extension GeneratedBlocks {
    func briefingRecord() -> [HTMLNode] {
        let words = EvidenceLabels.for(context.language)
        let briefed = set.documents.compactMap { document in document.briefingStatus(policy: set.config.briefing).map { (document, $0) } }
        if briefed.isEmpty { return [.el("p", [("class", "register-empty")], text: words.noBriefings)] }
        let header = [labels.serial, labels.documentNumber, labels.title, labels.revision, labels.effective, words.acknowledgeBy,
                      words.acknowledgedBy, words.notAcknowledged, words.acknowledgedShare]
        var attributes: [[(String, String)]] = []
        let rows = briefed.enumerated().map { index, pair -> [HTMLNode] in
            let (document, status) = pair
            let overdue = status.isOverdue(on: context.today)
            attributes.append(overdue ? [("class", "briefing-overdue")] : [])
            let acknowledged = status.acknowledged.map { ack in
                [ack.holder, ack.name.map { "（\($0)）" } ?? "", ack.date.map { " \($0)" } ?? ""].joined()
            }
            return [GeneratedBlocks.cell(String(index + 1), "num"), documentCell(document), GeneratedBlocks.cell(document.title),
                    GeneratedBlocks.cell(status.revision, "nowrap"), GeneratedBlocks.cell(document.effective?.value.description ?? "", "nowrap"),
                    GeneratedBlocks.cell((status.due?.description ?? "") + (overdue ? words.overdueMark : ""), overdue ? "nowrap overdue" : "nowrap"),
                    GeneratedBlocks.cell(acknowledged.joined(separator: "；"), "briefing-acks"), GeneratedBlocks.cell(status.missing.joined(separator: "、"), "briefing-missing"),
                    GeneratedBlocks.cell(words.share(status), "nowrap")]
        }
        return [GeneratedBlocks.table(header, rows, rowAttributes: attributes, className: "list-table register-table")]
    }
}
