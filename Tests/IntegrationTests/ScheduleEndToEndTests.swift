import Foundation
import Testing
import TestSupport
@testable import Checker

/// Schedules, last successes, overdue targets and run times against the real MariaDB, with a
/// table holding ten months of history, checked on chosen days: a weekday, a weekend day, the
/// last day of a month, a leap day, and in Los Angeles just after midnight UTC.
@Suite("Schedules against MariaDB", .serialized)
struct ScheduleEndToEndTests {
    static let list = """
        daily.example.test
        weekdays.example.test    mon-fri
        weekend.example.test     sat,sun        # the weekend full
        monthly.example.test     1,15,last
        every3.example.test      every 3 days
        """

    let setup: CheckerSetup
    var server: TestServer { setup.server }
    var database: ScratchDatabase { setup.database }
    var directory: TemporaryDirectory { setup.directory }

    /// Ten months of backups as their schedules run them, with a few that did not.
    init() throws {
        setup = try CheckerSetup(list: Self.list)
        let first = try #require(CalendarDay(parsing: "2024-01-01"))
        var values: [String] = []
        for offset in 0..<310 {
            let day = try #require(first.adding(days: offset))
            let date = day.description
            func run(_ target: String, _ start: String, _ end: String?, _ status: String = "success") {
                values.append("('\(date)', '\(target)', '\(start)', \(end.map { "'\($0)'" } ?? "NULL"), '\(status)')")
            }
            run("daily.example.test", "01:00:00", date == "2024-10-16" ? "02:30:00" : "01:20:00")
            if day.weekday <= 5 {
                if date == "2024-10-16" { run("weekdays.example.test", "02:00:00", nil, "failed") } else {
                    run("weekdays.example.test", "02:00:00", "02:10:00")
                }
            }
            if day.weekday >= 6 && date != "2024-10-19" { run("weekend.example.test", "23:40:00", "00:20:00") }
            if [1, 15].contains(day.day) || day.isLastOfMonth, date != "2024-02-29" {
                run("monthly.example.test", "04:00:00", "05:00:00")
            }
            if offset % 3 == 0 && date <= "2024-10-19" { run("every3.example.test", "05:00:00", "05:05:00") }
        }
        _ = try database.execute("INSERT INTO `list` (`date`, `target`, `start_time`, `end_time`, `status`) VALUES "
                                 + values.joined(separator: ", "))
    }

    func check(_ date: String) throws -> CheckerProcess.Result {
        try CheckerProcess.run(["--dry-run", "--date", date], environment: setup.environment())
    }

