/// The message of a run: the verdict, the day and zone, the seed's comparison lines, one line
/// per target that is not ok, one per suspicious run time, the table and the history grid. Standard output gets
/// it as it is; Zulip gets it fenced (`ZulipMessages`).
package enum Report {
    package static let okHeadline = "everything is a-ok"
    package static let failureHeadline = "something went wrong"

    /// The lines above the table, and which of them are the seed's long lists.
    package struct Head {
        package var lines: [String]
        /// The seed's lists summed up, for a message that must be shorter: the index of the
        /// list's line and the line that can stand in for it, in the order they are tried.
        package var shortForms: [(line: Int, text: String)]
    }

    /// The lines above the table, with the seed's lists marked as they are written.
    package static func head(_ assessment: Assessment, zone: String) -> Head {
        var head = Head(lines: [assessment.isMatch ? okHeadline : failureHeadline, "date: \(assessment.day) (\(zone))"],
                        shortForms: [])
        let diff = assessment.diff
        if !diff.isMatch {
            head.lines.append("expected_backups and done_backups do not match:")
            for (name, targets) in [("expected backups", diff.expected), ("done backups", diff.done), ("diff", diff.difference)] {
                head.shortForms.append((head.lines.count, "\(name): \(targets.count) target\(targets.count == 1 ? "" : "s") (the job's log lists them)"))
                head.lines.append("\(name): \(PythonText.listRepr(targets))")
            }
        }
        head.lines += findings(assessment)
        return head
    }

    /// One line per target that is not ok, then one per suspicious run time.
    public static func findings(_ assessment: Assessment) -> [String] {
        assessment.targets.filter(\.verdict.isProblem).map { verdictLine($0, assessment: assessment) }
            + assessment.targets.compactMap(warningLine)
    }

    /// The whole message: the head, the table and, when given, the history grid.
    package static func message(_ assessment: Assessment, zone: String, rows: TodaysRows, grid: HistoryGrid? = nil) -> String {
        (head(assessment, zone: zone).lines + [table(rows)] + (grid?.lines ?? [])).joined(separator: "\n")
    }

    /// The table of the day's rows, as tabulate's "pretty" format draws it.
    package static func table(_ rows: TodaysRows) -> String {
        PrettyTable.render(headers: rows.columns, rows: rows.displayRows)
    }

    /// "missing: b.example.test (last success: 2024-10-15, 3 days ago)".
    static func verdictLine(_ target: Assessment.Target, assessment: Assessment) -> String {
        let name = "\(target.verdict.rawValue): \(DataText.escaped(target.target))"
        let last = lastSuccess(target, assessment: assessment)
        switch (target.verdict, target.schedule) {
        case (.unexpected, _): return name
        case let (.overdue, .every(days)?): return "\(name) (every \(days) day\(days == 1 ? "" : "s"); \(last))"
        default: return "\(name) (\(last))"
        }
    }

    /// "last success: 2024-10-15, 3 days ago", or "no success in the last 35 days".
    static func lastSuccess(_ target: Assessment.Target, assessment: Assessment) -> String {
        guard let success = target.lastSuccess else { return "no success in the last \(assessment.historyDays) days" }
        let ago = assessment.day.days(since: success.day)
        return "last success: \(success.day), " + (ago == 0 ? "today" : ago == 1 ? "1 day ago" : "\(ago) days ago")
    }

    /// "slow: f.example.test took 0:41:00, 9.5× its median of 0:04:20 over 5 runs", or nil.
    static func warningLine(_ target: Assessment.Target) -> String? {
        guard let finding = target.duration, let warning = finding.warning else { return nil }
        let took = "\(warning.rawValue): \(DataText.escaped(target.target)) took \(duration(finding.duration)), \(finding.ratioText)×"
        let median = "its median of \(duration(finding.median)) over \(finding.runs) runs"
        return warning == .slow ? "\(took) \(median)" : "\(took) faster than \(median)"
    }

    /// Seconds as the table writes a TIME: "0:41:00".
    static func duration(_ seconds: Int64) -> String {
        PythonText.timedelta(microseconds: seconds * 1_000_000)
    }

    /// The message when the database could not be asked.
    package static func databaseFailure(_ error: CheckerError) -> String {
        failureHeadline + "\n" + DataText.escaped(error.description)
    }
}
