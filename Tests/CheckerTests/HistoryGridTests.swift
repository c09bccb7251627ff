import Foundation
import Notify
import Testing
@testable import Checker

/// The history grid: each cell rule, the rows' order, the window, its place in the message,
/// in JSON and in Zulip's fitting order.
@Suite("History grid")
struct HistoryGridTests {
    typealias Record = InMemoryTable.Record

    /// The grid lines of a run over `records`, 2024-10-18 a Friday.
    func gridLines(_ list: String, _ records: [Record], days: Int = 7) throws -> [String] {
        var run = InMemoryRun(list: list, records)
        run.reportHistoryDays = days
        let (_, output) = try run.run()
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("history: ") })
        return Array(lines[start...])
    }

    @Test("o: a successful run that day, also after a failed one")
    func success() throws {
        let lines = try gridLines("a.example.test", [
            .failed("2024-10-16", "a.example.test", "01:00:00"), .success("2024-10-16", "a.example.test", "02:00:00"),
            .success("2024-10-17", "a.example.test"), .success("2024-10-18", "a.example.test"),
        ], days: 3)
        #expect(lines == [
            "history: 2024-10-16 to 2024-10-18 (o success, x failed, - missing, . not due)",
            "               16 17 18",
            "a.example.test  o  o  o",
        ])
    }

    @Test("x: rows that day, none successful (failed, running, any other status)")
    func failed() throws {
        let lines = try gridLines("a.example.test", [
            .failed("2024-10-16", "a.example.test"),
            .init(date: "2024-10-17", target: "a.example.test", start: "01:00:00", end: nil, status: "running"),
            .failed("2024-10-18", "a.example.test"),
        ], days: 3)
        #expect(lines.last == "a.example.test  x  x  x")
    }

    @Test("-: due that day and no row; .: not due and no row (a weekend of a mon-fri target)")
    func missingAndNotDue() throws {
        // 2024-10-12 and 13 are a Saturday and a Sunday.
        let lines = try gridLines("a.example.test mon-fri", [.success("2024-10-14", "a.example.test")])
        #expect(lines[1] == "               12 13 14 15 16 17 18")
        #expect(lines[2] == "a.example.test  .  .  o  -  -  -  -")
    }

    @Test("an every-N target is never due: '.' on its empty days, never '-'")
    func everyNeverMissing() throws {
        let lines = try gridLines("cold.example.test every 3 days", [.success("2024-10-13", "cold.example.test")])
        #expect(lines[2] == "cold.example.test  .  o  .  .  .  .  .")
        #expect(!lines[2].contains("-"))
    }

    @Test("rows: listed targets in the list's order, then unlisted targets seen that day, sorted; names padded; no trailing spaces")
    func rowOrder() throws {
        let lines = try gridLines("z.example.test\na.example.test sun\n", [
            .success("2024-10-18", "z.example.test"), .failed("2024-10-18", "unlisted-b.example.test"),
            .success("2024-10-18", "unlisted-a.example.test"), .success("2024-10-17", "other.example.test"),
            .success("2024-10-15", "unlisted-b.example.test"),
        ], days: 2)
        #expect(lines == [
            "history: 2024-10-17 to 2024-10-18 (o success, x failed, - missing, . not due)",
            "                        17 18",
            "z.example.test           -  o",
            "a.example.test           .  .",
            "unlisted-a.example.test  .  o",
            "unlisted-b.example.test  .  x",
        ])
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test("report_history_days 0 leaves the grid out of the message and the JSON")
    func zeroLeavesItOut() throws {
        var run = InMemoryRun(list: "a.example.test", [.success("2024-10-18", "a.example.test")])
        run.reportHistoryDays = 0
        #expect(try !run.run().output.contains("history:"))
        run.format = .json
        #expect(try !run.run().output.contains("\"history\""))
    }

    @Test("the history query reads every status, from the earlier of the verdicts' and the grid's first day")
    func historyWindow() throws {
        var run = InMemoryRun(list: "a.example.test", [
            .failed("2024-10-10", "a.example.test"), .success("2024-10-09", "a.example.test"),
            .success("2024-10-17", "a.example.test"), .failed("2024-10-17", "a.example.test"),
            .success("2024-10-18", "a.example.test"),
        ])
        run.historyDays = 2
        run.reportHistoryDays = 10
        let (_, output) = try run.run()
        // 10-09 … 10-17: four rows, whatever their status; the verdicts still look back two days only.
        #expect(run.table.historyRowsRead == 4)
        #expect(output.contains("a.example.test  o  x  -  -  -  -  -  -  o  o"))
    }

    @Test("JSON: each target carries its history, one state per day of the window")
    func json() throws {
        var run = InMemoryRun(list: "a.example.test\nb.example.test every 2d\n", [
            .failed("2024-10-17", "a.example.test"), .success("2024-10-18", "b.example.test"),
        ])
        run.reportHistoryDays = 2
        run.format = .json
        let (_, output) = try run.run()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let targets = try #require(document["targets"] as? [[String: Any]])
        let history = targets.map { $0["history"] as? [[String: String]] }
        #expect(history[0] == [["date": "2024-10-17", "state": "failed"], ["date": "2024-10-18", "state": "missing"]])
        #expect(history[1] == [["date": "2024-10-17", "state": "not due"], ["date": "2024-10-18", "state": "success"]])
    }

    @Test("Zulip: a message too long for the limit loses the history grid first, the table stays whole")
    func zulipFittingOrder() throws {
        let list = (1...12).map { "t\($0).example.test" }.joined(separator: "\n")
        let records = (1...12).map { Record.success("2024-10-18", "t\($0).example.test") }
        var run = InMemoryRun(list: list, records)
        run.reportHistoryDays = 14
        let whole = try run.run().output
        let withoutGrid = try #require(whole.components(separatedBy: "\nhistory: ").first)
        let notifier = RecordingNotifier(limit: withoutGrid.unicodeScalars.count + 200)
        run.notifier = notifier
        _ = try run.run()
        let posted = try #require(notifier.posted.first)
        #expect(notifier.posted.count == 1)
        #expect(posted.hasPrefix("```\n" + withoutGrid + "\n(the history grid is left out"))
        #expect(!posted.contains("history: "))
        #expect(posted.hasSuffix("the job's log has it)\n```"))
    }

    @Test("the recorder keeps only its targets and days: other targets and days of the history are dropped")
    func recorderBounded() throws {
        let day = try #require(CalendarDay(parsing: "2024-10-18"))
        let list = try ExpectedList(parsing: "a.example.test", source: "list")
        var recorder = HistoryGrid.Recorder(days: 2, ending: day, list: list, rows: TodaysRows(columns: [], rows: []))
        for offset in 0..<1000 {
            let date = try #require(day.adding(days: -(offset % 5)))
            recorder.add(HistoryRun(target: "noise-\(offset).example.test", day: date, start: nil, end: nil))
        }
        recorder.add(HistoryRun(target: "a.example.test", day: try #require(day.adding(days: -1)), start: nil, end: nil))
        recorder.add(HistoryRun(target: "a.example.test", day: try #require(day.adding(days: -2)), start: nil, end: nil, succeeded: false))
        let grid = recorder.grid
        #expect(grid.rows == [HistoryGrid.Row(target: "a.example.test", states: [.success, .missing])])
    }
}

/// The e-mail's HTML part.
@Suite("HTML report")
struct HTMLReportTests {
    @Test("the message in <pre>, escaped; the grid as a table with a coloured cell per day and state")
    func document() throws {
        var run = InMemoryRun(list: "<b>&a.example.test\nb.example.test every 2d\n", [
            .failed("2024-10-17", "<b>&a.example.test"), .success("2024-10-18", "b.example.test"),
        ])
        run.reportHistoryDays = 2
        run.notifier = nil
        let check = try run.outcome()
        let html = HTMLReport.render(message: check.messageWithoutGrid, grid: check.grid)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n<pre style=\"font-family:monospace;font-size:13px\">something went wrong\n"))
        #expect(html.contains("missing: &lt;b&gt;&amp;a.example.test (no success in the last 35 days)"))
        #expect(!html.contains("<b>&a"))
        #expect(!html.contains("history: 2024-10-17 to 2024-10-18 (o success, x failed, - missing, . not due)\n"))
        #expect(html.contains("<caption style=\"text-align:left;padding:4px 0\">history: 2024-10-17 to 2024-10-18 (o success, x failed, - missing, . not due)</caption>"))
        #expect(html.contains("<tr><th></th><th style=\"padding:1px 3px\" title=\"2024-10-17\">17</th><th style=\"padding:1px 3px\" title=\"2024-10-18\">18</th></tr>"))
        #expect(html.contains(">&lt;b&gt;&amp;a.example.test</th><td style=\"background:#ffcdd2;color:#b71c1c;text-align:center;padding:1px 3px;border:1px solid #fff\" title=\"2024-10-17 failed\">x</td><td style=\"background:#ffe0b2;color:#e65100;"))
        #expect(html.contains("title=\"2024-10-17 not due\">.</td><td style=\"background:#c8e6c9;color:#1b5e20;text-align:center;padding:1px 3px;border:1px solid #fff\" title=\"2024-10-18 success\">o</td></tr>"))
        #expect(html.hasSuffix("</table>\n</body></html>\n"))
    }

    @Test("without a grid, no table")
    func noGrid() {
        #expect(HTMLReport.render(message: "a\"b'c", grid: nil)
                == "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n<pre style=\"font-family:monospace;font-size:13px\">a&quot;b&#39;c</pre>\n</body></html>\n")
    }
}
