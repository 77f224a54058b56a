import DocCtlCore
import Foundation

extension ImportConverter {
    /// Builds the document folder's files and completes the report.
    mutating func finish(package: inout DocxPackage) throws(ImportError) -> ImportedDocument {
        let type = options.type ?? guessedType
        if options.type == nil {
            report.add(.guessed, at: nil, text: nil, "the document type '\(type.rawValue)' was guessed from the title; give --type to set it")
        }
        // Title: the cover's 文件名称, a Title-styled line, a line naming the kind of document.
        var title = control[.title]?.value
        if title == nil, let candidate = titleCandidates.first(where: \.strong) ?? titleCandidates.first {
            title = candidate.text
            report.add(.found, candidate.paragraph, "title")
        }
        if title == nil {
            title = ((source as NSString).lastPathComponent as NSString).deletingPathExtension
            report.add(.guessed, at: nil, text: nil, "no title found on the cover; the file name '\(title!)' is the title")
        }
        let number = options.number ?? control[.number]?.value
        for paragraph in coverDropped {
            report.add(.dropped, paragraph, "cover text was not carried over (the page header, company name and cover are built by docctl)")
        }

        var yaml = YAMLText()
        yaml.line("number", number.map(YAMLText.scalar) ?? "")
        yaml.line("title", YAMLText.scalar(title!))
        yaml.line("type", type.rawValue)
        if let owner = control[.owner] {
            let id = options.departments.first { $0.name == owner.value || $0.id == owner.value }?.id
            yaml.line("owner", YAMLText.scalar(id ?? owner.value))
            if id == nil { report.add(.fix, at: owner.paragraph, text: owner.value, "owner department '\(owner.value)' is not a department of the set's organization.yaml") }
        } else {
            report.add(.fix, at: nil, text: nil, "no owner department on the cover: set 'owner' in document.yaml to a department id")
        }
        if let classification = control[.classification] {
            yaml.line("classification", YAMLText.scalar(classification.value))
            foundField(.classification)
        } else {
            report.add(.fix, at: nil, text: nil, "no 密级 (classification) on the cover: set 'classification' in document.yaml")
        }
        var controlled = "controlled"
        if let status = control[.control] {
            foundField(.control)
            if status.value.contains("非受控") || status.value.contains("不受控") || status.value.lowercased().contains("uncontrolled") { controlled = "uncontrolled" }
        } else {
            report.add(.guessed, at: nil, text: nil, "no 受控状态 on the cover: the document is imported as controlled")
        }
        yaml.line("control", controlled)
        yaml.line("clause-numbering", type == .manual ? "standard" : "own")
        var approvals: [(String, Signature, Int)] = []
        for (field, key) in [(ControlField.prepared, "prepared"), (.reviewed, "reviewed"), (.approved, "approved")] {
            guard let value = control[field] else { continue }
            let signature = Signature(value.value)
            guard !signature.name.isEmpty else { continue }
            approvals.append((key, signature, value.paragraph))
            foundField(field)
        }
        if !approvals.isEmpty {
            yaml.raw("approvals:")
            for (key, signature, _) in approvals {
                let date = signature.date.map { ", date: \($0)" } ?? ""
                yaml.raw("  \(key): { name: \(YAMLText.quoted(signature.name))\(date) }")
            }
        }
        for (field, key) in [(ControlField.issued, "issued"), (.effective, "effective")] {
            guard let value = control[field] else { continue }
            if let (day, _) = DateText.day(in: value.value) {
                yaml.line(key, day.description)
                foundField(field)
            } else {
                report.add(.dropped, at: value.paragraph, text: value.value, "\(key) date '\(value.value)' is not a date; it was not carried over")
            }
        }
        yaml.line("review-every", "12 months")
        if let copy = control[.copy] {
            report.add(.dropped, at: copy.paragraph, text: copy.value, "分发号 (copy number) '\(copy.value)' was not carried over: add it under 'distribution' with its holder")
        }
        foundField(.number)
        if control[.title] != nil { foundField(.title) }

        let historyYAML = historyFile(title: title!, number: number, approvals: approvals)
        reportClauseMapping()

        var files: [(String, [UInt8])] = [("document.yaml", Array(yaml.text.utf8)), ("history.yaml", Array(historyYAML.utf8))]
        let bodies = chunks.filter { !$0.blocks.isEmpty }
        if type == .manual && bodies.count > 1 {
            var used = Set<String>()
            for (index, chunk) in bodies.enumerated() {
                let prefix = index < 10 ? "0\(index)" : "\(index)"
                var name = "\(prefix)-\(chunk.key).md"
                if used.contains(name) { name = "\(prefix)-\(chunk.key)-\(index).md" }
                used.insert(name)
                files.append((name, Array((chunk.blocks.joined(separator: "\n\n") + "\n").utf8)))
            }
        } else {
            let text = bodies.flatMap(\.blocks).joined(separator: "\n\n") + "\n"
            files.append(("body.md", Array(text.utf8)))
        }
        for (name, data) in media { files.append(("media/" + name, [UInt8](data))) }
        // In the order of the Word file; items without a place first.
        report.items = report.items.enumerated().sorted { a, b in
            (a.element.paragraph ?? 0, a.offset) < (b.element.paragraph ?? 0, b.offset)
        }.map(\.element)
        return ImportedDocument(number: number, title: title!, type: type, files: files, report: report, organization: organization)
    }

