/// Everything the checked day says: the seed's comparison, a verdict for every listed target
/// and every unexpected one, each not-ok target's last success, and how today's runs compare
/// with their history.
package struct Assessment: Sendable {
    /// One target's findings.
    package struct Target: Sendable {
        package var target: String
        /// Its schedule; nil for a target on no line of the list.
        package var schedule: Schedule?
        package var dueToday: Bool
        package var verdict: Verdict
        /// The last success, the checked day included.
        package var lastSuccess: RunHistory.Success?
        /// The day's successful run compared with the earlier ones, when both are known.
        package var duration: DurationCheck.Finding?
        /// The day's successful run in seconds, when it has an end.
        package var durationToday: Int64?
    }

    package let day: CalendarDay
    package let diff: BackupDiff
    /// Every listed target and every unexpected one, sorted by target.
    package let targets: [Target]
    /// The days of history read before the day (for "no success in the last N days").
    package let historyDays: Int

    /// True when nothing is missing, failed, overdue or unexpected.
    package var isMatch: Bool { diff.isMatch && !targets.contains { $0.verdict.isProblem } }

    package init(day: CalendarDay, list: ExpectedList, rows: TodaysRows, history: RunHistory, historyDays: Int,
                durations: DurationCheck) {
        self.day = day
        self.historyDays = historyDays
        var succeeded = Set<String>()
        var seen = Set<String>()
        var todaysSuccess: [String: (success: RunHistory.Success, duration: Int64?)] = [:]
        for row in rows.rows {
            seen.insert(row.target)
            guard row.succeeded else { continue }
            succeeded.insert(row.target)
            // The day's run of a target is its last successful row in the table's order.
            let success = RunHistory.Success(day: day, seconds: RunHistory.endSeconds(start: row.start, end: row.end))
            todaysSuccess[row.target] = (success, RunHistory.duration(start: row.start, end: row.end, on: day, in: history.zone))
        }
        let listed = Set(list.entries.map(\.target))
        let due = Set(list.entries.filter { $0.schedule.isDue(on: day) }.map(\.target))
        diff = BackupDiff(due: due, listed: listed, succeeded: succeeded)

        var targets: [Target] = []
        let everyone = list.entries.map { ($0.target, Optional($0.schedule)) }
            + succeeded.subtracting(listed).map { ($0, Schedule?.none) }
        for (target, schedule) in everyone {
            let today = todaysSuccess[target]
            let last = today?.success ?? history.lastSuccess[target]
            let dueToday = schedule?.isDue(on: day) ?? false
            let verdict: Verdict
            switch schedule {
            case nil:
                verdict = .unexpected
            case let .every(span)?:
                verdict = last.map { day.days(since: $0.day) < span } == true ? .ok : .overdue
            case .some where dueToday:
                verdict = today != nil ? .ok : (seen.contains(target) ? .failed : .missing)
            case .some:
                verdict = .notDue
            }
            var finding: DurationCheck.Finding?
            if let duration = today?.duration {
                finding = durations.judge(duration: duration, earlier: history.durations(of: target))
            }
            targets.append(Target(target: target, schedule: schedule, dueToday: dueToday, verdict: verdict,
                                  lastSuccess: last, duration: finding, durationToday: today?.duration))
        }
        self.targets = targets.sorted { $0.target.precedesByCodePoints($1.target) }
    }
}
