import Foundation

/// Reads one document folder: document.yaml, history.yaml and the Markdown body files.
enum DocumentLoader {
    static let keys = ["number", "title", "type", "owner", "classification", "control", "clause-numbering", "standard",
                       "clauses", "records", "approvals", "issued", "effective", "review-every", "last-review",
                       "distribution", "status", "withdrawn"]
    static let required = ["number", "title", "type", "owner", "classification", "control"]
    static let maximumBodyFiles = 200

    /// What loading a document's body gave besides the document, for ``KeptBody``: the key of
    /// the text it was parsed from, the images it shows, and the kept body it was taken from.
    struct LoadedBody {
        var key: String
        var images: [KeptBody.ImageReference]
        var taken: KeptBody?
    }

    /// What loading a document's YAML files gave besides the document, for ``KeptMetadata``: its
    /// fields as the next build keeps them, and whether they were taken from a kept entry.
    struct LoadedMetadata {
        var kept: KeptMetadata
        var taken: Bool
    }

    /// Loads the document in `folder`.
    static func load(folder: URL, config: DocSetConfig, context: inout LoadContext) -> Document? {
        var body: LoadedBody?
        var metadata: LoadedMetadata?
        return load(folder: folder, entries: FolderEntries(folder.path), config: config, context: &context, kept: nil, keptMetadata: nil,
                    body: &body, metadata: &metadata)
    }

    /// Loads the document in `folder`. With `kept` (the bodies a build kept, by folder), its body
    /// is taken from there when its text is the one kept (``KeptBody/key(numbering:files:)``)
    /// instead of parsed, and `body` tells how it was loaded. With `keptMetadata` (what a build
    /// kept of each document's YAML files, by folder), its fields and the diagnostics of its YAML
    /// are taken from there when the files hold the text they were read from
    /// (``KeptMetadata/key(folder:texts:)``), and `metadata` tells how they were loaded.
    /// `entries`: the folder's (``FolderEntries``).
    static func load(folder: URL, entries: FolderEntries, config: DocSetConfig, context: inout LoadContext, kept: [String: KeptBody]?,
                     keptMetadata: [String: KeptMetadata]?, body: inout LoadedBody?, metadata: inout LoadedMetadata?) -> Document? {
        let folderPath = context.relative(folder)
        var document: Document
        if let entry = keptMetadata?[folderPath],
           let taken = takeMetadata(entry, folder: folder, folderPath: folderPath, entries: entries, context: &context) {
            document = taken
            metadata = LoadedMetadata(kept: entry, taken: true)
        } else {
            let start = context.reader.sink.diagnostics.count
            guard let loaded = loadMetadata(folder: folder, folderPath: folderPath, entries: entries, context: &context) else { return nil }
            document = loaded
            if keptMetadata != nil, let texts = metadataTexts(folderPath, entries: entries, context: context) {
                let diagnostics = Array(context.reader.sink.diagnostics[start...])
                metadata = LoadedMetadata(kept: KeptMetadata(key: KeptMetadata.key(folder: folderPath, texts: texts), document: document,
                                                             diagnostics: diagnostics),
                                          taken: false)
            }
        }
        body = loadBody(folder: folder, entries: entries, into: &document, context: &context, kept: kept)
        return document
    }

