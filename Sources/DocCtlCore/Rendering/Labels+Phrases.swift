/// Fixed phrases that carry a value (a copy number, a date, a count), and the words docctl writes
/// into the sources (the 修改页码及章节 column of a history entry), in the set's language. Every
/// choice between the zh-CN and the en text is made here or in ``Labels``' two tables, nowhere else.
extension Labels {
    private var isEnglish: Bool { lang == "en" }

    // MARK: Words written into history entries

    /// A change of the whole document (全部 / all).
    public var allSections: String { isEnglish ? "all" : "全部" }
    /// A change of the text before the first numbered section (前言 / preamble).
    public var preambleSection: String { isEnglish ? "preamble" : "前言" }
    /// A change of the cover fields (封面 / cover page).
    public var coverPageSection: String { isEnglish ? "cover page" : "封面" }
    /// No change at all (无 / none).
    public var noSections: String { isEnglish ? "none" : "无" }
    /// Between the items of an inline list (`4.2、8.5.1` / `4.2, 8.5.1`).
    public var listSeparator: String { isEnglish ? ", " : "、" }

    // MARK: Redline (docctl diff)

    /// The kind of the redline page (修改对照 / Changes).
    public var redline: String { isEnglish ? "Changes" : "修改对照" }
    /// The tag of an added, removed or changed section.
    public func sectionChange(_ kind: String) -> String {
        switch kind {
        case "added": isEnglish ? "added" : "新增"
        case "removed": isEnglish ? "removed" : "删除"
        default: isEnglish ? "changed" : "修改"
        }
    }
    /// The redline's summary: the changed sections (already labelled), then how many did not change.
    public func redlineSummary(_ changed: [String], unchanged: Int) -> String {
        let list = changed.isEmpty ? (isEnglish ? "No section changed." : "没有章节修改。") : changed.joined(separator: listSeparator)
        return list + (isEnglish ? " — \(unchanged) section\(unchanged == 1 ? "" : "s") unchanged." : "；其余 \(unchanged) 个章节未修改。")
    }
    /// The title of the text before the first heading in a redline.
    public var beforeFirstHeading: String { isEnglish ? "(before the first heading)" : "（正文前）" }
    /// An image in the compared text of a redline.
    public func imageMention(alt: String, file: String) -> String {
        isEnglish ? "\n[image: \(alt), \(file)]" : "\n〔图：\(alt)，\(file)〕"
    }

    /// A remark after a value: ` (remark)` in English, `（remark）` in Chinese.
    public func parenthesised(_ remark: String) -> String { isEnglish ? " (\(remark))" : "（\(remark)）" }

    // MARK: Page marks

    /// The watermark and heading of a draft (`草稿 DRAFT` / `DRAFT`).
    public var draftMark: String { isEnglish ? "DRAFT" : "\(draft) DRAFT" }

    /// The watermark of a superseded revision (`作废 SUPERSEDED` / `SUPERSEDED`).
    public var supersededMark: String { isEnglish ? superseded.uppercased() : "\(superseded) SUPERSEDED" }
    /// The watermark of a withdrawn document's revisions (`作废 WITHDRAWN` / `WITHDRAWN`): it was not
    /// replaced by a later revision, and says so.
    public var withdrawnMark: String { isEnglish ? withdrawnStatus.uppercased() : "\(withdrawnStatus) WITHDRAWN" }

    /// The summary of a draft build's problems on a page (`build --draft`, `serve`).
    public func draftSummary(errors: Int, warnings: Int, wholeSet: Bool) -> String {
        isEnglish
            ? "Draft build: not a controlled document and never published. \(errors) error\(errors == 1 ? "" : "s") and \(warnings) warning\(warnings == 1 ? "" : "s")\(wholeSet ? " in the set" : " in this document")."
            : "草稿构建：非受控文件，不可发布。\(wholeSet ? "文件集" : "本文件")有 \(errors) 个错误、\(warnings) 个警告。"
    }

    /// The stamp of a registered controlled copy (受控副本 分发号 …).
    public func controlledCopyStamp(copy: String, holder: String) -> String {
        isEnglish ? "Controlled copy no. \(copy), held by \(holder)" : "受控副本 分发号 \(copy)，持有人：\(holder)"
    }

    /// The notice of an uncontrolled reference copy printed on `date`.
    public func uncontrolledCopyNotice(printed date: Day) -> String {
        isEnglish
            ? "Uncontrolled copy for reference only, printed \(date). Check the current revision on the intranet before use."
            : "不受控副本，仅供参考，打印日期 \(date)。使用前请在内网核对现行版本。"
    }

    /// The banner the site script shows on a revision page that is no longer current.
    public var supersededBanner: String { isEnglish ? "This revision is superseded." : "本版本已作废（已被新版本替代）。" }
    /// The banner the site script shows on a page of a document withdrawn from the site.
    public var withdrawnBanner: String { isEnglish ? "This document is no longer published." : "本文件已不在内网发布。" }
}
