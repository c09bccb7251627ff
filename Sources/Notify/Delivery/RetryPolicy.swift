import Glibc
import Transport

/// When and how often a request is sent again: only when the service cannot have taken it
/// (the connection failed before the request was written, or a 500, 503 or 429 answer), after
/// a pause from `delays`, or the service's Retry-After when it asks for longer. A Retry-After
/// beyond `maxRetryAfter` is not cut short: the request is not sent again. A request that was
/// sent and whose answer was lost, or that a proxy answered with 502 or 504, is never repeated.
public struct RetryPolicy: Sendable {
    /// Seconds to wait before each retry; as many retries as there are delays.
    public var delays: [Double]
    /// The longest Retry-After honoured.
    public var maxRetryAfter: Double
    /// Told about each retry, with the reason and the pause.
    public var onRetry: (@Sendable (String) -> Void)?

    public init(delays: [Double] = [2, 10], maxRetryAfter: Double = 30, onRetry: (@Sendable (String) -> Void)? = nil) {
        self.delays = delays
        self.maxRetryAfter = maxRetryAfter
        self.onRetry = onRetry
    }

    /// Runs `attempt` until it succeeds, fails in a way that must not be retried, or the
    /// retries are spent; with a `deadline`, no pause runs past it (the last error is thrown
    /// instead of waiting for a retry that could not finish in time).
    package func run<Value>(until deadline: Deadline? = nil,
                           _ attempt: () throws(DeliveryError) -> Value) throws(DeliveryError) -> Value {
        var retries = 0
        while true {
            do {
                return try attempt()
            } catch {
                guard error.isRetryable, retries < delays.count else { throw error }
                var pause = delays[retries]
                if case let .rejected(_, _, _, retryAfter?) = error.problem {
                    // Honoured within the deadline, or not at all: never sooner than asked.
                    guard retryAfter <= maxRetryAfter else { throw error }
                    pause = max(pause, retryAfter)
                }
                if let deadline, Double(deadline.remainingMilliseconds) <= pause * 1000 { throw error }
                onRetry?("\(error); retrying in \(pause) s")
                Pause.sleep(seconds: pause)
                retries += 1
            }
        }
    }

}
