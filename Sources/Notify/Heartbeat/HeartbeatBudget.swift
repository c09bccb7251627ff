import Synchronization
import Transport

/// The seconds that all heartbeat calls of one run may take together (heartbeat_timeout), so
/// that a refused or silent monitor costs a run no more than that: each call gets what is left
/// as its deadline (retry pauses included) and spends what it took.
package final class HeartbeatBudget: Sendable {
    /// The seconds the run started with.
    package let seconds: Double
    private let left: Mutex<Double>

    package init(seconds: Double) {
        self.seconds = seconds
        left = Mutex(seconds)
    }

    /// Seconds still left.
    package var remaining: Double { left.withLock { $0 } }

    /// Runs `call` with a deadline at the end of what is left, and spends the time it took.
    func spend<Value>(_ call: (Deadline) throws(DeliveryError) -> Value) throws(DeliveryError) -> Value {
        let start = Deadline.monotonicNanoseconds()
        defer {
            let took = Double(Deadline.monotonicNanoseconds() - start) / 1e9
            left.withLock { $0 = max(0, $0 - took) }
        }
        return try call(Deadline(secondsFromNow: remaining))
    }
}
