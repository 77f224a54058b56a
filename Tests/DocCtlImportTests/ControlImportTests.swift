import DocCtlCore
@testable import DocCtlImport
import DocCtlTestSupport
import Testing

@Suite("Import: control fields and history")
struct ControlImportTests {
    static let cover = D.table([
        ["文件编号", "QP-04", "文件版本", "A"],
        ["修订状态", "1", "受控状态", "受控"],
        ["密级", "内部公开", "分发号", "03"],
        ["发布日期", "2020- 03 -26", "实施日期", "2020年4月1日"],
        ["编制", "林晓 2020-03-02", "审核", "沈家宁 2020.3.5"],
        ["批准", "周明远", "日期", "2020/3/20"],
    ])

    @Test func coverTableFillsDocumentYAMLWithNamesAndDatesSplit() throws {
        let fixture = D(body: D.p("事件管理程序") + Self.cover + D.p("1 目的", style: "Heading1") + D.p("正文。"), styles: headingStyles)
        let document = try importing(fixture, number: nil)
        let yaml = try #require(document.file("document.yaml"))
        #expect(yaml.contains("number: QP-04\n"))
        #expect(yaml.contains("title: 事件管理程序\n"))
        #expect(yaml.contains("classification: 内部公开\n"))
        #expect(yaml.contains("control: controlled\n"))
        #expect(yaml.contains(#"prepared: { name: "林晓", date: 2020-03-02 }"#))
        #expect(yaml.contains(#"reviewed: { name: "沈家宁", date: 2020-03-05 }"#))
        #expect(yaml.contains(#"approved: { name: "周明远", date: 2020-03-20 }"#))
        #expect(yaml.contains("issued: 2020-03-26\n"))
        #expect(yaml.contains("effective: 2020-04-01\n"))
        // No history table: one entry from the cover, guessed and reported.
        let history = try #require(document.file("history.yaml"))
        #expect(history.contains(#"- revision: "A/1""#))
        #expect(document.items(.guessed).contains { $0.message.contains("no revision history table") })
        #expect(document.items(.dropped).contains { $0.message.contains("分发号") })
        #expect(!document.markdown.contains("QP-04"))
    }

    /// 编写/日期 and 审批/日期 label a name and its date in one cell (`张三/2024.5.6`); 审批 approves.
    @Test func signatureLabelsWithTheirDateInOneCell() throws {
        let cover = D.table([["编号：", "XX-QP-08", "版本：", "A/1"], ["编写/日期", "张三/2024.5.6", "审批/日期", "李四/2024.5.9"]])
        let fixture = D(body: D.p("配置管理程序") + cover + D.p("1 目的", style: "Heading1") + D.p("正文。"), styles: headingStyles)
        let document = try importing(fixture, number: nil)
        let yaml = try #require(document.file("document.yaml"))
        #expect(yaml.contains(#"prepared: { name: "张三", date: 2024-05-06 }"#), "\(yaml)")
        #expect(yaml.contains(#"approved: { name: "李四", date: 2024-05-09 }"#), "\(yaml)")
        #expect(try #require(document.file("history.yaml")).contains("- revision: \"A/1\"\n  date: 2024-05-09\n"))
    }

    @Test func englishLabelsAndLabelValueParagraphs() throws {
        let fixture = D(body: D.p("Incident Management Procedure", style: "Title") + D.p("Document No.: IT-P-07")
                        + D.p("Classification: 内部公开") + D.p("Issue date: 2021.5.6") + D.p("Prepared by: Lin Xiao 2021-05-01")
                        + D.p("Approved by: Zhou Ming") + D.p("1 Purpose", style: "Heading1") + D.p("Text."),
                        styles: headingStyles + D.style("Title", name: "Title"))
        let document = try importing(fixture, number: nil)
        let yaml = try #require(document.file("document.yaml"))
        #expect(yaml.contains("number: IT-P-07\n"))
        #expect(yaml.contains("title: Incident Management Procedure\n"))
        #expect(yaml.contains("issued: 2021-05-06\n"))
        #expect(yaml.contains(#"prepared: { name: "Lin Xiao", date: 2021-05-01 }"#))
        #expect(yaml.contains(#"approved: { name: "Zhou Ming" }"#))
    }

    @Test func historyTableInAnyColumnOrderBecomesUnsealedEntries() throws {
        let history = D.table([
            ["修改日期", "批准人", "修改内容", "版本号", "修订状态", "修改人", "修改页码及章节"],
            ["2019-07-06", "郑平", "新建", "A", "0", "林晓", "全部"],
            ["2020年3月26日", "郑平", "增加重大事件", "A", "1", "林晓", "5.3"],
            ["", "", "", "", "", "", ""],
        ])
        let fixture = D(body: D.p("文档修改记录") + history + D.p("1 目的", style: "Heading1") + D.p("正文。"), styles: headingStyles)
        let document = try importing(fixture)
        let text = try #require(document.file("history.yaml"))
        #expect(text.contains("""
        - revision: "A/0"
          date: 2019-07-06
          change: "新建"
          sections: "全部"
          author: "林晓"
          approver: "郑平"
        - revision: "A/1"
          date: 2020-03-26
          change: "增加重大事件"
        """))
        #expect(!text.contains("digest"))
        #expect(document.report.counts.historyRows == 2)
        #expect(!document.markdown.contains("文档修改记录"))
    }

    @Test func markA0IsReportedNotGuessed() throws {
        let history = D.table([["Revision", "Date", "Description", "Author"], ["A0", "2020-01-02", "First issue", "Lin"]])
        let document = try importing(D(body: history + D.p("1 Purpose", style: "Heading1"), styles: headingStyles))
        #expect(document.file("history.yaml")?.contains(#"- revision: "A0""#) == true)
        #expect(document.items(.fix).contains { $0.message.contains("'A0'") })
    }

    @Test func datesInChineseForms() {
        for text in ["2020-03-26", "2020- 03 -26", "2020年3月26日", "2020.3.26", "2020/03/26"] {
            #expect(DateText.day(in: text)?.0.description == "2020-03-26", "\(text)")
        }
        #expect(Signature("林晓 2025年3月2日") == Signature(name: "林晓", date: Day("2025-03-02")))
    }
}
