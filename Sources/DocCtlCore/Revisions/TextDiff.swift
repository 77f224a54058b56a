/// A difference between two texts as runs of kept, deleted and inserted text.
///
/// Text is split into tokens — a run of ASCII letters and digits is one token (English words,
/// numbers), every other character is a token of its own (Han characters, punctuation, blanks) —
/// so Chinese is compared character by character and English word by word. The edit script is
/// Myers' shortest one (fewest tokens deleted and inserted).
public enum TextDiff {
    /// A run of the difference.
    public enum Segment: Sendable, Equatable {
        case same(String)
        case deleted(String)
        case inserted(String)
    }

    /// Above this many edits the texts are shown as one deletion and one insertion: past that
    /// point a redline is unreadable anyway, and the work grows with the square of the edits.
    public static let maximumEdits = 2_000

    /// The difference between `old` and `new`.
    public static func diff(_ old: String, _ new: String) -> [Segment] {
        merge(edits(tokens(old), tokens(new)))
    }

    /// Splits text into diff tokens.
    public static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var word = ""
        for character in text {
            if character.isASCII && (character.isLetter || character.isNumber) {
                word.append(character)
                continue
            }
            if !word.isEmpty { result.append(word); word = "" }
            result.append(String(character))
        }
        if !word.isEmpty { result.append(word) }
        return result
    }

    /// One edit per token.
    enum Edit: Equatable {
        case same(String), deleted(String), inserted(String)
    }

    static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        // Common prefix and suffix first: most revisions change little.
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let head = a[..<prefix].map(Edit.same)
        let tail = a[(a.count - suffix)...].map(Edit.same)
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        let middle = myers(x, y) ?? (x.map(Edit.deleted) + y.map(Edit.inserted))
        return head + middle + tail
    }

    /// Myers' O((n+m)·D) algorithm; nil when D exceeds ``maximumEdits``.
    static func myers(_ a: [String], _ b: [String]) -> [Edit]? {
        let n = a.count, m = b.count
        if n == 0 { return b.map(Edit.inserted) }
        if m == 0 { return a.map(Edit.deleted) }
        let limit = min(n + m, maximumEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset]) ? v[k + 1 + offset] : v[k - 1 + offset] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[k + offset] = x
                if x >= n && y >= m { found = true; break search }
            }
        }
        guard found else { return nil }
        var result: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset]) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : v[previousK + offset]
            let previousY = d == 0 ? 0 : previousX - previousK
            while x > previousX && y > previousY {
                result.append(.same(a[x - 1]))
                x -= 1
                y -= 1
            }
            guard d > 0 else { break }
            if x == previousX {
                result.append(.inserted(b[y - 1]))
                y -= 1
            } else {
                result.append(.deleted(a[x - 1]))
                x -= 1
            }
        }
        return result.reversed()
    }

    /// Joins runs of the same kind; a deletion comes before the insertion that replaces it.
    static func merge(_ edits: [Edit]) -> [Segment] {
        var result: [Segment] = []
        var same = "", deleted = "", inserted = ""
        func flushChanges() {
            if !deleted.isEmpty { result.append(.deleted(deleted)); deleted = "" }
            if !inserted.isEmpty { result.append(.inserted(inserted)); inserted = "" }
        }
        for edit in edits {
            switch edit {
            case .same(let token):
                flushChanges()
                same += token
            case .deleted(let token):
                if !same.isEmpty { result.append(.same(same)); same = "" }
                deleted += token
            case .inserted(let token):
                if !same.isEmpty { result.append(.same(same)); same = "" }
                inserted += token
            }
        }
        flushChanges()
        if !same.isEmpty { result.append(.same(same)) }
        return result
    }
}
