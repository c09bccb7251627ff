import Notify

/// What a run found, before it is written as text or JSON and delivered.
package struct CheckOutcome: Sendable {
    /// The day's rows and what they say.
    package struct Found: Sendable {
        package var assessment: Assessment
        package var rows: TodaysRows
        /// The history grid; nil when report_history_days is 0.
        package var grid: HistoryGrid?
    }

    package var day: CalendarDay
    /// The name of the zone that defined the day.
    package var zone: String
    package var result: Result<Found, CheckerError>

    package var status: ExitStatus {
        switch result {
        case let .success(found): return found.assessment.isMatch ? .ok : .mismatch
        case let .failure(error): return error.exitStatus
        }
    }

    /// The message: verdict, date line, comparison, verdict and warning lines, table, history
    /// grid; or the error.
    package var message: String {
        switch result {
        case let .success(found): return Report.message(found.assessment, zone: zone, rows: found.rows, grid: found.grid)
        case let .failure(error): return Report.databaseFailure(error)
        }
    }

    /// The message without the history grid (which an HTML part shows as a table of its own).
    package var messageWithoutGrid: String {
        switch result {
        case let .success(found): return Report.message(found.assessment, zone: zone, rows: found.rows, grid: nil)
        case let .failure(error): return Report.databaseFailure(error)
        }
    }

    /// The history grid, when the run reached the database and report_history_days is not 0.
    package var grid: HistoryGrid? {
        if case let .success(found) = result { return found.grid }
        return nil
    }

    /// The message as Zulip gets it: one or more fenced contents within `limit` code points.
    package func zulipContents(limit: Int) -> [String] {
        contents(fit: ZulipMessages.zulip(limit: limit))
    }

    /// The message in as many parts as `fit` needs, each wrapped by it and within its limit.
    package func contents(fit: MessageFit) -> [String] {
        guard case let .success(found) = result else { return [fit.wrap(message)] }
        let notOK = Set(found.assessment.targets.filter { $0.verdict.isProblem || $0.duration?.warning != nil }.map(\.target))
        let important = Set(found.rows.rows.indices.filter { notOK.contains(found.rows.rows[$0].target) })
        let head = Report.head(found.assessment, zone: zone)
        return ZulipMessages.contents(head: head.lines, shortForms: head.shortForms, rows: found.rows,
                                      grid: found.grid?.lines ?? [], important: important, fit: fit)
    }

    /// The title other destinations show: "backup check 2024-10-18: ok" on exit 0,
    /// "…: something went wrong" otherwise.
    package var title: String {
        "backup check \(day): " + (status == .ok ? "ok" : Report.failureHeadline)
    }

    /// How it went, as apprise's notification types say: info when all is ok, warning when
    /// ok with warnings, failure otherwise.
    package var severity: NotifyMessage.Severity {
        guard case let .success(found) = result, found.assessment.isMatch else { return .failure }
        return found.assessment.targets.contains { $0.duration?.warning != nil } ? .warning : .info
    }
}
