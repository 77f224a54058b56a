import Foundation

/// Edits of the kinds a writer makes, chosen at random, and the comparison of two build folders:
/// the incremental build and `serve` tests edit a set, build it both ways and compare the bytes.
public enum RandomEdits {
    /// One random edit of the set at `root`; returns what it did (for the failure message).
    public static func edit(_ root: URL, numbers: [String], bodies: [String], yamls: [String], using random: inout SeededGenerator) throws -> String {
        func change(_ relative: String, _ transform: (String) -> String) throws {
            let url = root.appendingPathComponent(relative)
            try transform(String(decoding: try Data(contentsOf: url), as: UTF8.self)).write(to: url, atomically: false, encoding: .utf8)
        }
        let body = bodies.randomElement(using: &random)!
        switch Int.random(in: 0..<10, using: &random) {
        case 0:
            try change(body) { $0 + "\n增量构建检验段落 \(random.next() % 1000)。\n" }
            return "paragraph appended to \(body)"
        case 1:
            let number = numbers.randomElement(using: &random)!
            try change(body) { $0 + "\n参见 [[\(number)]]。\n" }
            return "reference to \(number) appended to \(body)"
        case 2:
            try change(body) { text in
                guard let range = text.range(of: "\n## ") else { return text + "\n## 新增章节\n\n内容。\n" }
                return text.replacingCharacters(in: range, with: "\n## 修订")
            }
            return "heading renamed in \(body)"
        case 3:
            let yaml = yamls.randomElement(using: &random)!
            try change(yaml) { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: 新") }
            return "title changed in \(yaml)"
        case 4:
            try change("records.yaml") { $0 + "\n# \(random.next() % 1000)\n" }
            return "comment appended to records.yaml"
        case 6:
            // A set-level YAML file: the records other documents list and refer to.
            var removed = "none"
            try change("records.yaml") { text in
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let entries = lines.indices.filter { lines[$0].hasPrefix("- ") }
                guard !entries.isEmpty else { return text }
                let index = entries[Int.random(in: 0..<entries.count, using: &random)]
                removed = String(lines[index].prefix(20))
                lines.remove(at: index)
                return lines.joined(separator: "\n")
            }
            return "record removed from records.yaml (\(removed))"
        case 7:
            // A heading other documents refer to ([[8.6.1]] resolves to the section covering the
            // clause): its number cut, so the clause is covered by no section any more.
            let headings = bodies.filter { $0.hasPrefix("manual/") }
            let target = (headings.isEmpty ? bodies : headings).randomElement(using: &random)!
            let pick = Int.random(in: 0..<8, using: &random)
            try change(target) { text in
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let numbered = lines.indices.filter { lines[$0].hasPrefix("#") && lines[$0].contains(where: \.isNumber) }
                guard !numbered.isEmpty else { return text }
                var edited = lines.map(String.init)
                let index = numbered[pick % numbered.count]
                let words = edited[index].split(separator: " ", maxSplits: 2)
                if words.count == 3 { edited[index] = "\(words[0]) \(words[2])" }
                return edited.joined(separator: "\n")
            }
            return "heading number cut in \(target)"
        case 8:
            // Only a referenced document changes: withdrawn (with a withdrawal record when it had no status), its referrers are warned.
            let yaml = yamls.randomElement(using: &random)!
            try change(yaml) { text in
                text.contains("\nstatus: ") ? text.replacingOccurrences(of: "\nstatus: active", with: "\nstatus: withdrawn")
                                            : text + (text.hasSuffix("\n") ? "" : "\n") + "status: withdrawn\nwithdrawn: { date: 2026-01-10, reason: 随机<作废> }\n"
            }
            return "document withdrawn in \(yaml)"
        case 9:
            // A document's history: every change note of its revisions edited (its page shows them).
            let history = yamls.randomElement(using: &random)!.replacingOccurrences(of: "document.yaml", with: "history.yaml")
            try change(history) { $0.replacingOccurrences(of: "change: ", with: "change: 修订说明") }
            return "change notes edited in \(history)"
        default:
            try change(body) { text in
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.prefix(max(1, lines.count * 3 / 4)).joined(separator: "\n") + "\n"
            }
            return "last quarter of \(body) cut"
        }
    }

    /// Every file under `folder` by relative path (hidden files too unless `hidden` is false).
    public static func files(_ folder: URL, hidden: Bool = true) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.path + "/"
        for case let relative as String in FileManager.default.enumerator(atPath: folder.path) ?? FileManager.DirectoryEnumerator() {
            if !hidden, relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = FileManager.default.contents(atPath: base + relative)
            }
        }
        return files
    }

    /// The paths whose bytes differ between two builds (or that only one has).
    public static func differences(_ first: URL, _ second: URL, hidden: Bool = true) -> [String] {
        let a = files(first, hidden: hidden), b = files(second, hidden: hidden)
        return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }
}
