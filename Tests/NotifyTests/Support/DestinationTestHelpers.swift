import Synchronization
import Testing
import TestSupport
import Transport
@testable import Notify

/// Retries told to a list (so a test sees the pause each one took), at once unless the
/// service asks for a pause up to `maxRetryAfter`.
final class RetryLog: Sendable {
    let lines = Mutex<[String]>([])

    func policy(retries: Int = 2, maxRetryAfter: Double = 0) -> RetryPolicy {
        RetryPolicy(delays: Array(repeating: 0, count: retries), maxRetryAfter: maxRetryAfter,
                    onRetry: { [self] line in lines.withLock { $0.append(line) } })
    }

    var all: [String] { lines.withLock { $0 } }
}

enum Parsed {
    static func url(_ text: String) throws -> DestinationURL { try DestinationURL.parse(text) }

    static func options(_ retry: RetryPolicy = RetryPolicy(delays: []), extraCAFile: String? = nil) -> DestinationOptions {
        DestinationOptions(timeout: 5, systemCAFile: nil, extraCAFile: extraCAFile, retry: retry)
    }

    /// A loopback site (the fixed-host services' base in tests).
    static func site(_ server: FakeService) throws -> SiteURL { try #require(SiteURL(server.url)) }

    static let message = NotifyMessage(title: "backup check 2024-10-18: something went wrong",
                                       text: "something went wrong\n<b> & 'x' ü", severity: .failure)
}

extension DeliveryError {
    /// The HTTP status and the service's message, when the service refused.
    var refusal: (status: Int, message: String?, code: String?, retryAfter: Double?)? {
        if case let .rejected(status, message, code, retryAfter) = problem { return (status, message, code, retryAfter) }
        return nil
    }
}
