import DocCtlCore
import Testing

/// Calendar dates as written in sources.
@Suite struct DayTests {
    @Test(arguments: ["2025-03-18", "2024-02-29", "2000-02-29", "1999-12-31"])
    func realDatesParseAndPrintTheSame(text: String) throws {
        #expect(try #require(Day(text)).description == text)
    }

    @Test(arguments: ["2025-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-4-1", "25-04-01",
                      "2025/04/01", "2025-04-01T00:00", "", "２０２５-04-01", "2025-04-0a", "0999-01-01"])
    func impossibleOrMisformattedDatesAreRefused(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func datesCompareChronologically() throws {
        #expect(try #require(Day("2025-01-31")) < #require(Day("2025-02-01")))
        #expect(try #require(Day("2024-12-31")) < #require(Day("2025-01-01")))
        #expect(!(try #require(Day("2025-01-01")) < #require(Day("2025-01-01"))))
    }

    @Test func addingMonthsClampsToTheEndOfTheMonth() throws {
        #expect(try #require(Day("2025-01-31")).adding(months: 1).description == "2025-02-28")
        #expect(try #require(Day("2024-01-31")).adding(months: 1).description == "2024-02-29")
        #expect(try #require(Day("2025-06-15")).adding(months: 12).description == "2026-06-15")
        #expect(try #require(Day("2025-11-30")).adding(months: 3).description == "2026-02-28")
    }

    @Test func epochSecondsGiveTheUTCDate() {
        #expect(Day(epochSeconds: 0).description == "1970-01-01")
        #expect(Day(epochSeconds: 951_782_400).description == "2000-02-29")
        #expect(Day(epochSeconds: 1_767_225_599).description == "2025-12-31")
        #expect(Day(epochSeconds: 1_767_225_600).description == "2026-01-01")
    }
}

/// Regression: `adding(months:)` trapped past 9999-12 (a `last-review: 9999-12-31` crashed check).
@Suite struct DayRangeTests {
    @Test func addingMonthsStaysWithinTheYearsADayCanHold() throws {
        #expect(try #require(Day("9999-12-31")).adding(months: 12).description == "9999-12-31")
        #expect(try #require(Day("9999-06-30")).adding(months: 120).description == "9999-12-30")
        #expect(try #require(Day("1900-01-31")).adding(months: -1).description == "1900-01-31")
    }
}
