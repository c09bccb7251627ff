/// The history at a glance, after the table: the last `report_history_days` days ending with
/// the checked day, one row per listed target (in the list's order) and per unlisted target
/// seen on the checked day (sorted), one cell per day.
///
/// ```
/// history: 2024-10-05 to 2024-10-18 (o success, x failed, - missing, . not due)
///                      05 06 07 08 09 10 11 12 13 14 15 16 17 18
/// mail.example.test     o  o  o  o  o  o  o  o  o  o  o  o  o  o
/// archive.example.test  .  o  .  .  .  .  .  .  o  .  .  .  .  .
/// ```
package struct HistoryGrid: Sendable, Equatable {
    /// What one day says about one target.
    package enum State: String, Sendable, Equatable {
        /// A successful run that day.
        case success
        /// Rows that day, none successful.
        case failed
        /// Due that day, no row.
        case missing
        /// Not due and no row (an `every N days` target, or an unlisted one, is never due).
        case notDue = "not due"

        /// The grid's cell: `o`, `x`, `-` or `.`.
        package var cell: Character {
            switch self {
            case .success: return "o"
            case .failed: return "x"
            case .missing: return "-"
            case .notDue: return "."
            }
        }
    }

    /// One target's row.
    package struct Row: Sendable, Equatable {
        package var target: String
        /// One state per day of the window, oldest first.
        package var states: [State]
    }

    /// The window's first and last day (the checked day).
    package let first: CalendarDay
    package let last: CalendarDay
    package let rows: [Row]

    /// The window's days, oldest first.
    package var days: [CalendarDay] {
        (0...max(0, last.days(since: first))).compactMap { first.adding(days: $0) }
    }

    /// The target's states, day by day, or nil when it has no row.
    package func states(of target: String) -> [State]? {
        rows.first { $0.target == target }?.states
    }

    /// The grid as the report ends with it: the legend, the days of the month, one line per
    /// target; names (escaped as data, `DataText`) padded to the longest (code points, as the
    /// table counts), no trailing space.
    package var lines: [String] {
        let names = rows.map { DataText.escaped($0.target) }
        let width = names.map { $0.unicodeScalars.count }.max() ?? 0
        func padded(_ name: String) -> String { name + String(repeating: " ", count: width - name.unicodeScalars.count) }
        var lines = ["history: \(first) to \(last) (o success, x failed, - missing, . not due)"]
        lines.append(padded("") + days.map { $0.day < 10 ? " 0\($0.day)" : " \($0.day)" }.joined())
        for (row, name) in zip(rows, names) {
            lines.append(padded(name) + row.states.map { "  \($0.cell)" }.joined())
        }
        return lines
    }

    /// The lines joined.
    package var text: String { lines.joined(separator: "\n") }
}

extension HistoryGrid {
    /// Builds the grid as the history streams in: only the grid's targets and days are kept
    /// (two bits' worth per target and day), never the rows.
    package struct Recorder: Sendable {
        /// The first day shown.
        package let first: CalendarDay
        let day: CalendarDay
        let targets: [(name: String, schedule: Schedule?)]
        private let index: [String: Int]
        /// Per target, per day: 0 no row, 1 rows none successful, 2 a success.
        private var marks: [[UInt8]]

        /// A grid of `days` days ending with `day`, for the listed targets and the unlisted
        /// ones among `rows` (the checked day's, which are recorded here too).
        package init(days: Int, ending day: CalendarDay, list: ExpectedList, rows: TodaysRows) {
            let span = max(1, days)
            first = day.adding(days: -(span - 1)) ?? day
            self.day = day
            let listed = Set(list.entries.map(\.target))
            let unlisted = Set(rows.rows.map(\.target).filter { !$0.isEmpty && !listed.contains($0) }).sortedByCodePoints()
            targets = list.entries.map { ($0.target, Optional($0.schedule)) } + unlisted.map { ($0, nil) }
            var index: [String: Int] = [:]
            for (position, target) in targets.enumerated() { index[target.name] = position }
            self.index = index
            marks = Array(repeating: Array(repeating: 0, count: day.days(since: first) + 1), count: targets.count)
            for row in rows.rows { mark(row.target, on: day, succeeded: row.succeeded) }
        }

        /// Takes one run of the history into account (any status; other targets and days are ignored).
        package mutating func add(_ run: HistoryRun) {
            mark(run.target, on: run.day, succeeded: run.succeeded)
        }

        private mutating func mark(_ target: String, on date: CalendarDay, succeeded: Bool) {
            guard let row = index[target], date >= first, date <= day else { return }
            let column = date.days(since: first)
            marks[row][column] = max(marks[row][column], succeeded ? 2 : 1)
        }

        /// The grid of what was recorded.
        package var grid: HistoryGrid {
            let days = (0...day.days(since: first)).compactMap { first.adding(days: $0) }
            let rows = targets.enumerated().map { position, target in
                Row(target: target.name, states: zip(days, marks[position]).map { date, mark in
                    switch mark {
                    case 2: return .success
                    case 1: return .failed
                    default: return target.schedule?.isDue(on: date) == true ? .missing : .notDue
                    }
                })
            }
            return HistoryGrid(first: first, last: day, rows: rows)
        }
    }
}
