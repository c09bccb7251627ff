import Transport

/// The two queries the check runs, and the rule that makes the table name safe in them.
package enum BackupQueries {
    /// True for a table name that needs no escaping: 1-64 ASCII letters, digits, `_` or `$`.
    package static func isValidIdentifier(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.isASCIIWord(allowing: "_$")
    }

    /// The checked day's rows, every column, in the table's order:
    /// ``SELECT * FROM `list` WHERE `date` = '2024-10-18' ORDER BY 1``. The date is ours
    /// (digits and dashes only) and the table name is checked, then quoted.
    package static func rows(table: String, on day: CalendarDay) throws(ConfigurationError) -> String {
        try checked(table)
        return "SELECT * FROM `\(table)` WHERE `date` = '\(day)' ORDER BY 1"
    }

    /// Every run of the days from `first` up to the day before `day`, whatever its status, the
    /// columns by name: the history that last successes, overdue targets, durations and the
    /// history grid come from.
    package static func history(table: String, from first: CalendarDay, before day: CalendarDay) throws(ConfigurationError) -> String {
        try checked(table)
        return "SELECT `target`, `date`, `start_time`, `end_time`, `status` FROM `\(table)` WHERE `date` >= '\(first)' AND `date` < '\(day)'"
    }

    private static func checked(_ table: String) throws(ConfigurationError) {
        guard isValidIdentifier(table) else {
            throw .settings(missing: [], problems: [SettingProblem(name: "db_table", message: "db_table is not a plain table name")])
        }
    }
}
