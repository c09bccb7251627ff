import TextRules

/// The step of a connection that failed or ran out of time, with the peer it was talking to.
public enum TransportStep: Sendable, Equatable {
    /// Opening the TCP or unix-socket connection.
    case connecting(String)
    /// The TLS handshake after the connection opened.
    case tlsHandshake(String)
    /// Waiting for the peer's next bytes.
    case waitingForAnswer(String)
    /// Handing bytes to the peer.
    case sending(String)

    /// "connecting to X", "in the TLS handshake with X": what follows "timed out after N s".
    package var whileDoing: String {
        switch self {
        case let .connecting(peer): return "connecting to \(peer)"
        case let .tlsHandshake(peer): return "in the TLS handshake with \(peer)"
        case let .waitingForAnswer(peer): return "waiting for \(peer) to answer"
        case let .sending(peer): return "sending to \(peer)"
        }
    }

    /// "connecting to X failed", "the TLS handshake with X failed".
    var failed: String {
        switch self {
        case let .connecting(peer): return "connecting to \(peer) failed"
        case let .tlsHandshake(peer): return "the TLS handshake with \(peer) failed"
        case let .waitingForAnswer(peer): return "reading from \(peer) failed"
        case let .sending(peer): return "sending to \(peer) failed"
        }
    }
}

/// Why a connection could not be opened or used. Messages name the step and the peer, never
/// any payload.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The host name did not resolve.
    case resolve(host: String, TransportCause)
    /// No address of the host accepted the connection.
    case connect(endpoint: String, TransportCause)
    /// The peer did not answer within the time allowed for the step or for the whole exchange.
    case timeout(TransportStep, seconds: Double)
    /// A read, write or handshake failed after the connection was open.
    case io(TransportStep, TransportCause)
    /// The peer closed the connection.
    case closed
    /// A unix socket path that cannot be used (empty, too long, or with a NUL byte).
    case invalidSocketPath(String)
    /// The CA file given for verification cannot be loaded.
    case caFile(path: String, TransportCause)
    /// OpenSSL could not set up a TLS session.
    case tlsSetup(String)

    public var description: String {
        switch self {
        case let .resolve(host, cause): return "cannot resolve host \(host): \(cause)"
        case let .connect(endpoint, cause): return "cannot connect to \(endpoint): \(cause)"
        case let .timeout(step, seconds): return "timed out after \(formatSeconds(seconds)) s \(step.whileDoing)"
        case let .io(step, cause): return "\(step.failed): \(cause)"
        case .closed: return "the server closed the connection"
        case let .invalidSocketPath(path):
            return "the unix socket path must be 1 to 107 bytes without NUL, not \"\(path.prefix(120))\""
        case let .caFile(path, cause): return "cannot load the CA file \(path): \(cause)"
        case let .tlsSetup(reason): return "cannot set up TLS: \(reason)"
        }
    }
}
