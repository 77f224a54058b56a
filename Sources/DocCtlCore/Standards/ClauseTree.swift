/// One clause of a standard.
public struct Clause: Sendable, Hashable {
    public let id: String
    public let titleEN: String?
    public let titleZH: String?
    public let aliases: [String]
    public let untitled: Bool
    public let auditable: Bool
    public let parentID: String?
    public internal(set) var childIDs: [String]

    /// Number of components: `8` is 1, `8.5.1` is 3.
    public var depth: Int { id.split(separator: ".").count }

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
    /// Whether auditable clauses may be declared not applicable (ISO 9001) or not (ISO/IEC 20000-1).
    public let exclusionsAllowed: Bool
    public let clauses: [String: Clause]
    /// Clause ids in document order.
    public let order: [String]
    /// Where the tree came from: `built-in` or a path in the document set.
    public let origin: String

    public init(id: String, designation: String, titleEN: String, titleZH: String, exclusionsAllowed: Bool,
                clauses: [Clause], origin: String) {
        self.id = id
        self.designation = designation
        self.titleEN = titleEN
        self.titleZH = titleZH
        self.exclusionsAllowed = exclusionsAllowed
        self.origin = origin
        var byID: [String: Clause] = [:]
        for clause in clauses { byID[clause.id] = clause }
        for clause in clauses {
            if let parent = clause.parentID { byID[parent]?.childIDs.append(clause.id) }
        }
        self.clauses = byID
        self.order = clauses.map(\.id)
    }

    public func clause(_ id: String) -> Clause? { clauses[id] }

    /// The closest existing clause id, for "did you mean".
    public func suggestion(for id: String) -> String? {
        Spelling.closest(to: id, in: order)
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
    public func titleMatches(_ title: String, clause id: String) -> Bool {
        guard let clause = clauses[id] else { return true }
        if clause.untitled { return true }
        let wanted = TitleNormalizer.normalize(title)
        if wanted.isEmpty { return true }
        let candidates = ([clause.titleEN, clause.titleZH].compactMap { $0 } + clause.aliases)
            .map(TitleNormalizer.normalize)
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

/// Normalises clause titles for comparison: width, spacing, punctuation and connectives vary.
public enum TitleNormalizer {
    static let dropped: Set<Character> = [
        " ", "\u{3000}", "、", "，", ",", "。", ".", "：", ":", "；", ";", "（", "）", "(", ")", "“", "”", "\"",
        "'", "-", "—", "–", "/", "／", "的", "和", "与", "及",
    ]

    public static func normalize(_ title: String) -> String {
        var result = ""
        for scalar in title.lowercased().unicodeScalars {
            var scalar = scalar
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalar = ascii
            }
            let character = Character(scalar)
            if dropped.contains(character) { continue }
            result.append(character)
        }
        return result
    }
}
