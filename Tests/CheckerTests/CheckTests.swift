import Foundation
import MySQLWire
import Notify
import Testing
import TestSupport
@testable import Checker

/// The whole check in-process, with the table, Zulip, the heartbeat and the metrics in memory:
/// every verdict, message, delivery and exit-code path, without a server.
@Suite("The check, in memory")
struct CheckTests {
    typealias Record = InMemoryTable.Record

    @Test("all done: exit 0, the message printed and posted fenced, the heartbeat and the metrics told")
    func allDone() throws {
        let run = InMemoryRun(list: "a.example.test\nb.example.test mon-fri\n",
                              [.success("2024-10-18", "a.example.test"), .success("2024-10-18", "b.example.test")])
        let (status, output) = try run.run()
        #expect(status == .ok)
        #expect(output.hasPrefix("everything is a-ok\ndate: 2024-10-18 (UTC)\n+----+"))
        #expect(run.notifier?.posted == ["```\n" + output + "\n```"])
        #expect(run.monitor.events == ["start", "0: everything is a-ok"])
        #expect(run.metrics.texts.first?.contains("backup_checker_exit_status 0\n") == true)
        #expect(run.table.closed == 1)
    }

    @Test("a Friday's schedules: due and not due, overdue, unexpected, last successes")
    func schedules() throws {
        let run = InMemoryRun(list: """
            mail.example.test
            files.example.test    mon-fri
            archive.example.test  sun
            offsite.example.test  1,15,last
            cold.example.test     every 3 days
            warm.example.test     every 3 days
            """, [
            .success("2024-10-18", "mail.example.test"), .success("2024-10-18", "archive.example.test"),
            .success("2024-10-18", "rogue.example.test"), .success("2024-10-17", "files.example.test"),
            .success("2024-10-11", "cold.example.test"), .success("2024-10-16", "warm.example.test"),
            .success("2024-09-01", "files.example.test"),
        ])
        let (status, output) = try run.run()
        #expect(status == .mismatch)
        #expect(output.hasPrefix("""
            something went wrong
            date: 2024-10-18 (UTC)
            expected_backups and done_backups do not match:
            expected backups: ['files.example.test', 'mail.example.test']
            done backups: ['mail.example.test', 'rogue.example.test']
            diff: ['files.example.test', 'rogue.example.test']
            overdue: cold.example.test (every 3 days; last success: 2024-10-11, 7 days ago)
            missing: files.example.test (last success: 2024-10-17, 1 day ago)
            unexpected: rogue.example.test
            +----+
            """))
        // The history read only the days before the checked one, within history_days.
        #expect(run.table.historyRowsRead == 3)
    }

    @Test("only an every-N target overdue: no comparison lines, the verdict follows the date")
    func onlyOverdue() throws {
        let run = InMemoryRun(list: "a.example.test\ncold.example.test every 2d\n", [.success("2024-10-18", "a.example.test")])
        let (status, output) = try run.run()
        #expect(status == .mismatch)
        #expect(output.hasPrefix("something went wrong\ndate: 2024-10-18 (UTC)\noverdue: cold.example.test (every 2 days; no success in the last 35 days)\n+----+"))
    }

    @Test("slow and fast runs are warnings after the date line; the exit code stays 0")
    func warnings() throws {
        var records: [Record] = (11...17).flatMap { day in
            [Record.success("2024-10-\(day)", "slow.example.test", "01:00:00", "01:04:20"),
             Record.success("2024-10-\(day)", "fast.example.test", "02:00:00", "02:22:00")]
        }
        records += [.success("2024-10-18", "slow.example.test", "01:00:00", "01:41:00"),
                    .success("2024-10-18", "fast.example.test", "02:00:00", "02:00:09")]
        let run = InMemoryRun(list: "slow.example.test\nfast.example.test\n", records)
        let (status, output) = try run.run()
        #expect(status == .ok)
        #expect(output.hasPrefix("""
            everything is a-ok
            date: 2024-10-18 (UTC)
            fast: fast.example.test took 0:00:09, 146.7× faster than its median of 0:22:00 over 7 runs
            slow: slow.example.test took 0:41:00, 9.5× its median of 0:04:20 over 7 runs
            +----+
            """))
    }

    @Test("a run across midnight counts a day; without an end it has no duration")
    func midnight() throws {
        let records = (11...17).map { Record.success("2024-10-\($0)", "n.example.test", "23:50:00", "00:10:00") }
            + [.success("2024-10-18", "n.example.test", "23:00:00", "02:00:00"), .success("2024-10-18", "x.example.test", "01:00:00", nil)]
        let run = InMemoryRun(list: "n.example.test\nx.example.test\n", records)
        let (_, output) = try run.run()
        #expect(output.contains("slow: n.example.test took 3:00:00, 9.0× its median of 0:20:00 over 7 runs"))
        #expect(!output.contains("x.example.test took"))
    }

    @Test("a database error: exit 3, the error posted, metrics without targets, the heartbeat told 3")
    func databaseError() throws {
        let run = InMemoryRun(list: "a.example.test\n")
        run.table.failure = .database(.missingColumn(table: "list", column: "status"))
        let (status, output) = try run.run()
        #expect(status == .database)
        #expect(output == "something went wrong\ndatabase error: table `list` has no column `status`")
        #expect(run.notifier?.posted == ["```\n" + output + "\n```"])
        let metrics = try #require(run.metrics.texts.first)
        #expect(metrics.contains("backup_checker_exit_status 3\n") && !metrics.contains("target"))
        #expect(run.monitor.events.last == "3: something went wrong")
    }

    @Test("nothing delivered: exit 4 over 1 and 3, the report printed before the attempt, metrics and heartbeat say 4")
    func deliveryFailure() throws {
        for failing in [false, true] {
            var run = InMemoryRun(list: "a.example.test\nb.example.test\n", [.success("2024-10-18", "a.example.test")])
            if failing { run.table.failure = .database(.missingColumn(table: "list", column: "target")) }
            let notifier = RecordingNotifier(failure: DeliveryError(service: "Zulip", site: "https://z", problem: .rejected(
                status: 401, message: "Invalid API key", code: "INVALID_API_KEY", retryAfter: nil)))
            run.notifier = notifier
            var printedBeforePosting = false
            var printed = ""
            notifier.onPost = { printedBeforePosting = printed.hasPrefix("something went wrong") }
            let directory = try TemporaryDirectory()
            let check = Check(settings: CheckSettings(expectedPath: try directory.write("l", run.list)),
                              day: CalendarDay(parsing: "2024-10-18"), source: run.table, notifier: notifier,
                              monitor: run.monitor, metrics: [run.metrics], logger: Logger(level: .error))
            let status = check.run(now: 0) { printed += $0 }
            #expect(status == .delivery)
            #expect(printedBeforePosting)
            #expect(run.metrics.texts.first?.contains("backup_checker_exit_status 4\n") == true)
            // The heartbeat's report, and so its headline, says first who was not told and why.
            let notDelivered = "not delivered: Zulip (https://z): Zulip refused the request with HTTP 401: Invalid API key (INVALID_API_KEY)"
            #expect(run.monitor.events.last == "4: " + notDelivered)
            #expect(run.monitor.reports.last?.hasPrefix(notDelivered + "\nsomething went wrong\n") == true)
        }
    }

    @Test("the heartbeat's body: the headline, then the verdict and warning lines, then the date line, the comparison, the table")
    func heartbeatBody() throws {
        let targets = (1...300).map { "host-\($0).example.test" }
        let run = InMemoryRun(list: targets.joined(separator: "\n") + "\n", [.success("2024-10-18", "host-1.example.test")])
        #expect(try run.run().status == .mismatch)
        let lines = try #require(run.monitor.reports.first).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "something went wrong")
        #expect(lines[1] == "missing: host-10.example.test (no success in the last 35 days)")
        #expect(lines[299] == "missing: host-99.example.test (no success in the last 35 days)")
        #expect(lines[300] == "date: 2024-10-18 (UTC)")
        #expect(lines[301] == "expected_backups and done_backups do not match:")
        #expect(lines.filter { $0.hasPrefix("missing: ") }.count == 299)
    }

    @Test("a failing heartbeat is logged and changes no exit code")
    func heartbeatFails() throws {
        let run = InMemoryRun(list: "a.example.test\n", [.success("2024-10-18", "a.example.test")])
        run.monitor.failure = DeliveryError(service: "the heartbeat", site: "https://hc/…", problem: .rejected(
            status: 404, message: "not found", code: nil, retryAfter: nil))
        #expect(try run.run().status == .ok)
        #expect(run.monitor.events == ["start", "0: everything is a-ok"])
    }

    @Test("configuration errors are exit 2, told to the heartbeat and the metrics, and nothing is posted", arguments: [
        ("cold.example.test every 40 days\n", "history_days is 35 but cold.example.test is due every 40 days; set history_days to at least 40"),
        ("a.example.test fortnightly\n", "line 1: \"fortnightly\" is not understood"),
    ])
    func configurationErrors(list: String, text: String) throws {
        let run = InMemoryRun(list: list)
        let (status, output) = try run.run()
        #expect(status == .usage)
        #expect(output.isEmpty)
        #expect(run.notifier?.posted.isEmpty == true)
        #expect(run.monitor.events == ["start", "2: something went wrong"])
        #expect(run.monitor.reports.first?.contains(text) == true)
        // The metrics still say that the run failed, and when.
        #expect(run.metrics.texts == [MetricsText.render(status: .usage, now: 1_729_252_800)])
        #expect(run.metrics.texts.first?.contains("backup_checker_exit_status 2\n") == true)
    }

    @Test("a dry run posts nothing: Check.live(dryRun: true) wires no Zulip, destination, heartbeat or metrics")
    func dryRun() throws {
        let directory = try TemporaryDirectory()
        let sources = ConfigurationSources(file: SettingsTests.seed.merging([
            "heartbeat_url": "https://hc-ping.com/0000", "metrics_file": directory.url.appendingPathComponent("m.prom").path,
            "pushgateway_url": "http://127.0.0.1:9", "notify_urls": "json://127.0.0.1:9/hook",
        ]) { $1 })
        let settings = try Settings(sources: sources, requireZulip: true)
        func wired(dryRun: Bool) -> Check {
            Check.live(settings: settings, day: nil, dryRun: dryRun, format: .text, logger: Logger(level: .error),
                       runID: RunID(bytes: Array(repeating: 7, count: 16)), now: 0)
        }
        let real = wired(dryRun: false)
        #expect(real.notifier != nil && real.destinations.count == 1 && real.monitor != nil && real.metrics.count == 2)
        let dry = wired(dryRun: true)
        #expect(dry.notifier == nil && dry.destinations.isEmpty && dry.monitor == nil && dry.metrics.isEmpty)
    }

    @Test("today is the configured zone's day: just after midnight UTC, Los Angeles is on the day before")
    func zoneDefinesToday() throws {
        var run = InMemoryRun(list: "a.example.test\n", [.success("2024-10-17", "a.example.test")])
        run.zone = try ZoneLocator().zone(named: "America/Los_Angeles")
        let directory = try TemporaryDirectory()
        let check = Check(settings: CheckSettings(expectedPath: try directory.write("l", run.list), zone: run.zone), day: nil,
                          source: run.table, notifier: nil, logger: Logger(level: .error))
        var output = ""
        #expect(check.run(now: 1_729_211_400) { output = $0 } == .ok)  // 2024-10-18 00:30 UTC
        #expect(output.hasPrefix("everything is a-ok\ndate: 2024-10-17 (America/Los_Angeles)\n"))
    }

    @Test("--format json carries schedules, due flags, verdicts, last successes, durations, medians, warnings and rows")
    func json() throws {
        var records = (11...17).map { Record.success("2024-10-\($0)", "a.example.test", "01:00:00", "01:04:20") }
        records += [.success("2024-10-18", "a.example.test", "01:00:00", "01:41:00"), .failed("2024-10-18", "b.example.test")]
        var run = InMemoryRun(list: "a.example.test\nb.example.test mon-fri\nc.example.test sun\n", records)
        run.format = .json
        let (status, output) = try run.run()
        #expect(status == .mismatch)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(document["result"] as? String == "mismatch")
        #expect(document["history_days"] as? Int == 35)
        let targets = try #require(document["targets"] as? [[String: Any]])
        #expect(targets.map { $0["target"] as? String } == ["a.example.test", "b.example.test", "c.example.test"])
        #expect(targets.map { $0["schedule"] as? String } == ["daily", "mon-fri", "sun"])
        #expect(targets.map { $0["due_today"] as? Bool } == [true, true, false])
        #expect(targets.map { $0["verdict"] as? String } == ["ok", "failed", "not due"])
        #expect(targets[0]["last_success"] as? String == "2024-10-18")
        #expect(targets[0]["duration_seconds"] as? Int == 2460)
        #expect(targets[0]["median_seconds"] as? Int == 260)
        #expect(targets[0]["earlier_runs"] as? Int == 7)
        #expect(targets[0]["warning"] as? String == "slow")
        #expect(targets[1]["last_success"] is NSNull && targets[1]["warning"] is NSNull)
        let rows = try #require(targets[1]["rows"] as? [[String: Any]])
        #expect(rows.first?["status"] as? String == "failed")
        #expect(rows.first?["end_time"] is NSNull)
    }

    @Test("a BIGINT at Int64's ends and a BIGINT UNSIGNED at its top go into JSON as numbers, exactly, without trapping")
    func extremeBigints() throws {
        let columns = [ColumnDefinition(name: "id", type: .longlong), ColumnDefinition(name: "target", type: .varString),
                       ColumnDefinition(name: "status", type: .varString)]
        let rows = try ["-9223372036854775808", "9223372036854775807", "18446744073709551615"].map { id in
            var writer = ByteWriter()
            for value in [id, "a", "success"] { writer.writeLengthEncodedString(value) }
            return try Row(decoding: writer.bytes, columns: columns)
        }
        let table = try TodaysRows(ResultSet(columns: columns, rows: rows), table: "list")
        #expect(table.rows.map { JSONReport.rowObject(table, $0).serialized } == [
            #"{"id":-9223372036854775808,"target":"a","status":"success"}"#,
            #"{"id":9223372036854775807,"target":"a","status":"success"}"#,
            #"{"id":18446744073709551615,"target":"a","status":"success"}"#,
        ])
        #expect(Report.table(table).contains("| -9223372036854775808 |"))
    }

    @Test("an integer at Int64's ends goes into JSON exactly, without trapping")
    func extremeIntegers() throws {
        let rows = TodaysRows(columns: ["id", "target", "status"], rows: [
            .init(cells: [.integer(.min), .text("a"), .text("success")], target: "a", status: "success", start: nil, end: nil),
            .init(cells: [.integer(.max), .text("a"), .text("failed")], target: "a", status: "failed", start: nil, end: nil),
        ])
        let json = JSONReport.rowObject(rows, rows.rows[0]).serialized + JSONReport.rowObject(rows, rows.rows[1]).serialized
        #expect(json == #"{"id":-9223372036854775808,"target":"a","status":"success"}{"id":9223372036854775807,"target":"a","status":"failed"}"#)
    }
}

/// Zulip keeps at most its max_message_length; the message is fitted, never cut by Zulip.
@Suite("The message fitted to Zulip")
struct ZulipFittingTests {
    static func targets(_ count: Int) -> [String] {
        (0..<count).map { "backup-target-\(String($0).leftPadded(3)).storage.example.test" }
    }

    static func check(_ posted: [String], limit: Int) {
        for content in posted {
            #expect(content.unicodeScalars.count <= limit, "\(content.unicodeScalars.count) code points")
            #expect(content.hasPrefix("```\n") && content.hasSuffix("\n```"))
            #expect(content.dropFirst(4).dropLast(4).components(separatedBy: "```").count == 1, "a fence inside")
        }
    }

    @Test("the head marks the seed's lists as it writes them: their lines and their short forms, none when the lists match")
    func headMarksLists() throws {
        let day = try #require(CalendarDay(parsing: "2024-10-18"))
        let list = try ExpectedList(parsing: "a.example.test\nb.example.test\n", source: "expected")
        func head(_ succeeded: [String]) -> Report.Head {
            let rows = TodaysRows(columns: ["target", "status"], rows: succeeded.map {
                TodaysRows.Row(cells: [.text($0), .text("success")], target: $0, status: "success", start: nil, end: nil)
            })
            let assessment = Assessment(day: day, list: list, rows: rows, history: RunHistory(first: day, zone: .utc, timedTargets: []),
                                        historyDays: 35, durations: DurationCheck(factor: 3))
            return Report.head(assessment, zone: "UTC")
        }
        let mismatch = head(["a.example.test"])
        #expect(mismatch.shortForms.map(\.line) == [3, 4, 5])
        #expect(mismatch.shortForms.map { mismatch.lines[$0.line] } == [
            "expected backups: ['a.example.test', 'b.example.test']", "done backups: ['a.example.test']", "diff: ['b.example.test']"])
        #expect(mismatch.shortForms.map(\.text) == [
            "expected backups: 2 targets (the job's log lists them)", "done backups: 1 target (the job's log lists them)",
            "diff: 1 target (the job's log lists them)"])
        #expect(head(["a.example.test", "b.example.test"]).shortForms.isEmpty)
    }

    @Test("400 targets, 3 not ok: one message, the seed's lists summed up, the table shortened with their rows first and a line for the rest")
    func fourHundredMostlyOK() throws {
        let names = Self.targets(400)
        var records = names.map { InMemoryTable.Record.success("2024-10-18", $0) }
        for index in [7, 200, 399] { records[index] = .failed("2024-10-18", names[index]) }
        let run = InMemoryRun(list: names.joined(separator: "\n") + "\n", records)
        let (status, output) = try run.run()
        #expect(status == .mismatch)
        let posted = try #require(run.notifier?.posted)
        #expect(posted.count == 1)
        Self.check(posted, limit: 10_000)
        for index in [7, 200, 399] {
            #expect(posted[0].contains("failed: \(names[index]) (no success in the last 35 days)"))
            #expect(posted[0].contains("| \(names[index]) |  1:00:00   |          | failed  |"))
        }
        #expect(posted[0].contains(" of 400 rows left out to fit Zulip's limit of 10000 characters; the job's log has them all)"))
        #expect(posted[0].contains("\nexpected backups: 400 targets (the job's log lists them)\ndone backups: 397 targets (the job's log lists them)\ndiff: ['\(names[7])', '\(names[200])', '\(names[399])']\n"))
        // stdout has everything.
        #expect(output.components(separatedBy: "storage.example.test |").count == 401)
    }

    @Test("400 targets all missing: the verdict lines alone do not fit one message, so several are posted, each line whole and fenced")
    func fourHundredMissing() throws {
        let names = Self.targets(400)
        let run = InMemoryRun(list: names.joined(separator: "\n") + "\n", [.success("2024-10-18", "other.example.test")])
        let (_, output) = try run.run()
        let posted = try #require(run.notifier?.posted)
        #expect(posted.count > 2)
        Self.check(posted, limit: 10_000)
        let text = posted.joined(separator: "\n")
        for name in names { #expect(text.contains("\nmissing: \(name) (no success in the last 35 days)\n")) }
        #expect(text.contains("\nunexpected: other.example.test\n"))
        #expect(posted.dropFirst().allSatisfy { $0.hasPrefix("```\n(continued)\n") })
        #expect(output.hasPrefix("something went wrong\n"))
    }

    @Test("a server with a smaller limit gets smaller messages")
    func smallerLimit() throws {
        let names = Self.targets(60)
        var run = InMemoryRun(list: names.joined(separator: "\n") + "\n", names.map { .success("2024-10-18", $0) })
        run.notifier = RecordingNotifier(limit: 2_000)
        _ = try run.run()
        let posted = try #require(run.notifier?.posted)
        Self.check(posted, limit: 2_000)
        #expect(posted.count == 1 && posted[0].contains("rows left out to fit Zulip's limit of 2000 characters"))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
