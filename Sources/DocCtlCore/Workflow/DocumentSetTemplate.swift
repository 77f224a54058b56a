import Foundation

/// `docctl init`: a new document set for a standard, with a manual that has a heading for every
/// clause down to the coverage depth, each with a `TODO` paragraph that `check` reports
/// (`unfinished-section`) until it is written, and empty approvals that it reports
/// (`approval-missing`) until the manual is approved.
///
/// Several standards make an integrated manual (一体化管理手册): the first is the primary and
/// numbers the manual; `harmonized: true` maps each heading of clauses 4–10 to the other standards'
/// same-numbered clause when the titles match (discipline words aside), and every clause of another
/// standard that no heading serves this way gets a heading of its own, mapped with `{clause=key:id}`.
public struct DocumentSetTemplate: Sendable {
    /// The primary standard.
    public var standard: ClauseTree
    /// The other standards of an integrated manual, with their keys in docset.yaml.
    public var others: [(key: String, tree: ClauseTree)] = []
    public var language: Language
    public var organization: String
    /// The date of the first history entry.
    public var date: Day
    public var coverageDepth = 3
    /// `init --from FILE.docx`: the files of an imported manual (relative to `manual/`), written
    /// instead of the heading stubs, and its number.
    public var importedManual: (number: String, files: [(path: String, data: [UInt8])])?

    public init(standard: ClauseTree, language: Language, organization: String?, date: Day) {
        self.init(standards: [standard], language: language, organization: organization, date: date)!
    }

    /// A set for several standards, the first the primary; nil without any, or when two have the same
    /// key (the same standard twice).
    public init?(standards: [ClauseTree], language: Language, organization: String?, date: Day) {
        guard let standard = standards.first else { return nil }
        let keys = standards.map(Self.key)
        guard Set(keys).count == keys.count else { return nil }
        self.standard = standard
        self.others = zip(keys, standards).dropFirst().map { ($0, $1) }
        self.language = language
        self.organization = organization ?? StarterWords.for(language).exampleOrganization
        self.date = date
    }

    var words: StarterWords { StarterWords.for(language) }

    /// The key of a standard in docset.yaml's `standards:` (`itsm`, `isms`, `qms`, `ems`, `ohsms`),
    /// or its id without punctuation for others (`gbt27922`).
    public static func key(_ tree: ClauseTree) -> String {
        let known = [("iso-iec-20000", "itsm"), ("iso-iec-27001", "isms"), ("iso-9001", "qms"), ("iso-14001", "ems"),
                     ("iso-45001", "ohsms"), ("iso-50001", "enms"), ("iso-22301", "bcms"), ("iso-iec-27701", "pims")]
        if let (_, key) = known.first(where: { tree.id.hasPrefix($0.0) }) { return key }
        var parts = tree.id.lowercased().split(separator: "-")
        if parts.count > 1, let year = parts.last, year.count == 4, year.allSatisfy(\.isNumber) { parts.removeLast() }
        let key = parts.joined().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return key.isEmpty ? "std" : key
    }

    /// The primary and the other standards combined, as a set that names them loads them.
    public var combined: ClauseTree {
        ClauseTree.combining([(Self.key(standard), standard)] + others.map { ($0.key, $0.tree) }) ?? standard
    }

    /// What `init` says it created the set for: `ISO 9001:2015 + ISO 14001:2015`.
    public var designation: String { combined.designation }

    /// The manual's number, after the kind of standard.
    public var manualNumber: String {
        if let importedManual { return importedManual.number }
        if !others.isEmpty { return "IMS-M-01" }
        if standard.id.hasPrefix("iso-iec-20000") { return "ITSM-M-01" }
        if standard.id.hasPrefix("iso-iec-27001") { return "ISMS-M-01" }
        if standard.id.hasPrefix("iso-9001") { return "QM-01" }
        return "MS-M-01"
    }

    var manualTitle: String {
        if !others.isEmpty { return words.manualTitles.integrated }
        if standard.id.hasPrefix("iso-iec-20000") { return words.manualTitles.itsm }
        if standard.id.hasPrefix("iso-iec-27001") { return words.manualTitles.isms }
        if standard.id.hasPrefix("iso-9001") { return words.manualTitles.quality }
        return words.manualTitles.other
    }

    /// How many headings the manual's stubs have (the primary's clauses and the others' own).
    public var headingCount: Int { chapters.reduce(0) { $0 + $1.headings.count } }

