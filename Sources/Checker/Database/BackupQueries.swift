/// The two queries the check runs. The table name comes checked (`TableName`) and is quoted;
/// the dates are ours (digits and dashes only).
package enum BackupQueries {
    /// The checked day's rows, every column, in the table's order:
    /// ``SELECT * FROM `list` WHERE `date` = '2024-10-18' ORDER BY 1``.
    package static func rows(table: TableName, on day: CalendarDay) -> String {
        "SELECT * FROM \(table.quoted) WHERE `date` = '\(day)' ORDER BY 1"
    }

    /// Every run of the days from `first` up to the day before `day`, whatever its status, the
    /// columns by name: the history that last successes, overdue targets, durations and the
    /// history grid come from.
    package static func history(table: TableName, from first: CalendarDay, before day: CalendarDay) -> String {
        "SELECT `target`, `date`, `start_time`, `end_time`, `status` FROM \(table.quoted) WHERE `date` >= '\(first)' AND `date` < '\(day)'"
    }
}
