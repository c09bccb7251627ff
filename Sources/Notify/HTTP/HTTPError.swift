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
    case malformedResponse(Malformation)
    /// The answer is larger than this client reads; the server may have acted on the request.
    case tooLarge(Excess)
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
        case let .malformedResponse(malformation): return "malformed HTTP response: \(malformation)"
        case let .tooLarge(excess): return "HTTP response too large: \(excess)"
        case let .invalidRequest(text): return "invalid request: \(text)"
        }
    }

    /// What in an answer is not HTTP/1.x; a quoted part of the answer is cut short.
    public enum Malformation: Equatable, Sendable, CustomStringConvertible {
        /// A Transfer-Encoding whose last coding is not chunked (its first 40 characters).
        case transferCoding(String)
        /// A Content-Length that is not a number (its first 20 characters).
        case contentLength(String)
        /// Not `HTTP/1.x NNN …` (its first 60 characters).
        case statusLine(String)
        case headerWithoutName
        /// A chunk-size line that is not hexadecimal (its first 20 characters).
        case chunkSize(String)
        case chunkWithoutCRLF
        /// The connection closed before the empty line that ends the head.
        case closedInHead
        /// The connection closed before the body's last byte.
        case closedInBody

        public var description: String {
            switch self {
            case let .transferCoding(text): return "transfer coding \"\(text)\""
            case let .contentLength(text): return "Content-Length \"\(text)\""
            case let .statusLine(text): return "status line \"\(text)\""
            case .headerWithoutName: return "header line without a name and a colon"
            case let .chunkSize(text): return "chunk size \"\(text)\""
            case .chunkWithoutCRLF: return "a chunk not followed by CRLF"
            case .closedInHead: return "the connection closed in the middle of the headers"
            case .closedInBody: return "the connection closed before the body ended"
            }
        }
    }

    /// Which part of an answer is larger than this client reads.
    public enum Excess: Equatable, Sendable, CustomStringConvertible {
        /// A body whose Content-Length is `bytes`.
        case body(bytes: Int)
        case chunkedBody
        /// A body without a length, read until the connection closed.
        case bodyToClose
        /// A head longer than `limit` bytes.
        case head(limit: Int)

        public var description: String {
            switch self {
            case let .body(bytes): return "a body of \(bytes) bytes"
            case .chunkedBody: return "a chunked body"
            case .bodyToClose: return "a body read to its end"
            case let .head(limit): return "headers of more than \(limit) bytes"
            }
        }
    }
}
