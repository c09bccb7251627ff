/// The message of a run, as DESIGN.md specifies it, for stdout and (fenced) for Zulip.
public enum Report {
    public static let okHeadline = "everything is a-ok"
    public static let failureHeadline = "something went wrong"

    /// The verdict, the day and zone, the seed's mismatch lines, one line per target that is
    /// not ok, and the table.
    public static func message(day: CalendarDay, zone: String, diff: BackupDiff, rows: TodaysRows) -> String {
        var lines: [String] = []
        lines.append(diff.isMatch ? okHeadline : failureHeadline)
        lines.append("date: \(day) (\(zone))")
        if !diff.isMatch {
            lines.append("expected_backups and done_backups do not match:")
            lines.append("expected backups: \(PythonText.listRepr(diff.expected))")
            lines.append("done backups: \(PythonText.listRepr(diff.done))")
            lines.append("diff: \(PythonText.listRepr(diff.difference))")
            for (target, verdict) in diff.verdicts where verdict != .ok {
                lines.append("\(verdict.rawValue): \(target)")
            }
        }
        lines.append(PrettyTable.render(headers: rows.columns.map(\.name), rows: rows.displayRows()))
        return lines.joined(separator: "\n")
    }

    /// The message when the database could not be asked.
    public static func databaseFailure(_ error: CheckerError) -> String {
        failureHeadline + "\n" + error.description
    }

    /// The message inside a fenced code block, as posted to Zulip.
    public static func zulipContent(_ message: String) -> String {
        "```\n" + message + "\n```"
    }
}
