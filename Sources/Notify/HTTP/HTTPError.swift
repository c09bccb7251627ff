import Transport

/// Why an HTTP exchange failed before a complete answer arrived. Each case says whether the
/// server can have taken the request, which decides whether sending it again is safe.
public enum HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The connection (or its TLS handshake) failed: no request was sent.
    case connect(TransportError)
    /// The site's certificate is not trusted: no request was sent.
    case untrustedCertificate(String)
    /// The request could not be written whole: the server cannot have taken it.
    case send(TransportError)
    /// The request was written but its answer did not arrive: the server may have acted on it.
    case receive(TransportError)
    /// The answer is not HTTP/1.x as it must be; the server may have acted on the request.
    case malformedResponse(String)
    /// The answer is larger than this client reads; the server may have acted on the request.
    case tooLarge(String)
    /// The request itself cannot be sent (a header with a line break, say).
    case invalidRequest(String)

    /// True when the request was written whole, so that the server may have acted on it and
    /// sending it again could repeat it.
    public var requestMayHaveBeenTaken: Bool {
        switch self {
        case .connect, .untrustedCertificate, .send, .invalidRequest: return false
        case .receive, .malformedResponse, .tooLarge: return true
        }
    }

    public var description: String {
        switch self {
        case let .connect(error), let .send(error), let .receive(error): return error.description
        case let .untrustedCertificate(reason): return "the server's certificate is not trusted: \(reason)"
        case let .malformedResponse(text): return "malformed HTTP response: \(text)"
        case let .tooLarge(text): return "HTTP response too large: \(text)"
        case let .invalidRequest(text): return "invalid request: \(text)"
        }
    }
}
