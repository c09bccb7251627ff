/// The one query the check runs: today's rows of the backups table, in table order.
public enum BackupQuery {
    /// True for a table name that needs no escaping: 1-64 ASCII letters, digits, `_` or `$`.
    public static func isValidIdentifier(_ name: String) -> Bool {
        guard (1...64).contains(name.utf8.count) else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
        }
    }

    /// ``SELECT * FROM `list` WHERE `date` = '2024-10-18' ORDER BY 1``. The date is ours
    /// (digits and dashes only) and the table name is checked, then quoted.
    public static func sql(table: String, day: CalendarDay) throws(CheckerError) -> String {
        guard isValidIdentifier(table) else {
            throw .configuration("db_table is not a plain table name")
        }
        return "SELECT * FROM `\(table)` WHERE `date` = '\(day)' ORDER BY 1"
    }
}
