/// The history reduced per target as its runs stream in, never held whole: the last success
/// of every target, and the durations of the earlier runs of the targets whose run on the
/// checked day is to be compared with them. Memory grows with targets and with the runs of
/// those targets, not with the rows read.
public struct RunHistory: Sendable {
    /// A success's day and the seconds into that day it ended (start when there is no end; a
    /// run that ended after midnight past 86,400).
    public struct Success: Sendable, Equatable, Comparable {
        public var day: CalendarDay
        public var seconds: Int64?

        public static func < (lhs: Success, rhs: Success) -> Bool {
            (lhs.day, lhs.seconds ?? -1) < (rhs.day, rhs.seconds ?? -1)
        }
    }

    /// The days the history covers: `first` up to the day before the checked day.
    public let first: CalendarDay
    public private(set) var lastSuccess: [String: Success] = [:]
    private let timedTargets: Set<String>
    private var durations: [String: [UInt32]] = [:]

    /// A history of the days from `first` on that keeps durations for `timedTargets`.
    public init(first: CalendarDay, timedTargets: Set<String>) {
        self.first = first
        self.timedTargets = timedTargets
    }

    /// Takes one run into account: a success dated from `first` on (other runs are the grid's).
    public mutating func add(_ run: HistoryRun) {
        guard run.succeeded, run.day >= first else { return }
        let success = Success(day: run.day, seconds: RunHistory.endSeconds(start: run.start, end: run.end))
        if lastSuccess[run.target].map({ $0 < success }) ?? true { lastSuccess[run.target] = success }
        if timedTargets.contains(run.target), let duration = RunHistory.duration(start: run.start, end: run.end) {
            durations[run.target, default: []].append(UInt32(clamping: duration))
        }
    }

    /// The durations of the target's earlier runs, in seconds, unsorted.
    public func durations(of target: String) -> [UInt32] { durations[target] ?? [] }

    /// end − start in seconds, a day added when the run crossed midnight; nil without an end.
    public static func duration(start: Int64?, end: Int64?) -> Int64? {
        guard let start, let end else { return nil }
        let span = end >= start ? end - start : end + 86_400 - start
        return span >= 0 ? span : nil
    }

    /// When a run ended, in seconds into its start's day: past 86,400 when it crossed
    /// midnight; its start when it has no end.
    public static func endSeconds(start: Int64?, end: Int64?) -> Int64? {
        guard let end else { return start }
        if let start, end < start { return end + 86_400 }
        return end
    }
}
