/// A calendar date without time zone, as written in sources (`2025-03-18`).
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// This date moved by `months` calendar months, clamped to the end of the month and to the
    /// years a `Day` can hold (1900–9999), so that `9999-12-31` plus a review period cannot trap.
    public func adding(months: Int) -> Day {
        let total = min(max(year * 12 + (month - 1) + months, 1900 * 12), 9999 * 12 + 11)
        let y = total / 12, m = total % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }

    /// The date `SOURCE_DATE_EPOCH` names (nil when it is unset or empty). A value that is not a
    /// whole number of seconds between 1970-01-01 and 9999-12-31T23:59:59Z (negative, past year
    /// 9999, garbage) is refused with one line, by every command that reads it.
    public static func sourceDateEpoch(_ environment: [String: String]) throws(DocCtlError) -> Day? {
        guard let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty else { return nil }
        guard epoch.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int(epoch), seconds <= 253_402_300_799 else {
            throw .usage("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 up to the end of year 9999, found '\(epoch.prefix(40))'")
        }
        return Day(epochSeconds: seconds)
    }

    /// The date of a POSIX timestamp in UTC.
    public init(epochSeconds: Int) {
        // Civil-from-days (Howard Hinnant), valid for the proleptic Gregorian calendar.
        let z = epochSeconds / 86_400 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }
}