    /// The clauses that get a heading: titled, down to the coverage depth, in the standard's order.
    public var clauses: [Clause] {
        standard.order.compactMap { standard.clause($0) }.filter { $0.depth <= coverageDepth && !$0.untitled }
    }

    /// The clauses that get a matrix row: the required ones (auditable, titled, within the depth), the
    /// other standards' own clauses (those that get a heading of their own) after the primary's.
    var requiredClauses: [Clause] { clauses.filter(\.auditable) + ownClauses.flatMap(\.clauses).filter(\.auditable) }

    /// A heading of the manual: its clauses (the first names it) and whether it carries its number.
    struct Heading {
        var clauses: [Clause]
        var numbered: Bool
        /// A title other than the clauses' own (the primary's title without its discipline).
        var title: String? = nil
        var depth: Int { clauses[0].id.split(separator: ":").last.map { $0.split(separator: ".").count } ?? 1 }
        /// The clause number without the standard's key: `6.1.2` for `ems:6.1.2`.
        var number: String { String(clauses[0].id.split(separator: ":").last ?? "") }
    }

    /// The primary's clause titles written without their discipline (`4.3 确定管理体系的范围`) where
    /// that lets the heading serve the same-numbered clause of another standard too.
    var neutralTitles: [String: String] {
        guard !others.isEmpty else { return [:] }
        let combined = combined
        var titles: [String: String] = [:]
        for clause in clauses where StandardMapping.isHarmonized(clause.id) {
            let title = clause.title(language)
            let neutral = TitleNormalizer.withoutDisciplines(title)
            guard neutral != title, !neutral.isEmpty else { continue }
            // Only where it serves more standards than the title as written (组织环境 is context, not 环境).
            func served(_ title: String) -> Int {
                others.filter { combined.titleMatches(title, clause: $0.key + ":" + clause.id, acrossDisciplines: true) }.count
            }
            if served(neutral) > served(title) { titles[clause.id] = neutral }
        }
        return titles
    }

    /// The other standards' required clauses that no heading of the primary serves (harmonized
    /// structure, titles matching discipline words aside), grouped by number and title, so that
    /// `ems:8.2` and `ohsms:8.2` (both 应急准备和响应) share one heading, in the others' order.
    var ownClauses: [Heading] {
        guard !others.isEmpty else { return [] }
        let combined = combined
        let neutral = neutralTitles
        var groups: [Heading] = []
        var index: [String: Int] = [:]
        let primaryChapters = Set(clauses.filter { $0.parentID == nil }.map(\.id))
        for (key, tree) in others {
            for clause in tree.order.compactMap({ tree.clause($0) }) where clause.depth <= coverageDepth && !clause.untitled {
                // A chapter of its own (Annex A) keeps its headings above the controls.
                let chapter = String(clause.id.prefix { $0 != "." })
                guard clause.auditable || !primaryChapters.contains(chapter) else { continue }
                if StandardMapping.isHarmonized(clause.id), let primary = standard.clause(clause.id), !primary.untitled,
                   primary.depth <= coverageDepth,
                   combined.titleMatches(neutral[clause.id] ?? primary.title(language), clause: key + ":" + clause.id, acrossDisciplines: true) {
                    continue
                }
                let qualified = clause.qualified(key + ":")
                let group = clause.id + "|" + TitleNormalizer.disciplines(of: TitleNormalizer.normalize(clause.title(language))).general
                if let at = index[group] {
                    groups[at].clauses.append(qualified)
                } else {
                    index[group] = groups.count
                    groups.append(Heading(clauses: [qualified], numbered: true))
                }
            }
        }
        // A number the primary uses, or two headings for the same number: without the number, the
        // mapping alone says which clause the heading serves; so too under a heading without one.
        let primaryNumbers = Set(clauses.map(\.id))
        var seen: [String: Int] = [:]
        for heading in groups { seen[heading.number, default: 0] += 1 }
        var unnumbered: Set<String> = []
        for at in groups.indices {
            let heading = groups[at]
            let plain = heading.number.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            let underUnnumbered = heading.clauses.contains { $0.parentID.map(unnumbered.contains) ?? false }
            if plain && (primaryNumbers.contains(heading.number) || seen[heading.number]! > 1 || underUnnumbered) {
                groups[at].numbered = false
                unnumbered.formUnion(heading.clauses.map(\.id))
            }
        }
        return groups
    }

