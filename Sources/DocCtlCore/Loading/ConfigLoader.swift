import Foundation

/// Reads docset.yaml.
enum ConfigLoader {
    static let keys = ["organization", "standard", "standards", "harmonized", "language", "classification", "publish-up-to", "revision",
                       "coverage-depth", "coverage-from", "not-applicable", "rules", "external-documents", "site", "numbering",
                       "approval-authority", "briefing"]

    static func load(_ context: inout LoadContext) -> DocSetConfig {
        var config = DocSetConfig()
        guard let node = context.readYAML(context.root.appendingPathComponent("docset.yaml", isDirectory: false)) else { return config }
        var r = context.reader
        defer { context.reader = r }
        guard let map = r.mapping(node, allowed: keys, required: ["organization"], what: "docset.yaml") else {
            return config
        }
        if let org = map["organization"] {
            if let scalar = org.scalar, !scalar.isNull {
                config.organizationName = scalar.text
            } else if let fields = r.mapping(org, allowed: ["name", "short"], required: ["name"], what: "organization") {
                config.organizationName = r.string(fields["name"], key: "name") ?? ""
                config.organizationShort = r.string(fields["short"], key: "short") ?? ""
            }
        }
        if config.organizationShort.isEmpty { config.organizationShort = config.organizationName }
        readStandards(map, node: node, into: &config, &r)
        if let text = r.choice(map["language"], key: "language", in: Language.allCases.map(\.rawValue)) {
            config.language = Language(rawValue: text) ?? .zhCN
        }
        if map["classification"] != nil {
            let levels = r.strings(map["classification"], key: "classification").map(\.0)
            if !levels.isEmpty { config.classification = levels }
        }
        if let node = map["publish-up-to"], let text = r.string(node, key: "publish-up-to") {
            config.publishUpTo = Located(text, at: node.location)
        }
        if let revision = map["revision"], let fields = r.mapping(revision, allowed: ["first", "skip-letters", "max-revision"], what: "revision") {
            if let node = fields["first"], let text = r.string(node, key: "first") {
                if let mark = RevisionMark(text) { config.firstRevision = mark } else {
                    r.sink.report(Rules.malformedRevision, at: node.location, "revision.first '\(text)' is not a revision mark like A/0")
                }
            }
            if fields["skip-letters"] != nil {
                config.skipLetters = Set(r.strings(fields["skip-letters"], key: "skip-letters").compactMap { $0.0.first })
            }
            if let node = fields["max-revision"], let text = r.string(node, key: "max-revision") {
                if let count = Int(text), count >= 0 { config.maxRevision = Located(count, at: node.location) } else {
                    r.sink.report(Rules.invalidValue, at: node.location, "revision.max-revision must be a whole number (e.g. 9), found '\(text)'")
                }
            }
        }
        if let node = map["briefing"], let fields = r.mapping(node, allowed: ["within-days", "since"], required: ["within-days"], what: "briefing") {
            if let days = fields["within-days"], let text = r.string(days, key: "within-days") {
                if let count = Int(text), (0...3650).contains(count) {
                    config.briefing = BriefingPolicy(withinDays: count, since: r.date(fields["since"], key: "since")?.value, location: days.location)
                } else {
                    r.sink.report(Rules.invalidValue, at: days.location, "briefing.within-days must be a whole number of days (e.g. 14), found '\(text)'")
                }
            }
        }
        if let node = map["coverage-depth"], let text = r.string(node, key: "coverage-depth") {
            if let depth = Int(text), (1...8).contains(depth) { config.coverageDepth = depth } else {
                r.sink.report(Rules.invalidValue, at: node.location, "coverage-depth must be a whole number from 1 to 8, found '\(text)'")
            }
        }
        if map["coverage-from"] != nil {
            var types: Set<DocumentType> = []
            for (text, location) in r.strings(map["coverage-from"], key: "coverage-from") {
                let singular = text.hasSuffix("s") ? String(text.dropLast()) : text
                if let type = DocumentType(rawValue: singular) { types.insert(type) } else {
                    r.sink.report(Rules.invalidValue, at: location,
                                  "coverage-from lists document types (manual, procedures, …), found '\(text)'")
                }
            }
            if !types.isEmpty { config.coverageFrom = types }
        }
        if let node = map["not-applicable"], case .mapping(let pairs, _) = node {
            for (key, value) in pairs {
                let justification = value.scalar?.isNull == false ? value.scalar!.text : ""
                config.notApplicable[key.text] = Located(justification, at: key.location)
            }
        } else if let node = map["not-applicable"], !node.isNull {
            r.sink.report(Rules.invalidValue, at: node.location, "not-applicable must map clause ids to justifications")
        }
        if let node = map["rules"], case .mapping(let pairs, _) = node {
            for (key, value) in pairs {
                guard RuleCatalog.rule(key.text) != nil else {
                    r.sink.report(Rules.unknownKey, at: key.location, "unknown rule '\(key.text)' in rules",
                                  fix: Spelling.closest(to: key.text, in: Rules.all.map(\.id)).map { "did you mean '\($0)'?" })
                    continue
                }
                if let level = r.choice(value, key: key.text, in: ["error", "warning", "off"]) {
                    config.ruleSeverities[key.text] = Severity(rawValue: level)
                }
            }
        } else if let node = map["rules"], !node.isNull {
            r.sink.report(Rules.invalidValue, at: node.location, "rules must map rule ids to error, warning or off")
        }
        for item in r.sequence(map["external-documents"], key: "external-documents") {
            if let scalar = item.scalar {
                config.externalDocuments.append(.init(title: scalar.text, source: nil, location: scalar.location))
            } else if let fields = r.mapping(item, allowed: ["title", "source", "id", "issuer", "version", "owner", "distribution",
                                                             "last-checked", "check-every"],
                                             required: ["title"], what: "external document"),
                      let title = r.string(fields["title"], key: "title") {
                var external = DocSetConfig.ExternalDocument(title: title, source: r.string(fields["source"], key: "source"), location: item.location)
                external.id = r.string(fields["id"], key: "id")
                external.issuer = r.string(fields["issuer"], key: "issuer")
                external.version = r.string(fields["version"], key: "version")
                external.owner = DocumentLoader.located(fields["owner"], "owner", &r)
                external.distribution = r.strings(fields["distribution"], key: "distribution").map(\.0)
                external.lastChecked = r.date(fields["last-checked"], key: "last-checked")
                external.checkEveryMonths = DocumentLoader.period(fields["check-every"], key: "check-every", &r)
                config.externalDocuments.append(external)
            }
        }
        if let numbering = map["numbering"], let fields = r.mapping(numbering, allowed: DocumentType.allCases.map(\.rawValue), what: "numbering") {
            for type in DocumentType.allCases {
                guard let node = fields[type.rawValue], let pattern = r.string(node, key: type.rawValue) else { continue }
                if DocumentNumberPattern.regex(pattern) == nil {
                    r.sink.report(Rules.invalidValue, at: node.location, "numbering.\(type.rawValue) '\(pattern)' is not a regular expression",
                                  fix: "write e.g. \"XQ-QP-\\\\d{2}\" (a backslash is doubled inside double quotes)")
                } else {
                    config.numberingPatterns[type] = Located(pattern, at: node.location)
                }
            }
        }
        if let authority = map["approval-authority"],
           let fields = r.mapping(authority, allowed: DocumentType.allCases.map(\.rawValue), what: "approval-authority") {
            for type in DocumentType.allCases where fields[type.rawValue] != nil {
                config.approvalAuthority[type] = r.strings(fields[type.rawValue], key: type.rawValue).map { Located($0.0, at: $0.1) }
            }
        }
        if let site = map["site"], let fields = r.mapping(site, allowed: ["title"], what: "site") {
            config.siteTitle = r.string(fields["title"], key: "title")
        }
        return config
    }

