import Testing
@testable import Checker

@Suite("The expected list and its schedules")
struct ExpectedListTests {
    @Test("comments, blank lines and surrounding space are ignored; duplicates count once, with one warning")
    func parse() throws {
        let list = try ExpectedList(parsing: """
            # daily backups
            mail.example.test
              web.example.test\t

            #old.example.test
            mail.example.test
            db.example.test\r
            web.example.test   daily   # a repeat with the same schedule, written out
            """, source: "list")
        #expect(list.entries.map(\.target) == ["mail.example.test", "web.example.test", "db.example.test"])
        #expect(list.entries.map(\.schedule) == [.daily, .daily, .daily])
        #expect(list.entries.map(\.line) == [2, 3, 7])
        #expect(list.duplicates.map(\.target) == ["mail.example.test", "web.example.test"])
        #expect(list.duplicateWarning == "2 lines repeat a target listed earlier, counted once: mail.example.test (line 6), web.example.test (line 8)")
    }

    @Test("thousands of repeats make one warning with the count and the first few")
    func manyDuplicates() throws {
        let list = try ExpectedList(parsing: String(repeating: "a\n", count: 166_666), source: "list")
        #expect(list.entries.count == 1)
        #expect(list.duplicateWarning == "166665 lines repeat a target listed earlier, counted once: a (line 2), a (line 3), a (line 4) and 166662 more")
    }

    @Test("an empty file expects nothing")
    func empty() throws {
        #expect(try ExpectedList(parsing: "\n\n# nothing\n", source: "list").entries.isEmpty)
    }

    @Test("every schedule form reads as documented", arguments: [
        ("", Schedule.daily, "daily"),
        ("daily", .daily, "daily"),
        ("DAILY", .daily, "daily"),
        ("mon-fri", .days(weekdays: [1, 2, 3, 4, 5], monthDays: []), "mon-fri"),
        ("Sat,Sun", .days(weekdays: [6, 7], monthDays: []), "sat,sun"),
        ("sat, sun", .days(weekdays: [6, 7], monthDays: []), "sat,sun"),
        ("fri-mon", .days(weekdays: [5, 6, 7, 1], monthDays: []), "mon,fri-sun"),
        ("monday,wednesday", .days(weekdays: [1, 3], monthDays: []), "mon,wed"),
        ("sun", .days(weekdays: [7], monthDays: []), "sun"),
        ("1,15,last", .days(weekdays: [], monthDays: [1, 15, 0]), "1,15,last"),
        ("1-7", .days(weekdays: [], monthDays: [1, 2, 3, 4, 5, 6, 7]), "1-7"),
        ("mon,15", .days(weekdays: [1], monthDays: [15]), "mon,15"),
        ("every 3 days", .every(3), "every 3 days"),
        ("every 1 day", .every(1), "every 1 day"),
        ("every 7d", .every(7), "every 7 days"),
        ("Every 366 Days", .every(366), "every 366 days"),
    ])
    func forms(text: String, schedule: Schedule, normalised: String) throws {
        #expect(try Schedule(parsing: text) == schedule)
        #expect(schedule.description == normalised)
    }