    /// The manual's chapters, each with its headings in order: the primary's clauses, and each of
    /// the other standards' own clauses after the last heading under its parent clause (a chapter of
    /// its own, such as Annex A of ISO/IEC 27001, after the primary's chapters).
    var chapters: [(chapter: Clause, headings: [Heading])] {
        let neutral = neutralTitles
        var chapters: [(chapter: Clause, headings: [Heading])] = clauses.filter { $0.parentID == nil }.map { chapter in
            (chapter, clauses.filter { $0.id == chapter.id || $0.id.hasPrefix(chapter.id + ".") }.map {
                Heading(clauses: [$0], numbered: true, title: neutral[$0.id])
            })
        }
        for heading in ownClauses {
            let number = heading.number
            let chapterNumber = String(number.prefix { $0 != "." })
            guard let at = chapters.firstIndex(where: { $0.chapter.id.split(separator: ":").last.map(String.init) == chapterNumber }) else {
                chapters.append((heading.clauses[0], [heading]))
                continue
            }
            let parent = number.split(separator: ".").dropLast().joined(separator: ".")
            let under = chapters[at].headings.lastIndex {
                $0.number == parent || ($0.number.hasPrefix(parent + ".")
                    && (!Self.precedes(number, $0.number) || $0.number.hasPrefix(number + ".")))
            }
            chapters[at].headings.insert(heading, at: under.map { $0 + 1 } ?? chapters[at].headings.count)
        }
        return chapters
    }

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
        for (chapter, headings) in chapters {
            files.append(("manual/\(fileName(chapter)).md", chapterText(headings)))
        }
        files.append(("manual/99-appendices.md", appendices()))
        if combined.parts.contains(where: \.tree.needsStatementOfApplicability) { files.append(("applicability.yaml", applicability())) }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The Statement of Applicability to decide: every control applicable and planned, covered by
    /// its TODO section of the manual until the organisation decides otherwise.
    func applicability() -> String {
        var text = "# \(words.applicabilityComment)\n"
        for part in combined.parts where part.tree.needsStatementOfApplicability {
            let controls = part.tree.order.compactMap { part.tree.clause($0) }
                .filter { $0.excludable && $0.auditable && !$0.untitled && $0.childIDs.isEmpty }
            for control in controls { text += "\(control.id): { applicable: true, status: planned }\n" }
        }
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
        \(standardsLines)
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

    /// `standard: ID`, or for an integrated manual the keyed standards and `harmonized: true`.
    var standardsLines: String {
        guard !others.isEmpty else { return "standard: \(standard.id)" }
        let pairs = ([(Self.key(standard), standard)] + others).map { "\($0.0): \($0.1.id)" }.joined(separator: ", ")
        return "standards: { \(pairs) }   # \(words.standardsComment)\nharmonized: true"
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
            let chapter = clause.id.split(separator: ":").last?.split(separator: ".").first.map(String.init) ?? clause.id
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

    /// Whether clause number `a` comes before `b` in a standard's order (`6.1.2` before `6.1.10`).
    static func precedes(_ a: String, _ b: String) -> Bool {
        let left = a.split(separator: "."), right = b.split(separator: ".")
        for (x, y) in zip(left, right) where x != y {
            if let x = Int(x), let y = Int(y) { return x < y }
            return x < y
        }
        return left.count < right.count
    }

    /// The title of a heading: its clause's, or the distinct titles of the clauses it serves joined
    /// (`环境目标、职业健康安全目标`).
    func title(_ heading: Heading) -> String {
        if let title = heading.title { return title }
        var titles: [String] = []
        for clause in heading.clauses where !titles.contains(clause.title(language)) { titles.append(clause.title(language)) }
        return titles.joined(separator: words.titleSeparator)
    }

    /// `## 4.3 确定…的范围`; a clause id that is not a plain number, or another standard's clause, also
    /// names its clauses (`{clause=A.5.1}`, `{clause=ems:8.2, ohsms:8.2}`).
    func chapterText(_ headings: [Heading]) -> String {
        let todo = words.todo
        var text = ""
        for heading in headings {
            let ids = heading.clauses.map(\.id)
            let numeric = ids == [heading.number] && heading.number.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            let attribute = numeric ? "" : " {clause=\(ids.joined(separator: ", "))}"
            let number = heading.numbered ? "\(heading.number) " : ""
            text += String(repeating: "#", count: min(heading.depth, 6)) + " \(number)\(title(heading))\(attribute)\n\n"
            text += todo + "\n\n"
        }
        return text
    }

    /// `04-context-of-the-organization`, from the English title.
    func fileName(_ chapter: Clause) -> String {
        let number = String(chapter.id.split(separator: ":").last ?? "")
        let prefix = Int(number).map { $0 < 10 ? "0\($0)" : "\($0)" } ?? number
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