    /// `standard: ID`, or `standards: { key: ID, … }` (ordered, the first is the primary), and
    /// `harmonized: true|false`.
    static func readStandards(_ map: [String: YAMLNode], node: YAMLNode, into config: inout DocSetConfig, _ r: inout NodeReader) {
        if let single = map["standard"], map["standards"] != nil {
            r.sink.report(Rules.invalidValue, at: single.location, "docset.yaml names both standard and standards",
                          fix: "keep standards: and remove standard:")
        }
        if let several = map["standards"], !several.isNull {
            guard case .mapping(let pairs, _) = several, !pairs.isEmpty else {
                r.sink.report(Rules.invalidValue, at: several.location,
                              "standards must map keys to clause trees, e.g. { itsm: iso-iec-20000-1-2018, isms: iso-iec-27001-2022 }")
                return
            }
            var seen: Set<String> = []
            for (key, value) in pairs {
                guard let id = r.string(value, key: key.text) else { continue }
                let valid = !key.text.isEmpty && key.text.count <= 40 && key.text.first!.isLetter
                    && key.text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }
                if !valid {
                    r.sink.report(Rules.invalidValue, at: key.location,
                                  "standard key '\(key.text)' must be a short name of ASCII letters, digits, - or _ starting with a letter (itsm, isms)")
                    continue
                }
                guard seen.insert(key.text).inserted else {
                    r.sink.report(Rules.invalidValue, at: key.location, "standard key '\(key.text)' appears twice in standards")
                    continue
                }
                config.standards.append(.init(key: key.text, id: Located(id, at: value.location), keyLocation: key.location))
            }
            if let primary = config.standards.first { config.standard = primary.id }
        } else if let single = map["standard"], let text = r.string(single, key: "standard") {
            config.standard = Located(text, at: single.location)
            config.standards = [.init(key: text, id: config.standard, keyLocation: single.location)]
        } else {
            r.sink.report(Rules.missingKey, at: node.location, "docset.yaml has no 'standard'",
                          fix: "add 'standard: iso-iec-20000-1-2018' or 'standards: { itsm: iso-iec-20000-1-2018 }'")
        }
        if let value = map["harmonized"], let text = r.choice(value, key: "harmonized", in: ["true", "false"]) {
            config.harmonized = Located(text == "true", at: value.location)
        }
    }
}