    @Test("anything else on a line is an error naming the file, the line and what was expected", arguments: [
        ("x mon-fry", "mon-fry"), ("x every 0 days", "every 0 days"), ("x every 367 days", "every 367 days"),
        ("x every three days", "every three days"), ("x 32", "32"), ("x 0", "0"), ("x 15-1", "15-1"),
        ("x weekly", "weekly"), ("x every 3 weeks", "every 3 weeks"), ("x mon,,fri", ""),
    ])
    func errors(line: String, found: String) {
        #expect(throws: ConfigurationError.expectedListLine(path: "expected-backups", line: 3, found: found,
                                                            expected: found.hasPrefix("every") ? .everyDays(max: 366) : .schedule)) {
            try ExpectedList(parsing: "# list\n\n\(line)\n", source: "expected-backups")
        }
    }

    @Test("schedule words written with spaces are refused, saying how to write them, never joined into a guess", arguments: [
        ("x mon fri", "mon fri", ExpectedForm.commasNotSpaces("mon,fri")),
        ("x 1 5", "1 5", .commasNotSpaces("1,5")),
        ("x mon-fri\tsat", "mon-fri sat", .commasNotSpaces("mon-fri,sat")),
        ("x Mon ,Fri", "mon ,fri", .commasNotSpaces("mon,fri")),
        ("x daily extra", "daily extra", .dailyAlone),
        ("x mon extra", "mon extra", .schedule),
        ("x every 3 days more", "every 3 days more", .everyDays(max: 366)),
    ])
    func spacedWords(line: String, found: String, expected: ExpectedForm) {
        #expect(throws: ConfigurationError.expectedListLine(path: "expected-backups", line: 2, found: found, expected: expected)) {
            try ExpectedList(parsing: "a.example.test\n\(line)  # why\n", source: "expected-backups")
        }
    }

    @Test("white space after a comma continues the list: mon, fri is mon,fri")
    func spaceAfterComma() throws {
        #expect(try Schedule(parsing: "mon, fri") == Schedule(parsing: "mon,fri"))
        #expect(try Schedule(parsing: "1,\t15,  last") == .days(weekdays: [], monthDays: [1, 15, 0]))
        let list = try ExpectedList(parsing: "a  sat, sun   # weekend\n", source: "l")
        #expect(list.entries == [.init(target: "a", schedule: .days(weekdays: [6, 7], monthDays: []), line: 1)])
    }

    @Test("a target listed twice with different schedules is an error naming both lines")
    func conflictingSchedules() {
        #expect(throws: ConfigurationError.conflictingSchedules(path: "l", target: "web.example.test", firstLine: 2, firstSchedule: .daily,
                                                                line: 4, schedule: .days(weekdays: [1], monthDays: []))) {
            try ExpectedList(parsing: "a\nweb.example.test\n\nweb.example.test  mon\n", source: "l")
        }
        let error = ConfigurationError.conflictingSchedules(path: "l", target: "w", firstLine: 2, firstSchedule: .daily, line: 4,
                                                            schedule: .every(3))
        #expect(error.description == "l lines 2 and 4: w is listed with two schedules, daily (line 2) and every 3 days (line 4); keep the line with the one meant")
    }

    @Test("the same schedule written two ways is the same: one warning, no error", arguments: [
        ("a", "a daily"), ("a every 3d", "a every 3 days"), ("a MON-WED", "a mon,tue,wed"), ("a sat, sun", "a sun,sat"),
    ])
    func sameScheduleTwice(first: String, second: String) throws {
        let list = try ExpectedList(parsing: "\(first)\n\(second)\n", source: "l")
        #expect(list.entries.count == 1)
        #expect(list.duplicateWarning == "1 line repeats a target listed earlier, counted once: a (line 2)")
    }

    @Test("a byte order mark and CRLF line ends, as Windows editors write, are read as the plain list")
    func windowsEditor() throws {
        let list = try ExpectedList(parsing: "\u{FEFF}mail.example.test\r\n# c\r\nfiles.example.test  mon-fri\r\n", source: "l")
        #expect(list.entries == [.init(target: "mail.example.test", schedule: .daily, line: 1),
                                 .init(target: "files.example.test", schedule: .days(weekdays: [1, 2, 3, 4, 5], monthDays: []), line: 3)])
        // Through the whole check: the list matches the day's rows, no false mismatch.
        var run = InMemoryRun(list: "\u{FEFF}mail.example.test\r\n", [.success("2024-10-18", "mail.example.test")])
        run.notifier = nil
        let result = try run.run()
        #expect(result.status == .ok, "\(result.output)")
    }

    @Test("a lone CR is no line end: it is refused as a control character")
    func loneCarriageReturn() {
        #expect(throws: ConfigurationError.expectedListLine(path: "l", line: 1, found: "a control character",
                                                            expected: .targetAndSchedule)) {
            try ExpectedList(parsing: "a\rb\n", source: "l")
        }
    }

    @Test("a control character in a line is refused")
    func controlCharacter() {
        #expect(throws: ConfigurationError.expectedListLine(path: "l", line: 1, found: "a control character",
                                                            expected: .targetAndSchedule)) {
            try ExpectedList(parsing: "bad\u{1B}[31mtarget\n", source: "l")
        }
    }

    @Test("when each schedule is due: weekdays, month days, the last day, leap days")
    func due() throws {
        func day(_ text: String) throws -> CalendarDay { try #require(CalendarDay(parsing: text)) }
        let weekdays = try Schedule(parsing: "mon-fri")
        #expect(weekdays.isDue(on: try day("2024-10-18")))  // Friday
        #expect(!weekdays.isDue(on: try day("2024-10-19")))  // Saturday
        let monthly = try Schedule(parsing: "1,15,last")
        #expect(monthly.isDue(on: try day("2024-02-29")))  // the last day of a leap February
        #expect(!monthly.isDue(on: try day("2024-02-28")))
        #expect(monthly.isDue(on: try day("2023-02-28")))
        #expect(monthly.isDue(on: try day("2024-10-15")))
        let mixed = try Schedule(parsing: "sun,31")
        #expect(try mixed.isDue(on: day("2024-10-31")) && mixed.isDue(on: day("2024-10-20")))
        #expect(!mixed.isDue(on: try day("2024-09-30")))
        #expect(!(try Schedule(parsing: "every 2 days")).isDue(on: try day("2024-10-18")))
    }
}
