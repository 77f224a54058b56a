import DocCtlCore
@testable import DocCtlImport
import DocCtlTestSupport
import Foundation
import Testing

typealias X = XlsxFixture

let sheetDepartments: [(id: String, name: String)] = [("gm", "总经理"), ("quality", "质量管理部"), ("service", "运维服务部"), ("tech", "技术部")]

func importingSheet(_ fixture: XlsxFixture, as kind: SheetKind, sheet: String? = nil,
                    documents: [(number: String, title: String)] = [("QP-04", "事件管理程序"), ("QP-06", "变更管理程序")]) throws -> ImportedSheet {
    var options = SheetImportOptions()
    options.sheet = sheet
    options.departments = sheetDepartments
    options.documents = documents
    return try SheetImporter.importSheet(fixture.data(), name: "fixture.xlsx", as: kind, options: options)
}

extension ImportedSheet {
    func items(_ kind: ImportReport.Kind) -> [ImportReport.Item] { report.items.filter { $0.kind == kind } }
}

/// Writes `text` as the set file of `kind` into a copy of a minimal set and loads the set with
/// docctl's own loader and checks, returning the diagnostics in that file.
func loadedBySet(_ text: String, as kind: SheetKind) throws -> [Diagnostic] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-import-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let template = DocumentSetTemplate(standard: StandardsLibrary.builtIn.tree("iso-iec-20000-1-2018")!, language: .zhCN,
                                       organization: "测试公司", date: Day(year: 2025, month: 3, day: 1)!)
    try template.create(at: folder)
    try """
    departments:
      - { id: gm, name: 总经理, parent: null }
      - { id: quality, name: 质量管理部, parent: gm }
      - { id: service, name: 运维服务部, parent: gm }
      - { id: tech, name: 技术部, parent: gm }
    """.write(to: folder.appendingPathComponent("organization.yaml"), atomically: true, encoding: .utf8)
    try text.write(to: folder.appendingPathComponent(kind.fileName), atomically: true, encoding: .utf8)
    let (set, diagnostics) = try DocumentSetLoader().load(folder)
    let checked = diagnostics + Checker(today: Day(year: 2025, month: 3, day: 2)!).run(set)
    return checked.filter { $0.location?.path == kind.fileName }
}

@Suite struct SheetImportTests {
    // MARK: Matrix

