import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// End-to-end: `docctl import` on a fixture set, as a quality manager runs it.
@Suite struct ImportCommandTests {
    typealias D = DocxFixture

    static let styles = D.style("Heading1", name: "heading 1") + D.style("Heading2", name: "heading 2")

    /// A clean procedure: cover table, history table, headings, a list and a table.
    static func procedure(number: String = "QP-20") -> DocxFixture {
        let cover = D.table([
            ["文件编号", number, "密级", "内部公开"],
            ["受控状态", "受控", "归口部门", "运维服务部"],
            ["发布日期", "2025-12-01", "实施日期", "2025-12-05"],
            ["编制", "赵一鸣 2025-11-20", "审核", "沈家宁 2025-11-25"],
            ["批准", "周明远 2025-11-28", "", ""],
        ])
        let history = D.table([["版本号", "修订状态", "修改内容", "修改人", "批准人", "修改日期"],
                               ["A", "0", "新建", "赵一鸣", "周明远", "2025年12月1日"]])
        return D(body: D.p("值班管理程序") + cover + D.p("文档修改记录") + history
                 + D.p("1 目的", style: "Heading1") + D.p("规范值班交接，遵循 QP-01。") + D.p("2 职责", style: "Heading1")
                 + D.p("a) 值班长负责排班；") + D.p("b) 工程师负责交接。") + D.p("3 交接要求", style: "Heading1")
                 + D.table([["项目", "要求"], ["交接时间", "每日 9:00"]]),
                 styles: styles)
    }

    static func write(_ fixture: DocxFixture, _ folder: URL, _ name: String = "in.docx") throws {
        try fixture.data().write(to: folder.appendingPathComponent(name))
    }

    @Test func importsAProcedureThatPassesCheck() throws {
        try WorkflowCommandTests.inFolder { folder in
            try Self.write(Self.procedure(), folder)
            let result = try DocCtlProcess.run(["import", "in.docx", "--set", "set", "--type", "procedure", "--today", FixtureSet.todayText], in: folder)
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("found: 8 control fields, 1 history rows, 3 sections"))
            #expect(result.stdout.contains("check: 0 errors, 0 warnings"), "\(result.stdout)")
            let yaml = try WorkflowCommandTests.text(folder, "set/procedures/QP-20/document.yaml")
            #expect(yaml.contains("owner: service\n"))
            let body = try WorkflowCommandTests.text(folder, "set/procedures/QP-20/body.md")
            #expect(body.contains("规范值班交接，遵循 [[QP-01]]。"))
            #expect(body.contains("1. 值班长负责排班；\n1. 工程师负责交接。"))
            let check = try DocCtlProcess.run(["check", "set", "--today", FixtureSet.todayText], in: folder)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
    }

    @Test func neverOverwritesAndDryRunWritesNothing() throws {
        try WorkflowCommandTests.inFolder { folder in
            try Self.write(Self.procedure(), folder)
            let dry = try DocCtlProcess.run(["import", "in.docx", "--set", "set", "--dry-run", "--format", "json"], in: folder)
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("\"report\""))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("set/procedures/QP-20").path))

            try FileManager.default.createDirectory(at: folder.appendingPathComponent("taken"), withIntermediateDirectories: true)
            let taken = try DocCtlProcess.run(["import", "in.docx", "--set", "set", "--to", "taken"], in: folder)
            #expect(taken.status == 2)
            #expect(taken.stderr.contains("already exists; docctl import never overwrites"))

            try Self.write(Self.procedure(number: "QP-01"), folder, "dup.docx")
            let duplicate = try DocCtlProcess.run(["import", "dup.docx", "--set", "set"], in: folder)
            #expect(duplicate.status == 2)
            #expect(duplicate.stderr.contains("document QP-01 already exists"))
        }
    }

    @Test func importWithProblemsExitsOneAndBadFilesExitTwo() throws {
        try WorkflowCommandTests.inFolder { folder in
            let bare = D(body: D.p("1 目的", style: "Heading1") + D.p("正文。"), styles: Self.styles)
            try Self.write(bare, folder, "bare.docx")
            let result = try DocCtlProcess.run(["import", "bare.docx", "--set", "set", "--number", "QP-30", "--today", FixtureSet.todayText], in: folder)
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("to fix before release:"))
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("set/procedures/QP-30/body.md").path))

            try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]).write(to: folder.appendingPathComponent("old.doc"))
            let old = try DocCtlProcess.run(["import", "old.doc", "--set", "set", "--number", "QP-31"], in: folder)
            #expect(old.status == 2)
            #expect(old.stderr == "error: old.doc is a Word 97–2003 .doc (or another OLE file); open it in Word and save it as .docx\n")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("set/procedures/QP-31").path))
        }
    }
}
