/// Why a request to a service (Zulip, a heartbeat monitor, a Pushgateway) did not do what it
/// should. The case says whether the service can have acted on it, which decides retries and
/// what the person reading the log is told.
public struct DeliveryError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        /// The URL carries a credential and is plain http to a host that is not a loopback
        /// address; nothing was sent.
        case insecureSite
        /// The service could not be reached; the request was never taken.
        case unreachable(HTTPError)
        /// The service's certificate is not trusted; nothing was sent.
        case untrustedCertificate(String)
        /// The request was sent and its answer was lost: the service may have acted on it.
        case deliveryUnknown(HTTPError)
        /// The service answered with an error status, with its own explanation when it gave one.
        case rejected(status: Int, message: String?, code: String?, retryAfter: Double?)
        /// The service answered 2xx but not as its API promises.
        case unexpectedAnswer(status: Int, detail: String)
        /// The mail server did not take the message (SMTP's own steps and reply codes).
        case mail(SMTPError)
        /// The answer was a redirect, which an API call never follows: `location` is where it
        /// points, as scheme and host (nil when it names no other host).
        case redirected(status: Int, location: String?)
        /// Not tried: the `seconds` that all calls of the run to this service may take together
        /// were spent by earlier calls (a heartbeat's end after a start that hung).
        case timeSpent(seconds: Double)
    }

    /// The service, as messages name it: "Zulip", "the heartbeat", "the Pushgateway".
    public let service: String
    /// Where it was, as safe to print: a URL whose path is a secret (a ping URL) shows only
    /// its origin.
    public let site: String
    public let problem: Problem

    public init(service: String, site: String, problem: Problem) {
        self.service = service
        self.site = site
        self.problem = problem
    }

    /// True when sending again cannot repeat what the service already did: it never took the
    /// request (the connection failed before it was written), or it answered 500, 503 or 429,
    /// which say it did not act. A 502 or 504 comes from a proxy whose service may have taken
    /// the request: never sent again, delivery is unknown.
    public var isRetryable: Bool {
        switch problem {
        case .unreachable: return true
        case let .rejected(status, _, _, _): return status == 500 || status == 503 || status == 429
        case let .mail(error): return error.isTransient
        case .insecureSite, .untrustedCertificate, .deliveryUnknown, .unexpectedAnswer, .redirected, .timeSpent: return false
        }
    }

    /// True when the service may have acted on the request although no success came back: the
    /// answer was lost, or a proxy answered 502 or 504 for it.
    public var deliveryIsUnknown: Bool {
        switch problem {
        case .deliveryUnknown: return true
        case let .rejected(status, _, _, _): return DeliveryError.isProxyFailure(status)
        default: return false
        }
    }

    /// 502 Bad Gateway and 504 Gateway Timeout: a proxy speaking for a service that may have
    /// taken the request.
    static func isProxyFailure(_ status: Int) -> Bool { status == 502 || status == 504 }

    public var description: String {
        switch problem {
        case .insecureSite:
            return "refused to send a credential to \(service) at \(site) over plain http; use https (plain http only to a loopback address)"
        case let .unreachable(error):
            return "cannot reach \(service) at \(site): \(error)"
        case let .untrustedCertificate(reason):
            return "cannot reach \(service) at \(site): the server's certificate is not trusted: \(reason)"
        case let .deliveryUnknown(error):
            return "\(service) at \(site) was sent the request but its answer was lost (\(error)); whether it arrived is unknown, so it was not sent again"
        case let .rejected(status, _, _, _) where DeliveryError.isProxyFailure(status):
            return "a proxy in front of \(service) at \(site) answered HTTP \(status); the service behind it may have taken the request, so whether it arrived is unknown and it was not sent again"
        case let .rejected(status, message, code, _):
            var text = status >= 500 ? "\(service) failed with HTTP \(status)" : "\(service) refused the request with HTTP \(status)"
            if let message, !message.isEmpty { text += ": \(message.prefix(300))" }
            if let code, !code.isEmpty { text += " (\(code.prefix(60)))" }
            return text
        case let .unexpectedAnswer(status, detail):
            return "\(service) answered HTTP \(status) with \(detail)"
        case let .mail(error):
            return "\(service) through \(site): \(error)"
        case let .redirected(status, location):
            return "\(service) at \(site) answered HTTP \(status), a redirect to \(location ?? "another path of the same site"), which is not followed"
        case let .timeSpent(seconds):
            return "not sent to \(service) at \(site): the \(seconds) s its calls may take in this run were spent by earlier calls"
        }
    }
}
