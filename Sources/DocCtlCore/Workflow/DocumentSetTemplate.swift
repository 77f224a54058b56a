import Foundation

/// `docctl init`: a new document set for a standard, with a manual that has a heading for every
/// clause down to the coverage depth, each with a `TODO` paragraph that `check` reports
/// (`unfinished-section`) until it is written, and empty approvals that it reports
/// (`approval-missing`) until the manual is approved.
public struct DocumentSetTemplate: Sendable {
    public var standard: ClauseTree
    public var language: Language
    public var organization: String
    /// The date of the first history entry.
    public var date: Day
    public var coverageDepth = 3
    /// `init --from FILE.docx`: the files of an imported manual (relative to `manual/`), written
    /// instead of the heading stubs, and its number.
    public var importedManual: (number: String, files: [(path: String, data: [UInt8])])?

    public init(standard: ClauseTree, language: Language, organization: String?, date: Day) {
        self.standard = standard
        self.language = language
        self.organization = organization ?? StarterWords.for(language).exampleOrganization
        self.date = date
    }

    var words: StarterWords { StarterWords.for(language) }

    /// The manual's number, after the kind of standard.
    public var manualNumber: String {
        if let importedManual { return importedManual.number }
        if standard.id.hasPrefix("iso-iec-20000") { return "ITSM-M-01" }
        if standard.id.hasPrefix("iso-iec-27001") { return "ISMS-M-01" }
        if standard.id.hasPrefix("iso-9001") { return "QM-01" }
        return "MS-M-01"
    }

    var manualTitle: String {
        if standard.id.hasPrefix("iso-iec-20000") { return words.manualTitles.itsm }
        if standard.id.hasPrefix("iso-iec-27001") { return words.manualTitles.isms }
        if standard.id.hasPrefix("iso-9001") { return words.manualTitles.quality }
        return words.manualTitles.other
    }

    /// The clauses that get a heading: titled, down to the coverage depth, in the standard's order.
    public var clauses: [Clause] {
        standard.order.compactMap { standard.clause($0) }.filter { $0.depth <= coverageDepth && !$0.untitled }
    }

    /// The clauses that get a matrix row: the required ones (auditable, titled, within the depth).
    var requiredClauses: [Clause] { clauses.filter(\.auditable) }

    /// Every file of the new set as bytes: ``files()``, or with the imported manual's files in
    /// `manual/` instead of the stubs.
    public func allFiles() -> [(path: String, data: [UInt8])] {
        guard let importedManual else { return files().map { ($0.path, Array($0.text.utf8)) } }
        let rest = files().filter { !$0.path.hasPrefix("manual/") }.map { ($0.path, Array($0.text.utf8)) }
        return (rest + importedManual.files.map { ("manual/" + $0.path, $0.data) }).sorted { $0.0 < $1.0 }
    }

