/// The checked day's rows as the report needs them: the columns' names, each value as the
/// seed's Python printed it (typed where JSON wants a number), and per row the target, the
/// status and the start and end times.
package struct TodaysRows: Sendable {
    /// One value of the table.
    package enum Cell: Sendable, Equatable {
        case null
        /// An integer column's value, a number in JSON.
        case integer(Int64)
        /// A BIGINT UNSIGNED value above Int64's range, a number in JSON with all its digits.
        case unsignedInteger(UInt64)
        /// Any other value, as Python's `str()` printed it.
        case text(String)

        /// The value in the table: "" for NULL.
        package var display: String {
            switch self {
            case .null: return ""
            case let .integer(value): return String(value)
            case let .unsignedInteger(value): return String(value)
            case let .text(text): return text
            }
        }
    }

    /// One row.
    package struct Row: Sendable {
        package var cells: [Cell]
        /// The target, trimmed; "" when NULL.
        package var target: String
        /// The status; "" when NULL.
        package var status: String
        /// start_time and end_time in seconds, when present.
        package var start: Int64?
        package var end: Int64?
        /// start_time or end_time values that are there but no time ("soon" in a text
        /// column): the run's time is not judged, and the check says so.
        package var unreadableTimes: [UnreadableTime]

        package init(cells: [Cell], target: String, status: String, start: Int64?, end: Int64?,
                     unreadableTimes: [UnreadableTime] = []) {
            self.cells = cells
            self.target = target
            self.status = status
            self.start = start
            self.end = end
            self.unreadableTimes = unreadableTimes
        }

        package var succeeded: Bool { status == "success" }
    }

    /// A time column's value that is not a time, as the server wrote it.
    package struct UnreadableTime: Sendable, Equatable {
        package var column: String
        package var text: String
    }

    package let columns: [String]
    package let rows: [Row]

    package init(columns: [String], rows: [Row]) {
        self.columns = columns
        self.rows = rows
    }

    /// Every row's cells as the table shows them.
    package var displayRows: [[String]] { rows.map { $0.cells.map(\.display) } }
}
