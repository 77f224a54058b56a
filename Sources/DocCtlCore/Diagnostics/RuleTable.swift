extension Rules {
    /// The README's rules table: a header and one row per rule of ``all``, in catalogue order
    /// (`docctl rules --format markdown`; a test keeps the README equal to it).
    public static var markdownTable: String {
        var lines = ["| rule | category | default | what it checks |", "| --- | --- | --- | --- |"]
        for rule in all {
            let summary = rule.summary.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(rule.id)` | \(rule.category.rawValue) | \(rule.defaultSeverity.rawValue) | \(summary) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
