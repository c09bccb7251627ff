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
    /// request, or it answered 5xx or 429.
    public var isRetryable: Bool {
        switch problem {
        case .unreachable: return true
        case let .rejected(status, _, _, _): return status >= 500 || status == 429
        case let .mail(error): return error.isTransient
        case .insecureSite, .untrustedCertificate, .deliveryUnknown, .unexpectedAnswer: return false
        }
    }

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
        case let .rejected(status, message, code, _):
            var text = status >= 500 ? "\(service) failed with HTTP \(status)" : "\(service) refused the request with HTTP \(status)"
            if let message, !message.isEmpty { text += ": \(message.prefix(300))" }
            if let code, !code.isEmpty { text += " (\(code.prefix(60)))" }
            return text
        case let .unexpectedAnswer(status, detail):
            return "\(service) answered HTTP \(status) with \(detail)"
        case let .mail(error):
            return "\(service) through \(site): \(error)"
        }
    }
}
