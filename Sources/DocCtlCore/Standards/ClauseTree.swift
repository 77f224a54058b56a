import Foundation

/// One clause of a standard.
public struct Clause: Sendable, Hashable {
    public let id: String
    public let titleEN: String?
    public let titleZH: String?
    public let aliases: [String]
    public let untitled: Bool
    public let auditable: Bool
    /// Whether the clause may be declared not applicable (with a justification): ISO/IEC 27001
    /// Annex A controls, ISO 9001 clause 8 requirements; never ISO/IEC 20000-1 clauses 4–10.
    public let excludable: Bool
    public let parentID: String?
    public internal(set) var childIDs: [String]

    /// Number of components: `8` is 1, `8.5.1` is 3 (`isms:A.5.1` is 3 too).
    public var depth: Int { id.split(separator: ".").count }

    /// The id in its own standard, without the `key:` of a secondary standard.
    public var localID: String { id.firstIndex(of: ":").map { String(id[id.index(after: $0)...]) } ?? id }

    public init(id: String, titleEN: String?, titleZH: String?, aliases: [String], untitled: Bool, auditable: Bool,
                excludable: Bool = false, parentID: String?, childIDs: [String]) {
        self.id = id
        self.titleEN = titleEN
        self.titleZH = titleZH
        self.aliases = aliases
        self.untitled = untitled
        self.auditable = auditable
        self.excludable = excludable
        self.parentID = parentID
        self.childIDs = childIDs
    }

    /// The same clause under a secondary standard's key: `A.5.1` → `isms:A.5.1`.
    func qualified(_ prefix: String) -> Clause {
        Clause(id: prefix + id, titleEN: titleEN, titleZH: titleZH, aliases: aliases, untitled: untitled, auditable: auditable,
               excludable: excludable, parentID: parentID.map { prefix + $0 }, childIDs: [])
    }

    /// The title in the given language, falling back to the other one.
    public func title(_ language: Language) -> String {
        switch language {
        case .zhCN: titleZH ?? titleEN ?? ""
        case .en: titleEN ?? titleZH ?? ""
        }
    }
}

/// A standard's clause tree, loaded from XML (§4).
public struct ClauseTree: Sendable {
    public let id: String
    public let designation: String
    public let titleEN: String
    public let titleZH: String
    /// Whether any clause may be declared not applicable (see ``Clause/excludable``).
    public var exclusionsAllowed: Bool { clauses.values.contains(where: \.excludable) }
    /// Whether a set using this standard keeps a Statement of Applicability (ISO/IEC 27001 6.1.3 d):
    /// a decision in applicability.yaml for every excludable clause without subclauses.
    public let needsStatementOfApplicability: Bool
    /// The edition that replaced this one, when the standard is withdrawn.
    public let replacedBy: String?
    /// The national adoption shown alongside the designation (GB/T 19001-2016 for ISO 9001:2015).
    public let nationalDesignation: String?
    public let clauses: [String: Clause]
    /// Clause ids in document order.
    public let order: [String]
    /// Where the tree came from: `built-in` or a path in the document set.
    public let origin: String

    /// The standards of a set that names several (`standards:` in docset.yaml), primary first; one
    /// part for a set with one standard. A secondary standard's clause ids carry its key (`isms:A.5.1`).
    public private(set) var parts: [Part] = []

    /// One standard of a combined tree.
    public struct Part: Sendable {
        /// The set's key for the standard (`itsm`, `isms`), or the standard's id when the set names one.
        public var key: String
        /// The standard's clauses, ids qualified as in the combined tree.
        public var tree: ClauseTree
        /// `""` for the primary standard, `key:` for the others.
        public var prefix: String
    }

    public init(id: String, designation: String, titleEN: String, titleZH: String, needsStatementOfApplicability: Bool = false,
                replacedBy: String? = nil, nationalDesignation: String? = nil, clauses: [Clause], origin: String) {
        self.id = id
        self.designation = designation
        self.titleEN = titleEN
        self.titleZH = titleZH
        self.needsStatementOfApplicability = needsStatementOfApplicability
        self.replacedBy = replacedBy
        self.nationalDesignation = nationalDesignation
        self.origin = origin
        var byID: [String: Clause] = [:]
        for clause in clauses { byID[clause.id] = clause }
        for clause in clauses {
            if let parent = clause.parentID { byID[parent]?.childIDs.append(clause.id) }
        }
        self.clauses = byID
        self.order = clauses.map(\.id)
    }

    public func clause(_ id: String) -> Clause? { clauses[id] ?? clauses[canonical(id)] }

    /// The designation with the national adoption alongside: `ISO 9001:2015 (GB/T 19001-2016)`.
    public var fullDesignation: String {
        nationalDesignation.map { "\(designation) (\($0))" } ?? designation
    }

