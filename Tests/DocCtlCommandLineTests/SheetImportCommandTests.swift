import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// End-to-end: `docctl import FILE.xlsx --as matrix|records` and `docctl init --from FILE.docx`.
@Suite struct SheetImportCommandTests {
    typealias X = XlsxFixture

    static var matrix: X { X(rows: [
        ["职责分配表"],
        ["条款", "条款名称", "总经理", "体系与质量部", "运维服务部"],
        [.number("4", format: 0), "组织环境", "○", "●", ""],
        [.number("5", format: 0), "领导作用", "●", "○", ""],
        [.number("7.5", format: 0), "成文信息", "", "●", "○"],
        [.number("8", format: 0), "服务管理体系的运行", "", "○", "●"],
    ]) }

    static var records: X { X(rows: [
        ["序号", "记录名称", "记录编号", "保管部门", "保存期限", "相关程序"],
        [.number("1", format: 0), "文件发放回收登记表", "REC-01", "体系与质量部", "3年", "QP-01"],
        [.number("2", format: 0), "文件更改申请单", "REC-02", "体系与质量部", "5年", "QP-01"],
    ]) }

    @Test func aMatrixAndARecordsRegisterFromExcelPassCheck() throws {
        try WorkflowCommandTests.inFolder { folder in
            try Self.matrix.data().write(to: folder.appendingPathComponent("matrix.xlsx"))
            try Self.records.data().write(to: folder.appendingPathComponent("records.xlsx"))

            let refused = try DocCtlProcess.run(["import", "matrix.xlsx", "--as", "matrix", "--set", "set"], in: folder)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("set/responsibilities.csv already exists; docctl import never overwrites"), "\(refused.stderr)")

            try FileManager.default.removeItem(at: folder.appendingPathComponent("set/responsibilities.csv"))
            try FileManager.default.removeItem(at: folder.appendingPathComponent("set/records.yaml"))
            let dry = try DocCtlProcess.run(["import", "matrix.xlsx", "--as", "matrix", "--set", "set", "--dry-run"], in: folder)
            #expect(dry.status == 0, "\(dry.stdout)\(dry.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("set/responsibilities.csv").path))

            let matrix = try DocCtlProcess.run(["import", "matrix.xlsx", "--as", "matrix", "--set", "set", "--today", FixtureSet.todayText], in: folder)
            #expect(matrix.status == 0, "\(matrix.stdout)\(matrix.stderr)")
            #expect(matrix.stdout.contains("4 clause rows"))
            #expect(try WorkflowCommandTests.text(folder, "set/responsibilities.csv").hasPrefix("clause,title,gm,quality,service\n4,组织环境,○,●,\n"))

            let records = try DocCtlProcess.run(["import", "records.xlsx", "--as", "records", "--set", "set", "--today", FixtureSet.todayText], in: folder)
            #expect(records.status == 0, "\(records.stdout)\(records.stderr)")
            #expect(records.stdout.contains("check: 0 errors"), "\(records.stdout)")
            let check = try DocCtlProcess.run(["check", "set", "--today", FixtureSet.todayText], in: folder)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
    }

    @Test func badWorkbooksEndInOneLineAndExitTwo() throws {
        try WorkflowCommandTests.inFolder { folder in
            try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).write(to: folder.appendingPathComponent("old.xls"))
            let old = try DocCtlProcess.run(["import", "old.xls", "--as", "records", "--set", "set"], in: folder)
            #expect(old.status == 2)
            #expect(old.stderr == "error: old.xls is an Excel 97–2003 .xls (or another OLE file); open it in Excel and save it as .xlsx\n")

            let noKind = try DocCtlProcess.run(["import", "old.xlsx", "--set", "set"], in: folder)
            #expect(noKind.status != 0)
            #expect(noKind.stderr.contains("--as matrix"))
        }
    }

    @Test func initFromAWordManualTakesItsNumberOrganisationAndChapters() throws {
        typealias D = DocxFixture
        try TemporaryFolder.with { folder in
            let styles = D.style("Heading1", name: "heading 1") + D.style("Heading2", name: "heading 2")
            var manual = D(body: D.p("IT服务管理手册", style: "Title")
                           + D.table([["文件编号", "XQ-M-01", "版本", "A/0"], ["密级", "内部公开", "发布日期", "2025-03-01"]])
                           + D.p("4 组织环境", style: "Heading1") + D.p("4.1 理解组织及其环境", style: "Heading2") + D.p("本公司识别内外部因素。")
                           + D.p("5 领导作用", style: "Heading1") + D.p("5.1 领导作用和承诺", style: "Heading2") + D.p("最高管理者作出承诺。"),
                           styles: styles + D.style("Title", name: "Title"))
            manual.entries = [("word/header1.xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="\#(D.wordNamespace)">\#(D.p("星桥云服信息技术有限公司"))</w:hdr>"#.utf8))]
            try manual.data().write(to: folder.url.appendingPathComponent("manual.docx"))
            let result = try DocCtlProcess.run(["init", "new", "--standard", "iso-iec-20000-1-2018", "--from", "manual.docx", "--date", "2025-03-01"], in: folder.url)
            #expect([0, 1].contains(result.status), "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("the manual XQ-M-01 imported from manual.docx"), "\(result.stdout)")
            #expect(result.stdout.contains("organisation: 星桥云服信息技术有限公司"))
            let docset = try WorkflowCommandTests.text(folder.url, "new/docset.yaml")
            #expect(docset.contains("name: 星桥云服信息技术有限公司"))
            let document = try WorkflowCommandTests.text(folder.url, "new/manual/document.yaml")
            #expect(document.contains("number: XQ-M-01\n"))
            let chapters = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("new/manual").path).sorted()
            #expect(chapters.contains { $0.hasSuffix(".md") && $0.contains("4") })
            #expect(!chapters.contains("99-appendices.md"))
            #expect(try WorkflowCommandTests.text(folder.url, "new/records.yaml").contains("procedure: XQ-M-01"))
            let check = try DocCtlProcess.run(["check", "new", "--today", "2025-03-02"], in: folder.url)
            #expect(!check.stdout.contains("unfinished-section"), "\(check.stdout)")

            // A file that cannot be imported leaves nothing behind.
            try Data("not a zip".utf8).write(to: folder.url.appendingPathComponent("bad.docx"))
            let bad = try DocCtlProcess.run(["init", "other", "--standard", "iso-iec-20000-1-2018", "--from", "bad.docx"], in: folder.url)
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("not a .docx"))
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("other").path))
        }
    }
}
