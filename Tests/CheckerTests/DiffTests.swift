import Testing
@testable import Checker

@Suite("The seed's comparison and the queries")
struct DiffTests {
    @Test("due against done; listed targets that are not due are not counted, unlisted ones are unexpected")
    func comparison() {
        let diff = BackupDiff(due: ["a", "b", "c"], listed: ["a", "b", "c", "weekly", "every3"],
                              succeeded: ["a", "weekly", "every3", "d"])
        #expect(diff.expected == ["a", "b", "c"])
        #expect(diff.done == ["a", "d"])
        #expect(diff.difference == ["b", "c", "d"])
        #expect(!diff.isMatch)
        #expect(BackupDiff(due: ["a"], listed: ["a", "w"], succeeded: ["a", "w"]).isMatch)
    }

    @Test("sorted as Python sorts: by code points")
    func pythonOrder() {
        let diff = BackupDiff(due: ["b", "B", "ä", "a"], listed: ["b", "B", "ä", "a"], succeeded: [])
        #expect(diff.expected == ["B", "a", "b", "ä"])
    }

    @Test("the queries quote a checked table name and embed our own dates; they take only a TableName, so they cannot fail on it")
    func queries() throws {
        let day = try #require(CalendarDay(parsing: "2024-10-18"))
        let first = try #require(CalendarDay(parsing: "2024-09-13"))
        let list = try #require(TableName("list"))
        // `BackupQueries.rows(table: "list", …)` does not compile: a String is no TableName,
        // and the queries do not throw.
        #expect(BackupQueries.rows(table: list, on: day) == "SELECT * FROM `list` WHERE `date` = '2024-10-18' ORDER BY 1")
        #expect(BackupQueries.history(table: list, from: first, before: day)
                == "SELECT `target`, `date`, `start_time`, `end_time`, `status` FROM `list` WHERE `date` >= '2024-09-13' AND `date` < '2024-10-18'")
        for bad in ["list; DROP TABLE list", "li`st", "", "a b", String(repeating: "x", count: 65), "lïst", "db.list"] {
            #expect(TableName(bad) == nil, "\(bad)")
        }
        for good in ["list", "$x", "_1", String(repeating: "x", count: 64)] {
            #expect(TableName(good)?.quoted == "`\(good)`")
        }
    }

    @Test("run times: a day added across midnight, none without an end, elapsed time across a clock change; medians of even counts round down")
    func durations() throws {
        let day = try #require(CalendarDay(parsing: "2024-10-18"))
        #expect(RunHistory.duration(start: 3600, end: 3700, on: day, in: .utc) == 100)
        #expect(RunHistory.duration(start: 85_800, end: 600, on: day, in: .utc) == 1200)
        #expect(RunHistory.duration(start: 3600, end: nil, on: day, in: .utc) == nil)
        let berlin = try ZoneLocator().zone(named: "Europe/Berlin")
        let forward = try #require(CalendarDay(parsing: "2024-03-31"))
        #expect(RunHistory.duration(start: 5400, end: 12_600, on: forward, in: berlin) == 3600)  // 01:30 → 03:30
        let back = try #require(CalendarDay(parsing: "2024-10-27"))
        #expect(RunHistory.duration(start: 5400, end: 12_600, on: back, in: berlin) == 10_800)
        #expect(DurationCheck.median([5, 1, 3]) == 3)
        #expect(DurationCheck.median([1, 2, 3, 4]) == 2)
        #expect(DurationCheck.median([10, 13]) == 11)
        let check = DurationCheck(factor: 3)
        #expect(check.judge(duration: 2460, earlier: [240, 250, 260, 270, 280])?.warning == .slow)
        #expect(check.judge(duration: 2460, earlier: [240, 250, 260, 270])?.warning == nil)  // only 4 runs
        #expect(check.judge(duration: 100, earlier: [40, 40, 40, 40, 40])?.warning == nil)  // 2.5× but < 60 s more
        #expect(check.judge(duration: 0, earlier: [90, 90, 90, 90, 90])?.warning == .fast)
        #expect(check.judge(duration: 0, earlier: [90, 90, 90, 90, 90])?.ratioText == "90.0")  // 0 s counts as 1 s
        #expect(check.judge(duration: 9, earlier: [1320, 1320, 1320, 1320, 1320])?.ratioText == "146.7")
        #expect(check.judge(duration: 61, earlier: [0, 0, 0, 0, 0])?.ratioText == "61.0")
        // Exactly half a tenth rounds up: 21 / 4 = 5.25 → 5.3.
        #expect(DurationCheck.Finding(duration: 210, median: 40, runs: 5, warning: .slow).ratioText == "5.3")
    }
}
