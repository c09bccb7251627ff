/// The history reduced per target as its runs stream in, never held whole: the last success
/// of every target, and the durations of the earlier runs of the targets whose run on the
/// checked day is to be compared with them. Memory grows with targets and with the runs of
/// those targets, not with the rows read.
package struct RunHistory: Sendable {
    /// A success's day and the seconds into that day it ended (start when there is no end; a
    /// run that ended after midnight past 86,400).
    package struct Success: Sendable, Equatable, Comparable {
        package var day: CalendarDay
        package var seconds: Int64?

        package static func < (lhs: Success, rhs: Success) -> Bool {
            (lhs.day, lhs.seconds ?? -1) < (rhs.day, rhs.seconds ?? -1)
        }
    }

    /// The days the history covers: `first` up to the day before the checked day.
    package let first: CalendarDay
    /// The zone the rows' dates and times are wall-clock readings in (`timezone`).
    package let zone: TimeZone
    package private(set) var lastSuccess: [String: Success] = [:]
    private let timedTargets: Set<String>
    private var durations: [String: [UInt32]] = [:]

    /// A history of the days from `first` on, read in `zone`, that keeps durations for
    /// `timedTargets`.
    package init(first: CalendarDay, zone: TimeZone, timedTargets: Set<String>) {
        self.first = first
        self.zone = zone
        self.timedTargets = timedTargets
    }

    /// Takes one run into account: a success dated from `first` on (other runs are the grid's).
    package mutating func add(_ run: HistoryRun) {
        guard run.succeeded, run.day >= first else { return }
        let success = Success(day: run.day, seconds: RunHistory.endSeconds(start: run.start, end: run.end))
        if lastSuccess[run.target].map({ $0 < success }) ?? true { lastSuccess[run.target] = success }
        if timedTargets.contains(run.target),
           let duration = RunHistory.duration(start: run.start, end: run.end, on: run.day, in: zone) {
            durations[run.target, default: []].append(UInt32(clamping: duration))
        }
    }

    /// The durations of the target's earlier runs, in seconds, unsorted.
    package func durations(of target: String) -> [UInt32] { durations[target] ?? [] }

    /// The seconds that passed from start to end of a run dated `day`, both wall-clock times
    /// in `zone` (the end on the next day when it is earlier than the start: the run crossed
    /// midnight), so that a run across a clock change counts the time elapsed, not the
    /// difference of the clock readings (01:30 to 03:30 on the night clocks go forward is one
    /// hour). nil without an end.
    package static func duration(start: Int64?, end: Int64?, on day: CalendarDay, in zone: TimeZone) -> Int64? {
        guard let start, let end else { return nil }
        let span = zone.instant(of: day, secondsIntoDay: end >= start ? end : end + 86_400)
            - zone.instant(of: day, secondsIntoDay: start)
        return span >= 0 ? span : nil
    }

    /// When a run ended, in seconds into its start's day: past 86,400 when it crossed
    /// midnight; its start when it has no end.
    package static func endSeconds(start: Int64?, end: Int64?) -> Int64? {
        guard let end else { return start }
        if let start, end < start { return end + 86_400 }
        return end
    }
}
