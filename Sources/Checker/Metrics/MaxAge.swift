extension Schedule {
    /// How old a target's last success may be, in seconds, while its schedule is kept: the
    /// longest stretch between two consecutive due days plus one day of grace. Daily 2 days,
    /// `mon-fri` 4, `sun` 8, `1,15,last` 17 (the 15th to the 31st is 16), `every N days` N + 1;
    /// so one alert rule (age above max age) serves daily, weekly and monthly targets alike.
    package var maxAgeSeconds: Int64 {
        let day: Int64 = 86_400
        switch self {
        case .daily: return 2 * day
        case let .every(days): return Int64(days + 1) * day
        case .days: return Int64(longestGapInDays + 1) * day
        }
    }

    /// The longest span between two consecutive due days, counted over 2001 to 2028: 28 years
    /// hold every alignment of weekdays with month days and leap years (no century year in
    /// between). A day list that is due less than twice in them counts as a year and a day.
    private var longestGapInDays: Int {
        guard let start = CalendarDay(year: 2001, month: 1, day: 1)?.daysSinceEpoch else { return 367 }
        var previous: Int64?
        var longest = 0
        for offset in Int64(0)..<Int64(28 * 366) {
            guard let day = CalendarDay(daysSinceEpoch: start + offset), isDue(on: day) else { continue }
            if let previous { longest = max(longest, Int(start + offset - previous)) }
            previous = start + offset
        }
        return longest > 0 ? longest : 366
    }
}
