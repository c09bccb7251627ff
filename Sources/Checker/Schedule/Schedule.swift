/// When a target's backup is due: every day, on listed weekdays and days of the month (as cron
/// reads them: due when either matches), or at least once in every N days.
package enum Schedule: Equatable, Sendable, CustomStringConvertible {
    /// Every day (a bare target, or `daily`).
    case daily
    /// On these weekdays (1 Monday … 7 Sunday) and these days of the month (1…31; 0 for the
    /// last day), due when either matches.
    case days(weekdays: Set<Int>, monthDays: Set<Int>)
    /// At least one success in the N days ending with the checked day.
    case every(Int)

    /// The longest `every` span accepted.
    package static let maxEveryDays = 366

    /// True when a run is expected on `day` itself. `every` targets are never due on a day:
    /// they are judged by their last success instead.
    package func isDue(on day: CalendarDay) -> Bool {
        switch self {
        case .daily: return true
        case let .days(weekdays, monthDays):
            return weekdays.contains(day.weekday) || monthDays.contains(day.day) || (monthDays.contains(0) && day.isLastOfMonth)
        case .every: return false
        }
    }

    /// The schedule as the list would write it, normalised: "daily", "mon-fri", "sat,sun,1,15,last",
    /// "every 3 days".
    package var description: String {
        switch self {
        case .daily: return "daily"
        case let .every(days): return days == 1 ? "every 1 day" : "every \(days) days"
        case let .days(weekdays, monthDays):
            var parts = Schedule.runs(weekdays.sorted()).map { run in
                run.count >= 3 ? "\(Schedule.dayNames[run[0] - 1])-\(Schedule.dayNames[run[run.count - 1] - 1])"
                    : run.map { Schedule.dayNames[$0 - 1] }.joined(separator: ",")
            }
            parts += Schedule.runs(monthDays.filter { $0 > 0 }.sorted()).map { run in
                run.count >= 3 ? "\(run[0])-\(run[run.count - 1])" : run.map(String.init).joined(separator: ",")
            }
            if monthDays.contains(0) { parts.append("last") }
            return parts.joined(separator: ",")
        }
    }

    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Consecutive runs of sorted numbers: [1,2,3,5] → [[1,2,3],[5]].
    private static func runs(_ numbers: [Int]) -> [[Int]] {
        var result: [[Int]] = []
        for number in numbers {
            if let last = result.last?.last, last + 1 == number {
                result[result.count - 1].append(number)
            } else {
                result.append([number])
            }
        }
        return result
    }

    /// Parses the schedule part of a list line (after the target, before a comment); the
    /// reason is what was expected instead. Words are separated by white space and a list is
    /// written with commas (white space after a comma is allowed) or ranges: words that are
    /// left over are an error that says how to write them, never joined into a guess.
    package init(parsing text: some StringProtocol) throws(ScheduleError) {
        let words = Schedule.words(text.lowercased())
        if words.isEmpty || words == ["daily"] {
            self = .daily
            return
        }
        if words.first == "every" {
            self = .every(try Schedule.everyDays(words.dropFirst()))
            return
        }
        let found = words.joined(separator: " ")
        guard words.count == 1 else {
            if words.first == "daily" {
                throw ScheduleError(found: found, expected: .dailyAlone)
            }
            let items = words.joined(separator: ",").split(separator: ",")
            if items.allSatisfy({ Schedule.weekdayRange($0) != nil || Schedule.monthDayRange($0) != nil }) {
                throw ScheduleError(found: found, expected: .commasNotSpaces(items.joined(separator: ",")))
            }
            throw ScheduleError(found: found, expected: .schedule)
        }
        var weekdays = Set<Int>()
        var monthDays = Set<Int>()
        for item in words[0].split(separator: ",", omittingEmptySubsequences: false) {
            if let range = Schedule.weekdayRange(item) {
                weekdays.formUnion(range)
            } else if let days = Schedule.monthDayRange(item) {
                monthDays.formUnion(days)
            } else {
                throw ScheduleError(found: String(item), expected: .schedule)
            }
        }
        self = .days(weekdays: weekdays, monthDays: monthDays)
    }

    /// The words of a schedule, split at white space (spaces and tabs); white space after a
    /// comma continues the list it is in ("mon, fri" is the one word "mon,fri").
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var wordEnded = false
        for character in text {
            if character == " " || character == "\t" {
                if !current.isEmpty && current.last != "," { wordEnded = true }
                continue
            }
            if wordEnded {
                words.append(current)
                current = ""
                wordEnded = false
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func everyDays(_ words: ArraySlice<String>) throws(ScheduleError) -> Int {
        let expected = ExpectedForm.everyDays(max: maxEveryDays)
        var text = words.joined(separator: " ")
        if words.count == 2, words.last == "days" || words.last == "day" {
            text = words.first ?? ""
        } else if words.count == 1, text.hasSuffix("d") {
            text.removeLast()
        } else {
            throw ScheduleError(found: "every " + text, expected: expected)
        }
        guard let days = Int(text), (1...maxEveryDays).contains(days) else {
            throw ScheduleError(found: "every " + words.joined(separator: " "), expected: expected)
        }
        return days
    }

    /// "mon", "monday", or a range "mon-fri" (wrapping "fri-mon" too).
    private static func weekdayRange(_ item: Substring) -> [Int]? {
        let ends = item.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(ends.count) else { return nil }
        let numbers = ends.map(weekdayNumber)
        guard let first = numbers.first ?? nil, let last = numbers.last ?? nil else { return nil }
        var day = first
        var result = [day]
        while day != last {
            day = day % 7 + 1
            result.append(day)
        }
        return result
    }

    private static func weekdayNumber(_ name: Substring) -> Int? {
        let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        if let index = dayNames.firstIndex(of: String(name)) ?? full.firstIndex(of: String(name)) { return index + 1 }
        return nil
    }

    /// "15", "last", or a range "1-7"; 0 stands for the last day.
    private static func monthDayRange(_ item: Substring) -> [Int]? {
        if item == "last" { return [0] }
        let ends = item.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(ends.count), ends.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
              let first = Int(ends[0]), let last = Int(ends[ends.count - 1]), (1...31).contains(first),
              (1...31).contains(last), first <= last else { return nil }
        return Array(first...last)
    }
}

/// A schedule that cannot be read: what was found and what was expected.
package struct ScheduleError: Error, Equatable, Sendable {
    package let found: String
    package let expected: ExpectedForm
}

/// What a line of the expected list must look like where it did not, one case per rule; the
/// words are written once, here.
package enum ExpectedForm: Equatable, Sendable, CustomStringConvertible {
    /// A line as a whole: a target, then its schedule if any.
    case targetAndSchedule
    /// A day list, weekdays and days of the month.
    case schedule
    /// `every N days`, N from 1 to `max`.
    case everyDays(max: Int)
    /// `daily` followed by more words.
    case dailyAlone
    /// Days written with spaces between them; the list as it should be written ("mon,fri").
    case commasNotSpaces(String)

    package var description: String {
        switch self {
        case .targetAndSchedule: return "a target name and an optional schedule"
        case .schedule:
            return "a schedule: daily, every N days, or a list of weekdays (mon-fri, sat,sun) and days of the month (1,15,last)"
        case let .everyDays(max): return "every N days, with N from 1 to \(max)"
        case .dailyAlone: return "daily alone after the target (a comment starts with #)"
        case let .commasNotSpaces(list): return "the days separated by commas, not spaces: \(list)"
        }
    }
}