    mutating func foundField(_ field: ControlField) {
        guard let value = control[field] else { return }
        report.counts.controlFields += 1
        let place = marginFields.contains(field) ? " (from the page header or footer)" : ""
        report.add(.found, at: value.paragraph == 0 ? nil : value.paragraph, text: value.value, "control field \(field.labels[0])\(place)")
    }

    /// history.yaml: the Word history rows as written (unsealed), or one entry made from the cover.
    mutating func historyFile(title: String, number: String?, approvals: [(String, Signature, Int)]) -> String {
        var lines = ["# 文档修改记录 — \(number ?? "") \(title) (imported from \((source as NSString).lastPathComponent); not released yet)"]
        var rows = history
        if rows.isEmpty {
            var revision = control[.version]?.value ?? ""
            if let count = control[.revision]?.value {
                if revision.isEmpty { revision = count }
                else if !revision.contains("/") { revision += "/" + count }
            }
            if !revision.isEmpty {
                // The issue date, else the approval's, else the effective date: the day the revision was made.
                let date = control[.issued].flatMap { DateText.day(in: $0.value)?.0 }
                    ?? approvals.first { $0.0 == "approved" }?.1.date
                    ?? control[.effective].flatMap { DateText.day(in: $0.value)?.0 }
                let author = approvals.first { $0.0 == "prepared" }?.1.name ?? ""
                let approver = approvals.first { $0.0 == "approved" }?.1.name ?? ""
                rows = [HistoryRow(revision: revision, date: date, dateText: control[.issued]?.value ?? "", change: "新建", sections: "全部",
                                   author: author, approver: approver, paragraph: control[.version]?.paragraph ?? control[.revision]?.paragraph ?? 0)]
                report.add(.guessed, at: rows[0].paragraph, text: revision, "no revision history table: one entry '\(revision)' was made from the cover, with change '新建'")
                foundField(.version)
                foundField(.revision)
            } else {
                report.add(.fix, at: nil, text: nil, "no revision history table and no 版本/修订状态 on the cover: write the first entry of history.yaml")
                return lines.joined(separator: "\n") + "\n[]\n"
            }
        } else {
            report.counts.historyRows = rows.count
            report.add(.found, at: rows[0].paragraph, text: rows[0].revision, "revision history: \(rows.count) row\(rows.count == 1 ? "" : "s")")
        }
        for row in rows {
            lines.append("- revision: \(YAMLText.quoted(row.revision))")
            if CachedRegex.range(#"^[A-Z]/\d+$"#, in: row.revision) == nil {
                report.add(.fix, at: row.paragraph, text: row.revision, "revision mark '\(row.revision)' is written as in Word; a docctl mark is an edition letter, '/', and a number (e.g. A/0)")
            }
            if let date = row.date {
                lines.append("  date: \(date)")
            } else {
                lines.append("  date: \(YAMLText.quoted(row.dateText))")
                report.add(.fix, at: row.paragraph, text: row.dateText, "history row \(row.revision) has no readable date")
            }
            lines.append("  change: \(YAMLText.quoted(row.change.isEmpty ? "—" : row.change))")
            if row.change.isEmpty { report.add(.fix, at: row.paragraph, text: row.revision, "history row \(row.revision) has no change description") }
            if !row.sections.isEmpty { lines.append("  sections: \(YAMLText.quoted(row.sections))") }
            lines.append("  author: \(YAMLText.quoted(row.author))")
            if row.author.isEmpty { report.add(.fix, at: row.paragraph, text: row.revision, "history row \(row.revision) names no author (修改人)") }
            if !row.approver.isEmpty { lines.append("  approver: \(YAMLText.quoted(row.approver))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Just enough YAML writing for document.yaml and history.yaml, with the core's scalar rules
/// (plain where that reads back as the same string, double-quoted otherwise).
struct YAMLText {
    private(set) var text = ""

    mutating func line(_ key: String, _ value: String) { text += "\(key): \(value)\n" }
    mutating func raw(_ line: String) { text += line + "\n" }

    static func scalar(_ value: String) -> String { YAMLScalarText.format(value, inFlow: false) }

    static func quoted(_ value: String) -> String { YAMLScalarText.doubleQuoted(value) }
}