    /// The standards of a set combined into one tree: the primary's clauses keep their ids, the
    /// others' are qualified with their key. With one standard, that tree itself.
    public static func combining(_ standards: [(key: String, tree: ClauseTree)]) -> ClauseTree? {
        guard let (primaryKey, primary) = standards.first else { return nil }
        var combined = primary
        combined.parts = [Part(key: primaryKey, tree: primary, prefix: "")]
        guard standards.count > 1 else { return combined }
        var all = primary.order.compactMap { primary.clauses[$0] }.map { $0.qualified("") }
        for (key, tree) in standards.dropFirst() {
            let prefix = key + ":"
            let qualified = tree.order.compactMap { tree.clauses[$0] }.map { $0.qualified(prefix) }
            all += qualified
            combined.parts.append(Part(key: key, tree: ClauseTree(
                id: tree.id, designation: tree.designation, titleEN: tree.titleEN, titleZH: tree.titleZH,
                needsStatementOfApplicability: tree.needsStatementOfApplicability, replacedBy: tree.replacedBy,
                nationalDesignation: tree.nationalDesignation, clauses: qualified, origin: tree.origin), prefix: prefix))
        }
        let parts = combined.parts
        combined = ClauseTree(id: primary.id, designation: standards.map { $0.tree.designation }.joined(separator: " + "),
                              titleEN: primary.titleEN, titleZH: primary.titleZH,
                              needsStatementOfApplicability: primary.needsStatementOfApplicability, replacedBy: primary.replacedBy,
                              nationalDesignation: nil, clauses: all, origin: primary.origin)
        combined.parts = parts
        return combined
    }

    /// Whether the tree combines several standards.
    public var isCombined: Bool { parts.count > 1 }

    /// The standard a clause id belongs to: its `key:`, or the primary.
    public func part(of id: String) -> Part? {
        if let colon = id.firstIndex(of: ":") {
            let key = id[..<colon]
            return parts.first { $0.key == key }
        }
        return parts.first
    }

    /// `itsm:8.7.3` → `8.7.3` when itsm is the primary; other ids unchanged.
    public func canonical(_ id: String) -> String {
        guard let primary = parts.first else { return id }
        // Without a string made per id: every reference of every document comes here.
        // Read from the strings' own bytes (the UTF-8 view's iterator is not inlined); nil when
        // either is not ASCII, which the Character form reads.
        let qualified: Bool? = id.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            primary.key.utf8.withContiguousStorageIfAvailable { key -> Bool? in
                guard bytes.allSatisfy({ $0 < 0x80 }), key.allSatisfy({ $0 < 0x80 }) else { return nil }
                return bytes.count > key.count && bytes.starts(with: key) && bytes[key.count] == UInt8(ascii: ":")
            } ?? nil
        } ?? nil
        if let qualified {
            if !qualified { return id }
        } else if !id.hasPrefix(primary.key + ":") {
            return id
        }
        return String(id.dropFirst(primary.key.count + 1))
    }

    /// A clause id as rules name it: qualified with the primary's key too when the set has several
    /// standards (`itsm:8.7.3`), so a message never leaves the standard open.
    public func display(_ id: String) -> String {
        guard isCombined, !id.contains(":"), let primary = parts.first else { return id }
        return "\(primary.key):\(id)"
    }

    /// The designation of the standard a clause id belongs to.
    public func designation(of id: String) -> String { part(of: id)?.tree.designation ?? designation }

    /// The closest existing clause id, for "did you mean".
    public func suggestion(for id: String) -> String? {
        Spelling.closest(to: id, in: order).map(display)
    }

    /// The ancestors of a clause, nearest first.
    public func ancestors(of id: String) -> [String] {
        var result: [String] = []
        var current = clauses[id]?.parentID
        while let parent = current {
            result.append(parent)
            current = clauses[parent]?.parentID
        }
        return result
    }

    /// Whether `title` is this clause's title or a known alias, compared tolerantly.
    ///
    /// `acrossDisciplines`: the heading of an integrated manual (一体化管理手册) names the management
    /// system once for all its standards, or names each discipline: `4.3 确定管理体系的范围` and
    /// `5.2 质量、环境和职业健康安全方针` are ISO 9001's, 14001's and 45001's 4.3 and 5.2. With it, the
    /// discipline words (质量, 环境, 职业健康安全, 信息安全, 服务, 一体化 …) are left out of both
    /// titles when they do not match as written.
    public func titleMatches(_ title: String, clause id: String, acrossDisciplines: Bool = false) -> Bool {
        guard let clause = clause(id) else { return true }
        if clause.untitled { return true }
        let wanted = TitleNormalizer.normalize(title)
        if wanted.isEmpty { return true }
        let candidates = ([clause.titleEN, clause.titleZH].compactMap { $0 } + clause.aliases)
            .map(TitleNormalizer.normalize)
        if Self.matches(wanted, candidates) { return true }
        guard acrossDisciplines else { return false }
        let heading = TitleNormalizer.disciplines(of: wanted)
        guard !heading.general.isEmpty else { return false }
        return candidates.contains { candidate in
            let clause = TitleNormalizer.disciplines(of: candidate)
            // A heading that names disciplines serves those only: 4.4 服务管理体系 is not the ISMS.
            return (heading.named.isEmpty || clause.named.isSubset(of: heading.named))
                && Self.matches(heading.general, [clause.general])
        }
    }

    /// Equal, or within an edit distance of a sixth of the shorter title.
    private static func matches(_ wanted: String, _ candidates: [String]) -> Bool {
        if candidates.contains(wanted) { return true }
        let wantedLength = wanted.count
        for candidate in candidates where !candidate.isEmpty {
            let length = candidate.count
            let limit = max(1, min(length, wantedLength) / 6)
            // The edit distance is at least the difference in length: an English title is not computed
            // against a Chinese heading.
            if abs(length - wantedLength) > limit { continue }
            if Spelling.editDistance(candidate, wanted) <= limit { return true }
        }
        return false
    }
}