    @Test("a Wednesday: the weekday job failed; the daily one ran 4.5 times its median")
    func weekday() throws {
        let result = try check("2024-10-16")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("""
            something went wrong
            date: 2024-10-16 (UTC)
            expected_backups and done_backups do not match:
            expected backups: ['daily.example.test', 'weekdays.example.test']
            done backups: ['daily.example.test']
            diff: ['weekdays.example.test']
            failed: weekdays.example.test (last success: 2024-10-15, 1 day ago)
            slow: daily.example.test took 1:30:00, 4.5× its median of 0:20:00 over 35 runs
            +-----+
            """))
    }

    @Test("a Saturday: the weekend job is due and missing; the weekday one is not due")
    func weekend() throws {
        let result = try check("2024-10-19")
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("""
            something went wrong
            date: 2024-10-19 (UTC)
            expected_backups and done_backups do not match:
            expected backups: ['daily.example.test', 'weekend.example.test']
            done backups: ['daily.example.test']
            diff: ['weekend.example.test']
            missing: weekend.example.test (last success: 2024-10-13, 6 days ago)
            +-----+
            """), "\(result.stdout)")
    }

    @Test("doctor shows how the list was read: targets, how many are due, each schedule as understood")
    func doctorList() throws {
        let result = try CheckerProcess.run(["doctor", "--date", "2024-10-19"], environment: setup.environment())
        #expect(result.stdout.contains("""
            expected list: \(directory.path)/expected-backups: 5 target(s), 2 due on 2024-10-19 (sat)
              daily.example.test     daily  (due)
              weekdays.example.test  mon-fri
              weekend.example.test   sat,sun  (due)
              monthly.example.test   1,15,last
              every3.example.test    every 3 days
            """), "\(result.stdout)")
        #expect(result.stdout.contains("  rows for 2024-10-19 (UTC): 1\n"))
    }

    @Test("a Sunday: everything as its schedule wants")
    func allFine() throws {
        let result = try check("2024-10-20")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("everything is a-ok\ndate: 2024-10-20 (UTC)\n+-----+"))
    }

    @Test("the last day of a month: the monthly job ran; the every-3-days one is overdue, alone, without the comparison lines")
    func lastOfMonth() throws {
        let result = try check("2024-10-31")
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("""
            something went wrong
            date: 2024-10-31 (UTC)
            overdue: every3.example.test (every 3 days; last success: 2024-10-18, 13 days ago)
            +-----+
            """), "\(result.stdout)")
    }

    @Test("a leap day is the last of February: the monthly job is due and missing")
    func leapDay() throws {
        let result = try check("2024-02-29")
        #expect(result.status == 1)
        #expect(result.stdout.contains("\nexpected backups: ['daily.example.test', 'monthly.example.test', 'weekdays.example.test']\n"))
        #expect(result.stdout.contains("\nmissing: monthly.example.test (last success: 2024-02-15, 14 days ago)\n"))
    }

    @Test("just after midnight UTC it is still the day before in Los Angeles, and that day is checked")
    func losAngeles() throws {
        let sources = ConfigurationSources(environment: setup.environment(["timezone": "America/Los_Angeles"]))
        let settings = try Settings(sources: sources, requireZulip: false)
        var output = ""
        let status = Check.live(settings: settings, day: nil, dryRun: true, format: .text, logger: Logger(level: .error),
                                runID: RunID(bytes: []), now: 1_729_125_000).run(now: 1_729_125_000) { output = $0 }  // 2024-10-17 00:30 UTC
        #expect(status == .mismatch)
        #expect(output.hasPrefix("something went wrong\ndate: 2024-10-16 (America/Los_Angeles)\n"))
        #expect(output.contains("\nfailed: weekdays.example.test (last success: 2024-10-15, 1 day ago)\n"))
    }

    @Test("the history grid from every status of the last 14 days: a failed run, a missing weekend, every-N and monthly days")
    func grid() throws {
        let result = try check("2024-10-20")
        #expect(result.stdout.hasSuffix("""
            +
            history: 2024-10-07 to 2024-10-20 (o success, x failed, - missing, . not due)
                                  07 08 09 10 11 12 13 14 15 16 17 18 19 20
            daily.example.test     o  o  o  o  o  o  o  o  o  o  o  o  o  o
            weekdays.example.test  o  o  o  o  o  .  .  o  o  x  o  o  .  .
            weekend.example.test   .  .  .  .  .  o  o  .  .  .  .  .  -  o
            monthly.example.test   .  .  .  .  .  .  .  .  o  .  .  .  .  .
            every3.example.test    .  .  o  .  .  o  .  .  o  .  .  o  .  .

            """), "\(result.stdout)")
    }

    @Test("--format json carries each target's schedule and findings")
    func json() throws {
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-16", "--format", "json"],
                                            environment: setup.environment())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let targets = try #require(document["targets"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: targets.compactMap { t in (t["target"] as? String).map { ($0, t) } })
        #expect(byName["weekend.example.test"]?["schedule"] as? String == "sat,sun")
        #expect(byName["weekend.example.test"]?["verdict"] as? String == "not due")
        #expect(byName["every3.example.test"]?["schedule"] as? String == "every 3 days")
        #expect(byName["every3.example.test"]?["last_success"] as? String == "2024-10-15")
        #expect(byName["daily.example.test"]?["duration_seconds"] as? Int == 5400)
        #expect(byName["daily.example.test"]?["median_seconds"] as? Int == 1200)
        #expect(byName["daily.example.test"]?["warning"] as? String == "slow")
        #expect(byName["weekdays.example.test"]?["verdict"] as? String == "failed")
    }
}
