import DocCtlCore
import DocCtlTestSupport
import Foundation
import Testing

/// The matrix CSV: RFC 4180 with spreadsheet-export tolerance.
@Suite struct CSVParserTests {
    static func cells(_ text: String) throws -> [[String]] { try CSVParser.parse(text).map(\.cells) }

    @Test func plainRowsWithTheirLines() throws {
        let rows = try CSVParser.parse("clause,gm\n4,●\n\n5,○\n")
        #expect(rows.map(\.cells) == [["clause", "gm"], ["4", "●"], [""], ["5", "○"]])
        #expect(rows.map(\.line) == [1, 2, 3, 4])
    }

    @Test func lastRowWithoutNewline() throws {
        #expect(try Self.cells("a,b\nc,d") == [["a", "b"], ["c", "d"]])
    }

    @Test func quotedCellsWithCommasQuotesAndNewlines() throws {
        let rows = try CSVParser.parse("clause,title\n4,\"组织, 环境\"\n5,\"说 \"\"领导\"\"\"\n6,\"两\n行\"\n7,x\n")
        #expect(rows.map(\.cells) == [["clause", "title"], ["4", "组织, 环境"], ["5", "说 \"领导\""], ["6", "两\n行"], ["7", "x"]])
        #expect(rows.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func trailingEmptyColumnsAreKeptAsEmptyCells() throws {
        #expect(try Self.cells("clause,gm,,\n4,●,,\n") == [["clause", "gm", "", ""], ["4", "●", "", ""]])
    }

    @Test func unclosedQuoteFailsAtTheLineWhereItOpened() {
        #expect(throws: CSVParser.Failure.self) { try CSVParser.parse("a,b\n4,\"open\n5,x\n") }
        do {
            _ = try CSVParser.parse("a,b\n4,\"open\n5,x\n")
        } catch {
            #expect((error as? CSVParser.Failure)?.line == 2)
        }
    }

    @Test func rowLimitIsEnforced() {
        #expect(throws: CSVParser.Failure.self) { try CSVParser.parse(String(repeating: "a\n", count: 20), maximumRows: 10) }
    }

    @Test func spreadsheetExportWithBOMCRLFAndTrailingColumnsPassesCheck() throws {
        var fixture = FixtureSet.valid()
        let text = try #require(fixture.text("responsibilities.csv"))
        let exported = "\u{FEFF}" + text.split(separator: "\n").map { $0 + ",," }.joined(separator: "\r\n") + "\r\n"
        fixture.write("responsibilities.csv", data: Data(exported.utf8))
        let outcome = try fixture.check(strict: true)
        expectClean(outcome)
        #expect(outcome.set.matrix?.departments == ["gm", "quality", "service"])
        #expect(outcome.set.matrix?.rows.map(\.clause) == ["4", "5", "7.5", "8"])
    }

    @Test func spreadsheetErrorIsReportedAtTheRightLineDespiteCRLF() throws {
        var fixture = FixtureSet.valid()
        let text = "clause,title,gm,quality,service\r\n4,组织环境,○,●,\r\n5,领导作用,X,●,\r\n"
        fixture.write("responsibilities.csv", data: Data(text.utf8))
        let outcome = try fixture.check()
        #expect(outcome.diagnostics(Rules.matrixBadCell).map { $0.location?.line } == [3])
    }
}
