/// Whether a run took suspiciously long or short against its target's earlier runs: slow
/// above `factor` × their median, fast below median ÷ `factor`, each needing at least
/// `minimumRuns` earlier runs and a difference of at least `minimumDifference` seconds.
package struct DurationCheck: Sendable {
    package static let minimumRuns = 5
    package static let minimumDifference: Int64 = 60

    package enum Warning: String, Sendable {
        case slow, fast
    }

    /// What was compared, and what came of it.
    package struct Finding: Sendable, Equatable {
        /// The run of the checked day, in seconds.
        package var duration: Int64
        /// The median of the earlier runs, in seconds (even counts: the mean of the two middle
        /// values, rounded down).
        package var median: Int64
        /// How many earlier runs the median is of.
        package var runs: Int
        package var warning: Warning?

        /// The ratio with one decimal, as the message writes it: duration ÷ median for slow,
        /// median ÷ duration for fast, a 0 s value counting as 1 s; rounded half up exactly.
        package var ratioText: String {
            let (numerator, denominator) = warning == .fast ? (median, duration) : (duration, median)
            let n = max(numerator, 1), d = max(denominator, 1)
            let tenths = (20 * n + d) / (2 * d)
            return "\(tenths / 10).\(tenths % 10)"
        }
    }

    package var factor: Double

    package init(factor: Double) { self.factor = factor }

    /// The finding for a run of `duration` seconds against `earlier` durations; nil when there
    /// are none to compare with.
    package func judge(duration: Int64, earlier: [UInt32]) -> Finding? {
        guard !earlier.isEmpty else { return nil }
        let median = DurationCheck.median(earlier)
        var finding = Finding(duration: duration, median: median, runs: earlier.count, warning: nil)
        guard earlier.count >= DurationCheck.minimumRuns else { return finding }
        if Double(duration) > factor * Double(median), duration - median >= DurationCheck.minimumDifference {
            finding.warning = .slow
        } else if Double(duration) < Double(median) / factor, median - duration >= DurationCheck.minimumDifference {
            finding.warning = .fast
        }
        return finding
    }

    static func median(_ values: [UInt32]) -> Int64 {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return Int64(sorted[middle]) }
        return (Int64(sorted[middle - 1]) + Int64(sorted[middle])) / 2
    }
}
