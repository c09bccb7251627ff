@testable import Checker

extension FuzzBodies {
    /// The expected-backups list with its schedules, and the assessment and message built on it,
    /// against a day's rows made from the same text.
    package static func expectedList(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
        guard let list = try? ExpectedList(parsing: text, source: "fuzz"), let day = CalendarDay(parsing: "2024-02-29"),
              let first = day.adding(days: -35) else { return 0 }
        _ = list.duplicateWarning
        let rows = TodaysRows(columns: ["target", "status"], rows: list.entries.prefix(500).enumerated().map { index, entry in
            TodaysRows.Row(cells: [.text(entry.target), .text(index % 3 == 0 ? "success" : "failed")], target: entry.target,
                           status: index % 3 == 0 ? "success" : "failed", start: Int64(index * 37 % 90_000), end: Int64(index * 53 % 90_000))
        })
        var history = RunHistory(first: first, zone: .utc, timedTargets: Set(rows.rows.map(\.target)))
        for (index, entry) in list.entries.prefix(500).enumerated() {
            history.add(HistoryRun(target: entry.target, day: day.adding(days: -(index % 40)) ?? day, start: Int64(index), end: Int64(index * 7 % 86_400)))
        }
        let assessment = Assessment(day: day, list: list, rows: rows, history: history, historyDays: 35, durations: DurationCheck(factor: 3))
        let head = Report.head(assessment, zone: "UTC")
        _ = ZulipMessages.contents(head: head.lines, shortForms: head.shortForms, rows: rows, important: [0], limit: 2_000)
        return 0
    }
}