    /// The text of each of ``KeptMetadata/files`` a load of the document's YAML read (nil where
    /// there is no such file); nil when one that is there could not be read: its problem is not
    /// a matter of its text, and such a document is not kept.
    private static func metadataTexts(_ folderPath: String, entries: FolderEntries, context: LoadContext) -> [String?]? {
        var texts: [String?] = []
        for name in KeptMetadata.files {
            let text = context.sources["\(folderPath)/\(name)"]?.text
            guard (text != nil) == (name == KeptMetadata.files[0] || entries.exists(name)) else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// The document's fields and YAML diagnostics from `entry`, when the files it was made from
    /// are read without a problem and hold the same text; nil otherwise (`context` untouched).
    private static func takeMetadata(_ entry: KeptMetadata, folder: URL, folderPath: String, entries: FolderEntries,
                                     context: inout LoadContext) -> Document? {
        var trial = context
        let before = trial.reader.sink.diagnostics.count
        var texts: [String?] = []
        for name in KeptMetadata.files {
            if name != KeptMetadata.files[0] && !entries.exists(name) {
                texts.append(nil)
                continue
            }
            guard let file = trial.readText(folder.appendingPathComponent(name, isDirectory: false)) else { return nil }
            texts.append(file.text)
        }
        guard trial.reader.sink.diagnostics.count == before, KeptMetadata.key(folder: folderPath, texts: texts) == entry.key,
              let (document, diagnostics) = entry.document(folder: folderPath) else { return nil }
        context = trial
        context.reader.sink.append(contentsOf: diagnostics)
        return document
    }

    /// Reads and parses document.yaml, the distribution register, the acknowledgements and the
    /// history: the document without its body.
    private static func loadMetadata(folder: URL, folderPath: String, entries: FolderEntries, context: inout LoadContext) -> Document? {
        let errorsBefore = context.reader.sink.diagnostics.count
        guard let node = context.readYAML(folder.appendingPathComponent("document.yaml", isDirectory: false)) else {
            if context.reader.sink.diagnostics.count == errorsBefore {
                // An empty or blank document.yaml parses to nothing: still a document that must not vanish.
                context.reader.sink.report(Rules.missingKey, at: SourceLocation(path: "\(folderPath)/document.yaml", line: 1, column: 1),
                                           "\(folderPath)/document.yaml is empty; a document needs \(required.joined(separator: ", "))",
                                           fix: "write the document's number, title, type, owner, classification and control")
            }
            return nil
        }
        var r = context.reader
        defer { context.reader = r }
        let what = "\(folderPath)/document.yaml"
        guard let map = r.mapping(node, allowed: keys, required: required, blankIsMissing: true, what: what),
              let number = r.string(map["number"], key: "number") else { return nil }
        let typeText = r.choice(map["type"], key: "type", in: DocumentType.allCases.map(\.rawValue))
        let control = r.choice(map["control"], key: "control", in: ["controlled", "uncontrolled"])
        let numbering = r.choice(map["clause-numbering"], key: "clause-numbering", in: ["standard", "own"])
        let type = typeText.flatMap(DocumentType.init) ?? .procedure
        let status = r.choice(map["status"], key: "status", in: ["active", "withdrawn"])
        var document = Document(
            folder: folderPath, number: number, title: r.string(map["title"], key: "title") ?? number, type: type,
            owner: located(map["owner"], "owner", &r), classification: located(map["classification"], "classification", &r),
            controlled: control != "uncontrolled", withdrawn: status == "withdrawn",
            numbering: numbering.flatMap(ClauseNumbering.init) ?? (type == .manual ? .standard : .own),
            standard: r.string(map["standard"], key: "standard"),
            clauses: r.strings(map["clauses"], key: "clauses").map { Located($0.0, at: $0.1) },
            records: r.strings(map["records"], key: "records").map { Located($0.0, at: $0.1) },
            issued: r.date(map["issued"], key: "issued"), effective: r.date(map["effective"], key: "effective"),
            lastReview: r.date(map["last-review"], key: "last-review"),
            reviewEveryMonths: period(map["review-every"], &r),
            distribution: [], history: [], historyPath: "\(folderPath)/history.yaml", bodyFiles: [], preamble: [],
            sections: [], location: SourceLocation(path: what, line: 1, column: 1))
        document.numberLocation = map["number"]?.location
        document.statusLocation = map["status"]?.location
        document.withdrawal = withdrawal(map["withdrawn"], &r)
        document.titleLocation = map["title"]?.location
        if let approvals = map["approvals"],
           let steps = r.mapping(approvals, allowed: ["prepared", "reviewed", "approved"], what: "approvals") {
            document.prepared = approval(steps["prepared"], "prepared", &r)
            if let reviewers = steps["reviewed"], case .sequence(let items, _) = reviewers {
                // 会签: several reviewers, each with department and date.
                document.countersigned = items.compactMap { item in
                    guard let fields = r.mapping(item, allowed: ["name", "department", "date"], required: ["name", "date"],
                                                 what: "approvals.reviewed entry") else { return nil }
                    return Approval(name: r.string(fields["name"], key: "name"), date: r.date(fields["date"], key: "date")?.value,
                                    location: item.location, department: r.string(fields["department"], key: "department"))
                }
                let names = document.countersigned.compactMap { reviewer in reviewer.name.map { name in reviewer.department.map { "\(name)（\($0)）" } ?? name } }
                let dates = document.countersigned.map(\.date)
                document.reviewed = Approval(name: names.isEmpty ? nil : names.joined(separator: "、"),
                                             date: dates.contains(nil) ? nil : dates.compactMap { $0 }.max(),
                                             location: reviewers.location)
            } else {
                document.reviewed = approval(steps["reviewed"], "reviewed", &r)
            }
            document.approved = approval(steps["approved"], "approved", &r)
        }
        for item in r.sequence(map["distribution"], key: "distribution") {
            guard let fields = r.mapping(item, allowed: ["copy", "holder"], required: ["copy", "holder"], what: "distribution entry"),
                  let copy = r.string(fields["copy"], key: "copy") else { continue }
            document.distribution.append(CopyRegistration(copy: copy, holder: r.string(fields["holder"], key: "holder") ?? "",
                                                          location: fields["copy"]?.location ?? item.location))
        }
        context.reader = r
        DistributionLoader.load(folder: folder, exists: entries.exists(DistributionLoader.fileName), into: &document, context: &context)
        AcknowledgementLoader.load(folder: folder, exists: entries.exists(AcknowledgementLoader.fileName), into: &document, context: &context)
        document.history = loadHistory(folder.appendingPathComponent("history.yaml", isDirectory: false), exists: entries.exists("history.yaml"),
                                       context: &context)
        r = context.reader
        return document
    }

    static func located(_ node: YAMLNode?, _ key: String, _ r: inout NodeReader) -> Located<String>? {
        guard let node, let text = r.string(node, key: key) else { return nil }
        return Located(text, at: node.location)
    }

    static func approval(_ node: YAMLNode?, _ key: String, _ r: inout NodeReader) -> Approval? {
        guard let node, !node.isNull else { return nil }
        guard let fields = r.mapping(node, allowed: ["name", "date"], what: "approvals.\(key)") else { return nil }
        return Approval(name: r.string(fields["name"], key: "name"), date: r.date(fields["date"], key: "date")?.value,
                        location: node.location)
    }

    /// `withdrawn: { date: …, reason: …, approved-by: … }` (作废记录); nil when not written.
    static func withdrawal(_ node: YAMLNode?, _ r: inout NodeReader) -> Withdrawal? {
        guard let node, !node.isNull,
              let fields = r.mapping(node, allowed: ["date", "reason", "approved-by"], what: "withdrawn") else { return nil }
        return Withdrawal(date: r.date(fields["date"], key: "date"), reason: r.string(fields["reason"], key: "reason"),
                          approvedBy: r.string(fields["approved-by"], key: "approved-by"), location: node.location)
    }

    /// `12 months`, `1 year`, `6 个月`, `1 年`.
    static func period(_ node: YAMLNode?, key: String = "review-every", _ r: inout NodeReader) -> Located<Int>? {
        guard let node, let text = r.string(node, key: key) else { return nil }
        let compact = text.replacingLiteral(" ", with: "")
        let digits = compact.prefix { $0.isASCII && $0.isNumber }
        let unit = compact.dropFirst(digits.count)
        if let count = Int(digits), count > 0, count <= 120 {
            switch unit {
            case "month", "months", "个月", "月": return Located(count, at: node.location)
            case "year", "years", "年": return Located(count * 12, at: node.location)
            default: break
            }
        }
        r.sink.report(Rules.invalidValue, at: node.location, "\(key) '\(text)' is not a period",
                      fix: "write e.g. '12 months', '1 year', '6 个月' or '1 年'")
        return nil
    }

    /// `exists`: whether the file is there (``FolderEntries/exists(_:)``).
    static func loadHistory(_ url: URL, exists: Bool, context: inout LoadContext) -> [HistoryEntry] {
        let path = context.relative(url)
        guard exists else {
            context.reader.sink.report(Rules.missingFile, at: SourceLocation(path: path), "\(path) is missing; every document has a revision history",
                                       fix: "create it with a first entry: - { revision: \"A/0\", date: …, change: 新建, … }")
            return []
        }
        guard let node = context.readYAML(url) else { return [] }
        var r = context.reader
        defer { context.reader = r }
        var entries: [HistoryEntry] = []
        for item in r.sequence(node, key: "history.yaml") {
            guard let fields = r.mapping(item, allowed: ["revision", "date", "change", "sections", "author", "approver", "digest", "commit", "git-author"],
                                         required: ["revision", "date", "change", "author"], what: "history entry"),
                  let revisionText = r.string(fields["revision"], key: "revision") else { continue }
            let revision = RevisionMark(revisionText)
            if revision == nil {
                r.sink.report(Rules.malformedRevision, at: fields["revision"]!.location,
                              "'\(revisionText)' is not a revision mark", fix: "write an upper-case edition letter, '/', and the revision number, e.g. \"A/0\"")
            }
            entries.append(HistoryEntry(
                revisionText: revisionText, revision: revision, date: r.date(fields["date"], key: "date")?.value,
                change: r.string(fields["change"], key: "change") ?? "", sections: r.string(fields["sections"], key: "sections") ?? "",
                author: r.string(fields["author"], key: "author") ?? "", approver: r.string(fields["approver"], key: "approver") ?? "",
                digest: r.string(fields["digest"], key: "digest"), location: item.location,
                revisionLocation: fields["revision"]!.location, dateLocation: fields["date"]?.location ?? item.location,
                digestLocation: fields["digest"]?.location,
                commit: r.string(fields["commit"], key: "commit"), gitAuthor: r.string(fields["git-author"], key: "git-author")))
        }
        return entries
    }

    /// Each placeholder after the first of its name → the first (see ``Document/repeatedPlaceholders``).
    static func repeatedPlaceholders(_ blocks: [Block]) -> [SourceLocation: SourceLocation] {
        var first: [String: SourceLocation] = [:]
        var repeated: [SourceLocation: SourceLocation] = [:]
        for block in blocks {
            block.forEachBlock { nested in
                guard case .placeholder(let name, let location) = nested, SiteNames.generatedBlocks.contains(name) else { return }
                if let earlier = first[name] { repeated[location] = earlier } else { first[name] = location }
            }
        }
        return repeated
    }

    static func loadBody(folder: URL, entries: FolderEntries, into document: inout Document, context: inout LoadContext,
                         kept: [String: KeptBody]?) -> LoadedBody? {
        let names = entries.names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        if names.isEmpty {
            context.reader.sink.report(Rules.missingFile, at: SourceLocation(path: document.folder),
                                       "document \(document.number) has no Markdown body file", fix: "add body.md")
            return nil
        }
        if names.count > maximumBodyFiles {
            // A limit that keeps hostile input bounded, never a silent loss: the files left unread are named.
            context.reader.sink.report(Rules.fileTooLarge, at: SourceLocation(path: context.relative(folder.appendingPathComponent(names[maximumBodyFiles], isDirectory: false))),
                                       "document \(document.number) has \(names.count) Markdown body files; the limit is \(maximumBodyFiles), and \(names[maximumBodyFiles]) and the \(names.count - maximumBodyFiles - 1) after it are not read",
                                       fix: "merge body files, or split the document")
        }
        var files: [SourceFile] = []
        for name in names.prefix(maximumBodyFiles) {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            let found = context.find(url)
            if !found.resolved.hasPrefix(context.rootPath + "/") {
                context.reader.sink.report(Rules.pathOutsideSet, at: SourceLocation(path: context.relative(url)),
                                           "\(context.relative(url)) links to \(found.resolved), outside the document set")
                continue
            }
            guard let file = context.readText(found) else {
                document.hasUnreadableBody = true
                continue
            }
            if let problem = MarkdownComplexity.problem(file.text) {
                // Refused before parsing, never skipped in silence: check fails and names the file.
                context.reader.sink.report(Rules.fileTooLarge, at: SourceLocation(path: file.path, line: 1, column: 1),
                                           "\(file.path) has \(problem)", fix: "split the file, or remove the repeated markup")
                document.hasUnreadableBody = true
                continue
            }
            files.append(file)
        }
        // Read and hashed, never trusted by date: a body whose text is the one kept is not parsed.
        let key = kept.map { _ in KeptBody.key(numbering: document.numbering, files: files) }
        if let key, let taken = kept?[document.folder], taken.key == key {
            document.takeBody(taken, files: files.map(\.path))
            ImageLoader.load(taken.images, into: &document, context: &context)
            return LoadedBody(key: key, images: taken.images, taken: taken)
        }
        var blocks: [Block] = []
        for file in files {
            let parsed = MarkdownParser.parse(file.text, path: file.path)
            document.bodyFiles.append(BodyFile(path: file.path, blocks: parsed))
            blocks.append(contentsOf: parsed)
        }
        document.repeatedPlaceholders = repeatedPlaceholders(blocks)
        (document.preamble, document.sections) = SectionBuilder.build(blocks, numbering: document.numbering)
        let images = ImageLoader.references(of: document)
        ImageLoader.load(images, into: &document, context: &context)
        return key.map { LoadedBody(key: $0, images: images, taken: nil) }
    }
}
