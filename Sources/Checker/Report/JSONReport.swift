import Notify

/// `--format json`: one document with the day, the zone, the overall result, the seed's
/// lists, and each target's schedule, due-today flag, verdict, last success, the day's run
/// time, the median it was compared with, its warning, its rows and (unless
/// report_history_days is 0) its history: one state per day of the grid.
package enum JSONReport {
    package static func render(_ outcome: CheckOutcome) -> String {
        var members: [(String, JSONValue)] = [
            ("date", .string(outcome.day.description)),
            ("zone", .string(outcome.zone)),
        ]
        switch outcome.result {
        case let .success(found):
            let assessment = found.assessment
            members.append(("result", .string(assessment.isMatch ? "ok" : "mismatch")))
            members.append(("expected", .array(assessment.diff.expected.map(JSONValue.string))))
            members.append(("done", .array(assessment.diff.done.map(JSONValue.string))))
            let rowsByTarget = Dictionary(grouping: found.rows.rows.indices) { found.rows.rows[$0].target }
            members.append(("history_days", .integer(Int64(assessment.historyDays))))
            members.append(("targets", .array(assessment.targets.map { target in
                let rows = (rowsByTarget[target.target] ?? []).map { rowObject(found.rows, found.rows.rows[$0]) }
                return targetObject(target, day: assessment.day, rows: rows, grid: found.grid)
            })))
        case let .failure(error):
            members.append(("result", .string("error")))
            members.append(("error", .string(error.description)))
        }
        return JSONValue.object(members).serialized
    }

    static func targetObject(_ target: Assessment.Target, day: CalendarDay, rows: [JSONValue], grid: HistoryGrid?) -> JSONValue {
        let success = target.lastSuccess
        let finding = target.duration
        let history = grid.map { [("history", historyArray($0, target: target.target))] } ?? []
        return .object([
            ("target", .string(target.target)),
            ("schedule", target.schedule.map { .string($0.description) } ?? .null),
            ("due_today", .bool(target.dueToday)),
            ("verdict", .string(target.verdict.rawValue)),
            ("last_success", success.map { .string($0.day.description) } ?? .null),
            ("days_since_success", success.map { .integer(Int64(day.days(since: $0.day))) } ?? .null),
            ("duration_seconds", target.durationToday.map(JSONValue.integer) ?? .null),
            ("median_seconds", finding.map { .integer($0.median) } ?? .null),
            ("earlier_runs", .integer(Int64(finding?.runs ?? 0))),
            ("warning", finding?.warning.map { .string($0.rawValue) } ?? .null),
            ("rows", .array(rows)),
        ] + history)
    }

    /// The target's grid row: `[{"date": "2024-10-05", "state": "success"}, …]`, oldest first.
    static func historyArray(_ grid: HistoryGrid, target: String) -> JSONValue {
        let states = grid.states(of: target) ?? []
        return .array(zip(grid.days, states).map { day, state in
            .object([("date", .string(day.description)), ("state", .string(state.rawValue))])
        })
    }

    /// A row as {column: value}: integers as numbers, NULL as null, the rest as the table shows it.
    static func rowObject(_ table: TodaysRows, _ row: TodaysRows.Row) -> JSONValue {
        .object(zip(table.columns, row.cells).map { name, cell in
            switch cell {
            case .null: return (name, .null)
            case let .integer(value): return (name, .integer(value))
            case let .unsignedInteger(value): return (name, .unsignedInteger(value))
            case let .text(text): return (name, .string(text))
            }
        })
    }
}
