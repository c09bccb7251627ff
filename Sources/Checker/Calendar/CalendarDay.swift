import TextRules

/// A day of the proleptic Gregorian calendar, the unit the check works in.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date in years 1...9999, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDay.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly "YYYY-MM-DD" naming a real day.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `days` days after 1970-01-01 (negative before it); nil outside years 1...9999.
    public init?(daysSinceEpoch days: Int64) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard let year = Int(exactly: year) else { return nil }
        self.init(year: year, month: Int(month), day: Int(day))
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int64 { CalendarDay.daysSinceEpoch(year: year, month: month, day: day) }

    /// Days from 1970-01-01 to a year, month and day (Howard Hinnant's days_from_civil); the
    /// day may run past the month's end.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 1 for Monday … 7 for Sunday (ISO 8601), for a number of days since 1970-01-01.
    static func weekday(daysSinceEpoch days: Int64) -> Int {
        Int((((days + 3) % 7) + 7) % 7) + 1  // 1970-01-01 was a Thursday
    }

    /// The day `count` days later (earlier when negative); nil outside years 1...9999.
    public func adding(days count: Int) -> CalendarDay? {
        CalendarDay(daysSinceEpoch: daysSinceEpoch + Int64(count))
    }

    /// Days from `other` to this day (positive when this day is later).
    public func days(since other: CalendarDay) -> Int {
        Int(daysSinceEpoch - other.daysSinceEpoch)
    }

    /// 1 for Monday … 7 for Sunday (ISO 8601).
    public var weekday: Int { CalendarDay.weekday(daysSinceEpoch: daysSinceEpoch) }

    /// True on the last day of its month.
    public var isLastOfMonth: Bool { day == CalendarDay.daysIn(month: month, year: year) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// "YYYY-MM-DD": only digits and dashes, safe to place inside an SQL string literal.
    public var description: String {
        "\(year.decimal(width: 4))-\(month.decimal(width: 2))-\(day.decimal(width: 2))"
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