/// Normalises clause titles for comparison: width, spacing, punctuation and connectives vary, and
/// the Chinese versions of these standards word the same heading differently (GB/T 19001 顾客, an
/// ISO/IEC 20000-1 translation 客户; 成文信息 / 文件化信息 / 形成文件的信息).
public enum TitleNormalizer {
    static let dropped: Set<Character> = [
        " ", "\u{3000}", "、", "，", ",", "。", ".", "：", ":", "；", ";", "（", "）", "(", ")", "“", "”", "\"",
        "'", "-", "—", "–", "/", "／", "的", "之", "和", "与", "及",
    ]

    /// Synonyms, each rewritten to one form after the dropped characters are gone (longest first, so
    /// 不符合 becomes 不合格 before anything shorter is looked at).
    static let synonyms: [(String, String)] = [
        ("形成文件信息", "成文信息"), ("文件化信息", "成文信息"), ("不符合", "不合格"), ("客户", "顾客"), ("责任", "职责"),
        ("机会", "机遇"), ("规划", "策划"), ("策略", "方针"), ("领导作用", "领导"),
    ]

    public static func normalize(_ title: String) -> String {
        var result = ""
        var hasSynonymStart = false
        for scalar in title.lowercased().unicodeScalars {
            var scalar = scalar
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalar = ascii
            }
            let character = Character(scalar)
            if dropped.contains(character) { continue }
            if synonymStarts.contains(character) { hasSynonymStart = true }
            result.append(character)
        }
        guard hasSynonymStart else { return result }
        for (variant, canonical) in synonyms where result.containsLiteral(variant) {
            result = result.replacingLiteral(variant, with: canonical)
        }
        return result
    }

    /// The words that name a management system's discipline, in normalized form (spaces and 和 are
    /// already gone), longest first, each with the discipline it names (nil: all of them, 一体化).
    static let disciplineWords: [(word: String, discipline: String?)] = [
        ("occupationalhealthandsafety", "ohs"), ("informationsecurity", "is"), ("environmental", "env"),
        ("integrated", nil), ("quality", "q"), ("service", "svc"), ("energy", "en"), ("oh&s", "ohs"),
        ("职业健康安全", "ohs"), ("业务连续性", "bc"), ("信息安全", "is"), ("食品安全", "food"), ("it服务", "svc"),
        ("一体化", nil), ("质量", "q"), ("环境", "env"), ("能源", "en"), ("服务", "svc"),
    ]

    /// A title as written without its discipline words, for a heading that serves every standard of
    /// an integrated manual: `确定质量管理体系的范围` → `确定管理体系的范围`, `Quality policy` → `Policy`.
    public static func withoutDisciplines(_ title: String) -> String {
        var result = title
        let written = ["occupational health and safety ", "information security ", "environmental ", "quality ", "service ",
                       "OH&S ", "职业健康安全", "信息安全", "质量", "环境", "服务"]
        for word in written {
            while let range = result.range(of: word, options: .caseInsensitive) { result.removeSubrange(range) }
        }
        result = result.trimmingCharacters(in: .whitespaces)
        guard let first = result.first, first.isLowercase, title.first?.isUppercase == true else { return result }
        return first.uppercased() + result.dropFirst()
    }

    /// A normalized title without its discipline words, and the disciplines it named:
    /// `确定质量管理体系范围` → (`确定管理体系范围`, [q]); `确定一体化管理体系范围` names none.
    public static func disciplines(of normalized: String) -> (general: String, named: Set<String>) {
        var general = normalized
        var named: Set<String> = []
        for (word, discipline) in disciplineWords where general.containsLiteral(word) {
            general = general.replacingLiteral(word, with: "")
            if let discipline { named.insert(discipline) }
        }
        return (general, named)
    }

    /// First characters of the synonyms: most titles hold none, and skip the replacements.
    static let synonymStarts = Set(synonyms.compactMap(\.0.first))
}
