/// Elapsed time on the monotonic clock (a wall clock can jump), for tests that bound how long
/// something took.
package struct Stopwatch: Sendable {
    private let start = ContinuousClock.now

    package init() {}

    /// Seconds since the stopwatch was made.
    package var seconds: Double {
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
