/// Why a connection could not be opened or used. Messages name the step and the peer,
/// never any payload.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The host name did not resolve.
    case resolve(host: String, reason: String)
    /// No address of the host accepted the connection.
    case connect(endpoint: String, reason: String)
    /// The peer did not answer within the configured time.
    case timeout(step: String, seconds: Double)
    /// A read or write failed after the connection was open.
    case io(step: String, reason: String)
    /// The peer closed the connection.
    case closed
    /// A value handed to the transport cannot be used (a socket path that is too long, say).
    case invalidArgument(String)
    /// The peer's TLS certificate could not be verified.
    case untrustedCertificate(String)

    public var description: String {
        switch self {
        case let .resolve(host, reason): return "cannot resolve host \(host): \(reason)"
        case let .connect(endpoint, reason): return "cannot connect to \(endpoint): \(reason)"
        case let .timeout(step, seconds): return "timed out after \(formatSeconds(seconds)) s while \(step)"
        case let .io(step, reason): return "\(step) failed: \(reason)"
        case .closed: return "the server closed the connection"
        case let .invalidArgument(text): return text
        case let .untrustedCertificate(reason): return "the server's certificate is not trusted: \(reason)"
        }
    }
}

func formatSeconds(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
    return String(value)
}
