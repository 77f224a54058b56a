import DocCtlCore
import Foundation

/// The page headers and footers of a Word file (`word/header1.xml`, `word/footer2.xml`, …) as
/// blocks, in part order.
struct PageMargins {
    var headers: [(part: String, blocks: [WordBlock])] = []
    var footers: [(part: String, blocks: [WordBlock])] = []

    /// Reads every header and footer part next to the main part `main`.
    static func read(_ package: inout DocxPackage, main: String) throws(ImportError) -> PageMargins {
        let folder = (main as NSString).deletingLastPathComponent
        var margins = PageMargins()
        let parts = package.names.filter { name in
            let file = (name as NSString).lastPathComponent
            return (name as NSString).deletingLastPathComponent == folder
                && (file.hasPrefix("header") || file.hasPrefix("footer")) && file.hasSuffix(".xml")
        }.sorted { a, b in a.count == b.count ? a < b : a.count < b.count }
        for part in parts.prefix(32) {
            guard let root = try WordXML.root(part, in: &package), root.name == "hdr" || root.name == "ftr" else { continue }
            let blocks = WordDocumentReader.read(root)
            if root.name == "hdr" { margins.headers.append((part, blocks)) } else { margins.footers.append((part, blocks)) }
        }
        return margins
    }
}

extension ImportConverter {
    /// Control fields (文件编号, 版本, 受控状态 …) written in the page header or footer, where the
    /// cover does not give them; the organisation's name from the header; everything else there is
    /// reported as left to docctl (it builds its own page header and footer).
    mutating func readPageMargins(_ margins: PageMargins) {
        for (kind, parts) in [("header", margins.headers), ("footer", margins.footers)] {
            var leftOver: [String] = []
            for (_, blocks) in parts {
                for block in blocks {
                    switch block {
                    case .paragraph(let paragraph):
                        leftOver += marginText(paragraph.plainText, kind: kind)
                    case .table(let table):
                        let before = Set(control.keys)
                        if readControlTable(table, paragraphOverride: 0) {
                            for field in Set(control.keys).subtracting(before) { marginFields.insert(field) }
                            let values = Set(control.values.map(\.value))
                            for row in table.rows {
                                for cell in row where !values.contains(cell.plainText.trimmingCharacters(in: Self.blanks)) && ControlField.labelled(cell.plainText) == nil && ControlField.field(label: cell.plainText) == nil
                                    && !Self.isPageNumber(cell.plainText.trimmingCharacters(in: Self.blanks)) {
                                    leftOver += organizationCandidate(cell.plainText, kind: kind)
                                }
                            }
                        } else {
                            for row in table.rows { for cell in row { leftOver += marginText(cell.plainText, kind: kind) } }
                        }
                    }
                }
            }
            var seen = Set<String>()
            let distinct = leftOver.filter { seen.insert($0).inserted }
            if !distinct.isEmpty {
                let quoted = distinct.prefix(4).map { "'\(ImportReport.excerpt($0))'" }.joined(separator: ", ") + (distinct.count > 4 ? ", …" : "")
                report.add(.dropped, at: nil, text: nil, "the page \(kind) text \(quoted) was not carried over: docctl builds the page \(kind) from document.yaml and docset.yaml")
            }
        }
        if let organization {
            report.add(.found, at: nil, text: organization, "organisation name (from the page \(organizationSource ?? "header"))")
        }
    }

    /// One paragraph of a header or footer: `label：value` parts become control fields; the rest
    /// is returned (page numbers dropped), the organisation's name noted.
    private mutating func marginText(_ raw: String, kind: String) -> [String] {
        let parts = raw.components(separatedBy: CharacterSet(charactersIn: "\t\u{3000}|")).flatMap { $0.components(separatedBy: "  ") }
            .map { $0.trimmingCharacters(in: Self.blanks) }.filter { !$0.isEmpty }
        var rest: [String] = []
        var pending: ControlField?
        for part in parts {
            if let (field, value) = ControlField.labelled(part) {
                if value.isEmpty { pending = field; continue }
                recordMargin(field, value)
                pending = nil
            } else if let field = pending {
                recordMargin(field, part)
                pending = nil
            } else if ControlField.field(label: part) != nil {
                pending = ControlField.field(label: part)
            } else if !Self.isPageNumber(part) {
                rest += organizationCandidate(part, kind: kind)
            }
        }
        return rest
    }

    private mutating func recordMargin(_ field: ControlField, _ value: String) {
        if control[field] == nil { marginFields.insert(field) }
        record(field, value, paragraph: 0)
    }

    /// Notes `text` as the organisation's name when it reads as one; returns it for the report.
    private mutating func organizationCandidate(_ text: String, kind: String) -> [String] {
        let value = text.trimmingCharacters(in: Self.blanks)
        guard !value.isEmpty else { return [] }
        if organization == nil, Self.looksLikeOrganization(value) {
            organization = value
            organizationSource = kind
        }
        return [value]
    }

    /// `第 1 页 共 12 页`, `Page 3 of 9`, `- 4 -`, `3/12`.
    static func isPageNumber(_ text: String) -> Bool {
        let compact = text.replacingOccurrences(of: " ", with: "").lowercased()
        return CachedRegex.range(#"^(第\d+页(,|，)?(共\d+页)?|共\d+页(,|，)?第\d+页|page\d+(of\d+)?|[-—]?\d+[-—]?|\d+/\d+)$"#, in: compact) != nil
    }

    /// A company's name: `星桥云服信息技术有限公司`, `Example Co., Ltd.`.
    static func looksLikeOrganization(_ text: String) -> Bool {
        guard text.count >= 4, text.count <= 40, ControlField.labelled(text) == nil else { return false }
        if text.hasSuffix("公司") || text.hasSuffix("集团") || text.hasSuffix("研究院") || text.hasSuffix("中心") && text.count > 6 { return true }
        let lower = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        return [" ltd", " limited", " inc", " gmbh", " corporation", " corp", " llc", " co"].contains { lower.hasSuffix($0) }
    }
}
