/// A POSIX TZ rule such as "CET-1CEST,M3.5.0,M10.5.0/3": a standard offset and, optionally, a
/// daylight offset with the local times it starts and ends each year. The TZif footer holds one
/// for every instant after the file's last transition; TZ may hold one instead of a zone name.
/// Offsets here are seconds east of UTC (POSIX writes them west, with the opposite sign).
struct PosixTimeZoneRule: Sendable, Equatable {
    /// When in the year a change happens.
    enum DateRule: Sendable, Equatable {
        /// Jn: day 1...365, February 29 never counted.
        case julianNoLeap(Int)
        /// n: day 0...365, February 29 counted.
        case zeroBased(Int)
        /// Mm.w.d: weekday d (0 Sunday) of week w (5 the last) of month m.
        case monthWeekDay(month: Int, week: Int, weekday: Int)
    }

    struct Daylight: Sendable, Equatable {
        var offset: Int32
        var start: DateRule
        /// Seconds after local midnight (may be negative or beyond a day, as TZif v3 allows).
        var startTime: Int64
        var end: DateRule
        var endTime: Int64
    }

    let standardOffset: Int32
    let daylight: Daylight?

    init(standardOffset: Int32, daylight: Daylight? = nil) {
        self.standardOffset = standardOffset
        self.daylight = daylight
    }

    init?(parsing text: String) {
        var scanner = RuleScanner(Array(text.utf8))
        guard scanner.name(), let standard = scanner.offset() else { return nil }
        standardOffset = Int32(-standard)
        if scanner.isAtEnd {
            daylight = nil
            return
        }
        guard scanner.name() else { return nil }
        var daylightOffset = standardOffset + 3600
        if !scanner.isAtEnd, scanner.peek != UInt8(ascii: ",") {
            guard let value = scanner.offset() else { return nil }
            daylightOffset = Int32(-value)
        }
        var start = DateRule.monthWeekDay(month: 3, week: 2, weekday: 0)
        var startTime: Int64 = 7200
        var end = DateRule.monthWeekDay(month: 11, week: 1, weekday: 0)
        var endTime: Int64 = 7200
        if scanner.consume(UInt8(ascii: ",")) {
            guard let first = scanner.dateRule() else { return nil }
            start = first
            if scanner.consume(UInt8(ascii: "/")) {
                guard let time = scanner.offset(maxHours: 167) else { return nil }
                startTime = time
            }
            guard scanner.consume(UInt8(ascii: ",")), let second = scanner.dateRule() else { return nil }
            end = second
            if scanner.consume(UInt8(ascii: "/")) {
                guard let time = scanner.offset(maxHours: 167) else { return nil }
                endTime = time
            }
        }
        guard scanner.isAtEnd else { return nil }
        daylight = Daylight(offset: daylightOffset, start: start, startTime: startTime, end: end, endTime: endTime)
    }

    /// The UTC offset in seconds at `instant`.
    func offset(at instant: Int64) -> Int32 {
        guard let daylight else { return standardOffset }
        guard let year = CalendarDay(daysSinceEpoch: floorDivide(instant + Int64(standardOffset), 86_400))?.year else {
            return standardOffset
        }
        // The changes happen at local time: the start in standard time, the end in daylight time.
        let start = PosixTimeZoneRule.localSeconds(daylight.start, year: year) + daylight.startTime - Int64(standardOffset)
        let end = PosixTimeZoneRule.localSeconds(daylight.end, year: year) + daylight.endTime - Int64(daylight.offset)
        let inDaylight = start < end ? (instant >= start && instant < end) : !(instant >= end && instant < start)
        return inDaylight ? daylight.offset : standardOffset
    }

    /// Seconds from 1970 to local midnight of the rule's day in `year`.
    static func localSeconds(_ rule: DateRule, year: Int) -> Int64 {
        let january1 = CalendarDay.daysSinceEpoch(year: year, month: 1, day: 1)
        let leap = CalendarDay.daysIn(month: 2, year: year) == 29
        let day: Int64
        switch rule {
        case let .julianNoLeap(n):
            day = january1 + Int64(n - 1) + (leap && n >= 60 ? 1 : 0)
        case let .zeroBased(n):
            day = january1 + Int64(n)
        case let .monthWeekDay(month, week, weekday):
            let first = CalendarDay.daysSinceEpoch(year: year, month: month, day: 1)
            let firstWeekday = CalendarDay.weekday(daysSinceEpoch: first) % 7  // 0 Sunday … 6 Saturday
            var date = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            let length = CalendarDay.daysIn(month: month, year: year)
            while date > length { date -= 7 }
            day = first + Int64(date - 1)
        }
        return day * 86_400
    }
}

/// Reads the parts of a POSIX TZ string.
private struct RuleScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// A zone abbreviation: three or more letters, or anything within <...>.
    mutating func name() -> Bool {
        if consume(UInt8(ascii: "<")) {
            let start = index
            while let byte = peek, byte != UInt8(ascii: ">") { index += 1 }
            guard index - start >= 3, consume(UInt8(ascii: ">")) else { return false }
            return true
        }
        let start = index
        while let byte = peek, byte | 0x20 >= 0x61, byte | 0x20 <= 0x7A { index += 1 }
        return index - start >= 3
    }

    /// [+-]hh[:mm[:ss]] as seconds.
    mutating func offset(maxHours: Int = 24) -> Int64? {
        var sign: Int64 = 1
        if consume(UInt8(ascii: "-")) { sign = -1 } else { _ = consume(UInt8(ascii: "+")) }
        guard let hours = number(maxDigits: 3), hours <= maxHours else { return nil }
        var seconds = Int64(hours) * 3600
        if consume(UInt8(ascii: ":")) {
            guard let minutes = number(maxDigits: 2), minutes < 60 else { return nil }
            seconds += Int64(minutes) * 60
            if consume(UInt8(ascii: ":")) {
                guard let secs = number(maxDigits: 2), secs < 60 else { return nil }
                seconds += Int64(secs)
            }
        }
        return sign * seconds
    }

    mutating func dateRule() -> PosixTimeZoneRule.DateRule? {
        if consume(UInt8(ascii: "J")) {
            guard let day = number(maxDigits: 3), (1...365).contains(day) else { return nil }
            return .julianNoLeap(day)
        }
        if consume(UInt8(ascii: "M")) {
            guard let month = number(maxDigits: 2), (1...12).contains(month), consume(UInt8(ascii: ".")),
                  let week = number(maxDigits: 1), (1...5).contains(week), consume(UInt8(ascii: ".")),
                  let weekday = number(maxDigits: 1), (0...6).contains(weekday) else { return nil }
            return .monthWeekDay(month: month, week: week, weekday: weekday)
        }
        guard let day = number(maxDigits: 3), (0...365).contains(day) else { return nil }
        return .zeroBased(day)
    }

    mutating func number(maxDigits: Int) -> Int? {
        var value = 0
        var digits = 0
        while digits < maxDigits, let byte = peek, byte >= 0x30, byte <= 0x39 {
            value = value * 10 + Int(byte - 0x30)
            index += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