    /// Every file of the new set: relative path → text, in path order.
    public func files() -> [(path: String, text: String)] {
        var files: [(String, String)] = [
            ("docset.yaml", docset()), ("organization.yaml", organizationYAML()), ("responsibilities.csv", matrix()),
            ("records.yaml", records()), ("manual/document.yaml", manualDocument()), ("manual/history.yaml", history()),
        ]
        for chapter in clauses where chapter.parentID == nil {
            files.append(("manual/\(fileName(chapter)).md", chapterText(chapter)))
        }
        files.append(("manual/99-appendices.md", appendices()))
        if standard.needsStatementOfApplicability { files.append(("applicability.yaml", applicability())) }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The Statement of Applicability to decide: every control applicable and planned, covered by
    /// its TODO section of the manual until the organisation decides otherwise.
    func applicability() -> String {
        let controls = standard.order.compactMap { standard.clause($0) }
            .filter { $0.excludable && $0.auditable && !$0.untitled && $0.childIDs.isEmpty }
        var text = "# \(words.applicabilityComment)\n"
        for control in controls { text += "\(control.id): { applicable: true, status: planned }\n" }
        return text
    }

    /// Writes the set into `folder`, which must be missing or empty (a `.git` folder is allowed).
    /// Never overwrites a file; on failure the files already written are removed again.
    public func create(at folder: URL) throws(WorkflowError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .refused("\(folder.path) is a file, not a folder") }
            let entries = ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != ".git" }
            if !entries.isEmpty {
                throw .refused("\(folder.path) is not empty; `docctl init` creates a new document set only in a new or empty folder",
                               notes: ["it holds: " + entries.sorted().prefix(5).joined(separator: ", ") + (entries.count > 5 ? ", …" : "")])
            }
        }
        var written: [URL] = []
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            for (path, data) in allFiles() {
                let url = folder.appendingPathComponent(path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(data).write(to: url, options: .withoutOverwriting)
                written.append(url)
            }
        } catch {
            for url in written.reversed() { try? manager.removeItem(at: url) }
            try? manager.removeItem(at: folder.appendingPathComponent("manual"))
            throw .environment("cannot write the new document set in \(folder.path): \(error.localizedDescription)")
        }
    }

    // MARK: Files

    func docset() -> String {
        let levels = words.classificationLevels
        return """
        # \(words.settingsComment) — `docctl init`
        organization: { name: \(YAMLScalarText.format(organization, inFlow: true)), short: \(YAMLScalarText.format(organization, inFlow: true)) }
        standard: \(standard.id)
        language: \(language.rawValue)
        classification: \(levels)   # \(words.levelsComment)
        publish-up-to: \(words.publishUpTo)
        revision: { first: "A/0", skip-letters: [I, O] }
        coverage-depth: \(coverageDepth)
        coverage-from: [manual]
        not-applicable: { }
        rules: { }

        """
    }

    func organizationYAML() -> String {
        let names = words.departments
        return """
        # \(words.organizationComment)
        departments:
          - { id: gm, name: \(names[0]), parent: null }
          - { id: mr, name: \(names[1]), parent: gm }
          - { id: quality, name: \(names[2]), parent: gm }
          - { id: ops, name: \(names[3]), parent: gm }

        """
    }

    /// Chapter 5 led by top management, the operational chapter (8) by operations, the rest by quality.
    func matrix() -> String {
        var text = "clause,title,gm,mr,quality,ops\n"
        for clause in requiredClauses {
            let chapter = clause.id.split(separator: ".").first.map(String.init) ?? clause.id
            let cells: [String]
            switch chapter {
            case "5": cells = ["●", "○", "", ""]
            case "8": cells = ["", "", "○", "●"]
            default: cells = ["", "○", "●", ""]
            }
            text += ([clause.id, csvField(clause.title(language))] + cells).joined(separator: ",") + "\n"
        }
        return text
    }

    func csvField(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    func records() -> String {
        let title = words.registerTitle
        return """
        # \(words.recordsComment)
        - { id: REC-01, title: \(YAMLScalarText.format(title, inFlow: true)), owner: quality, retention: 3 years, procedure: \(manualNumber) }

        """
    }

    func manualDocument() -> String {
        """
        number: \(manualNumber)
        title: \(YAMLScalarText.format(manualTitle, inFlow: false))
        type: manual
        owner: quality
        classification: \(words.publishUpTo)
        control: controlled
        clause-numbering: standard
        records: [REC-01]
        # \(words.approvalsComment)
        approvals:
          prepared: { name: , date: }
          reviewed: { name: , date: }
          approved: { name: , date: }
        issued:          # \(words.issuedComment)
        effective:       # \(words.effectiveComment)
        review-every: 12 months
        distribution: []

        """
    }

    func history() -> String {
        """
        # \(words.historyComment) — \(manualNumber) \(manualTitle)
        - revision: "A/0"
          date: \(date)
          change: \(words.newChange)
          sections: \(words.allSections)
          author: ""      # \(words.authorComment)
          approver: ""    # \(words.approverComment)

        """
    }

    func chapterText(_ chapter: Clause) -> String {
        let todo = words.todo
        var text = ""
        for clause in clauses where clause.id == chapter.id || clause.id.hasPrefix(chapter.id + ".") {
            let numeric = clause.id.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            let attribute = numeric ? "" : " {clause=\(clause.id)}"
            text += String(repeating: "#", count: min(clause.depth, 6)) + " \(clause.id) \(clause.title(language))\(attribute)\n\n"
            text += todo + "\n\n"
        }
        return text
    }

    /// `04-context-of-the-organization`, from the English title.
    func fileName(_ chapter: Clause) -> String {
        let prefix = Int(chapter.id).map { $0 < 10 ? "0\($0)" : "\($0)" } ?? chapter.id
        var slug = ""
        for character in (chapter.titleEN ?? "").lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.isEmpty && slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        let words = slug.split(separator: "-").prefix(4).joined(separator: "-")
        return words.isEmpty ? prefix : "\(prefix)-\(words)"
    }

    func appendices() -> String {
        let headings = words.appendixHeadings
        let blocks = ["procedure-list", "record-list", "responsibility-matrix", "org-chart"]
        return zip(headings, blocks).map { "# \($0)\n\n{{\($1)}}\n" }.joined(separator: "\n")
    }
}
