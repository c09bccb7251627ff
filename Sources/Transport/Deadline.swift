import Glibc

/// A point on the monotonic clock that bounds a whole exchange (connecting through
/// authentication, a query to its last row, one HTTP request and its answer), however many
/// reads and writes it takes. It remembers the span it was made with, for messages.
package struct Deadline: Sendable, Equatable {
    private let nanoseconds: UInt64
    /// The number of seconds this deadline was set to, when it was made.
    package let seconds: Double

    /// `seconds` from now; a span that is not a positive finite number has already passed.
    package init(secondsFromNow seconds: Double) {
        let span = seconds.isFinite && seconds > 0 ? min(seconds, 1e9) : 0
        self.seconds = span
        nanoseconds = Deadline.monotonicNanoseconds() &+ UInt64(span * 1e9)
    }

    /// True once the deadline has passed.
    package var hasPassed: Bool { Deadline.monotonicNanoseconds() >= nanoseconds }

    /// Milliseconds left, rounded up and clamped to what poll(2) accepts; 0 once passed.
    package var remainingMilliseconds: Int32 {
        let now = Deadline.monotonicNanoseconds()
        guard nanoseconds > now else { return 0 }
        return Int32(clamping: (nanoseconds - now + 999_999) / 1_000_000)
    }

    /// Whichever of the two comes first.
    package static func earliest(_ first: Deadline, _ second: Deadline?) -> Deadline {
        guard let second else { return first }
        return second.nanoseconds < first.nanoseconds ? second : first
    }

    /// Nanoseconds on the monotonic clock (an arbitrary origin; only differences matter).
    package static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}