    @Test func matrixWithHeaderBelowATitleInAnyColumnOrder() throws {
        let fixture = X(rows: [
            ["职责分配表"],
            [],
            ["序号", "质量管理部", "条款号", "条款名称", "总经理"],
            [.number("1", format: 0), "●", .number("4", format: 0), "组织环境", "○"],
            [.number("2", format: 0), "●", .number("4.1", format: 0), "理解组织及其环境", ""],
            ["", "注：●主责 ○配合"],
        ])
        let imported = try importingSheet(fixture, as: .matrix)
        #expect(imported.text == """
            clause,title,quality,gm
            4,组织环境,●,○
            4.1,理解组织及其环境,●,

            """)
        #expect(imported.report.counts.rows == 2)
        #expect(imported.items(.dropped).contains { $0.message.contains("'序号'") })
        #expect(imported.items(.dropped).contains { $0.message.contains("row 6 has no clause id") })
        let errors = try loadedBySet(imported.text, as: .matrix).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func clauseIdsTypedAsNumbersKeepTheirWrittenDecimals() throws {
        var fixture = X(rows: [
            ["clause", "Quality"],
            [.number("8.9", format: 0), "R"],
            [.number("8.1", format: 2), "R"], // shown as 8.10 by its 0.00 format
            [.number("8.0999999999999996", format: 0), "C"], // General: the shortest text, 8.1
            [.number("10.2", format: 164), "I"], // a custom format 0.00 → 10.20
            [.number("8.3", format: 49), "A"], // a number in a Text cell
        ])
        fixture.customFormats = [164: #"0.00_);[Red]\(0.00\)"#]
        let imported = try importingSheet(fixture, as: .matrix)
        #expect(imported.text == "clause,quality\n8.9,R\n8.10,R\n8.1,C\n10.20,I\n8.3,A\n")
    }

    @Test func aGeneralNumberSeenTwiceIsReadAsItsTenthAndReported() throws {
        let fixture = X(rows: [
            ["条款", "技术部"],
            [.number("8.1", format: 0), "●"],
            [.number("8.9", format: 0), "●"],
            [.number("8.1", format: 0), "○"],
        ])
        let imported = try importingSheet(fixture, as: .matrix)
        #expect(imported.text == "clause,tech\n8.1,●\n8.9,●\n8.10,○\n")
        #expect(imported.items(.guessed).contains { $0.message.contains("read as 8.10") && $0.excerpt?.hasPrefix("A4") == true })
    }

    @Test func mergedHeaderCellsAndASecondHeaderRowGiveTheDepartments() throws {
        let fixture = X(rows: [
            ["ISO/IEC 20000-1 条款", "条款名称", "责任部门", "", ""],
            ["", "", "总经理", "质量管理部", "运维服务部"],
            [.inline("8.6.1"), .inline("事件管理"), "", "○", "●"],
            [.inline("8.6.2"), .inline("服务请求管理"), "", "○", ""],
        ], merges: ["A1:A2", "B1:B2", "C1:E1", "E3:E4"])
        var withKey = fixture
        withKey.sheets[0].rows[0][0] = "条款"
        let imported = try importingSheet(withKey, as: .matrix)
        #expect(imported.text == "clause,title,gm,quality,service\n8.6.1,事件管理,,○,●\n8.6.2,服务请求管理,,○,●\n")
        #expect(imported.items(.found).contains { $0.message.contains("two-row header") })
        #expect(imported.items(.guessed).contains { $0.message.contains("1 cell covered by merged ranges") })
    }

    @Test func englishHeadersRACICombinationsAndFullWidthMarks() throws {
        let fixture = X(rows: [
            ["Clause", "Title", "Service", "Tech", "Finance"],
            ["8.5.1", "Change management", "R/A", "ｃ", "√"],
        ])
        let imported = try importingSheet(fixture, as: .matrix)
        #expect(imported.text == "clause,title,service,tech,Finance\n8.5.1,Change management,A,C,√\n")
        #expect(imported.items(.fix).contains { $0.message.contains("'Finance' is not a department") })
        #expect(imported.items(.fix).contains { $0.message.contains("B2") == false && $0.message.contains("E2 '√'") })
        let diagnostics = try loadedBySet(imported.text, as: .matrix)
        #expect(diagnostics.contains { $0.rule == Rules.matrixBadCell.id })
    }

    @Test func aSheetWithoutAClauseHeaderIsRefusedNamingWhatWasLookedFor() throws {
        let fixture = X(rows: [["部门", "职责"], ["质量管理部", "文件控制"]])
        #expect(throws: ImportError.self) { try importingSheet(fixture, as: .matrix) }
        do { _ = try importingSheet(fixture, as: .matrix) } catch {
            #expect((error as? ImportError)?.message.contains("条款 (clause) column") == true)
        }
    }

    @Test func theSheetIsFoundAmongSeveralOrNamed() throws {
        var fixture = X(sheets: [
            .init(name: "说明", rows: [["本表说明"]]),
            .init(name: "职责分配表", rows: [["条款", "技术部"], ["8.2", "●"]]),
        ])
        #expect(try importingSheet(fixture, as: .matrix).sheetName == "职责分配表")
        fixture.sheets.append(.init(name: "旧版", rows: [["条款", "总经理"], ["5.1", "●"]]))
        #expect(try importingSheet(fixture, as: .matrix, sheet: "旧版").text == "clause,gm\n5.1,●\n")
        #expect(throws: ImportError.self) { try importingSheet(fixture, as: .matrix, sheet: "没有") }
    }

    // MARK: Records

    @Test func recordsRegisterInAnyOrderWithUnitsTitlesAndDepartments() throws {
        let fixture = X(rows: [
            ["记录清单"],
            ["序号", "记录名称", "表单编号", "保存期限（年）", "保管部门", "产生记录的程序文件"],
            [.number("1", format: 0), "事件记录单", "XQ-QR-08", .number("3", format: 0), "运维服务部", "《事件管理程序》"],
            [.number("2", format: 0), "变更申请单", "XQ-QR-13", "永久", "tech", "QP-06"],
            [.number("3", format: 0), "重大事件报告", "", "三年", "service", "QP-04 事件管理程序"],
        ])
        let imported = try importingSheet(fixture, as: .records)
        #expect(imported.text.hasPrefix("# 记录清单"))
        let body = imported.text.split(separator: "\n").dropFirst().joined(separator: "\n")
        #expect(body == """
            - { id: REC-01, title: 事件记录单, owner: service, retention: 3 years, procedure: QP-04, form: XQ-QR-08 }
            - { id: REC-02, title: 变更申请单, owner: tech, retention: 永久, procedure: QP-06, form: XQ-QR-13 }
            - { id: REC-03, title: 重大事件报告, owner: service, retention: 3年, procedure: QP-04 }
            """)
        #expect(imported.items(.guessed).contains { $0.message.contains("'1' is a serial number") } == false)
        #expect(imported.items(.guessed).contains { $0.message.contains("read as QP-04 by its title") })
        #expect(imported.report.counts.rows == 3)
    }

    @Test func recordsWithEnglishHeadersIdsAndProblemsReported() throws {
        let fixture = X(rows: [
            ["Form", "Record ID", "Title", "Owner", "Retention", "Procedure"],
            ["F-01", "REC-05", "Incident record", "Operations", "3 yrs", "QP-99"],
            ["F-02", "REC-05", "Change request", "quality", "6 months", ""],
        ])
        let imported = try importingSheet(fixture, as: .records)
        #expect(imported.text.contains("- { id: REC-05, title: Incident record, owner: Operations, retention: 3 yrs, procedure: QP-99, form: F-01 }"))
        let fixes = imported.items(.fix).map(\.message)
        #expect(fixes.contains { $0.contains("owner 'Operations'") })
        #expect(fixes.contains { $0.contains("retention '3 yrs'") })
        #expect(fixes.contains { $0.contains("procedure 'QP-99'") })
        #expect(fixes.contains { $0.contains("'REC-05' comes a second time") })
        let diagnostics = try loadedBySet(imported.text, as: .records)
        #expect(diagnostics.contains { $0.rule == Rules.recordIncomplete.id })
    }

    @Test func importedRecordsLoadCleanly() throws {
        let fixture = X(rows: [
            ["记录编号", "记录名称", "保管部门", "保存期限", "相关程序"],
            ["REC-01", "文件发放回收登记表", "质量管理部", "3年", ""],
        ])
        let imported = try importingSheet(fixture, as: .records)
        #expect(imported.text.hasSuffix("- { id: REC-01, title: 文件发放回收登记表, owner: quality, retention: 3年 }\n"))
        #expect(try loadedBySet(imported.text, as: .records).filter { $0.severity == .error }.isEmpty)
    }

    @Test func textThatLooksLikeYAMLStaysText() throws {
        let fixture = X(rows: [
            ["记录编号", "记录名称", "保管部门", "保存期限"],
            ["REC-01", "{审核}: 记录, #1", "quality", "3 years"],
        ])
        let imported = try importingSheet(fixture, as: .records)
        #expect(try loadedBySet(imported.text, as: .records).filter { $0.severity == .error }.isEmpty)
        #expect(imported.text.contains(#""{审核}: 记录, #1""#))
    }
}
