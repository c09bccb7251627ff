import Transport

/// An error the server sent in an ERR packet.
/// https://mariadb.com/kb/en/err_packet/
public struct ServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server's error number, e.g. 1045 for access denied.
    public let code: UInt16
    /// The five-character SQLSTATE, or "HY000" when the server sent none.
    public let sqlState: String
    public let message: String

    public init(code: UInt16, sqlState: String, message: String) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
    }

    public var description: String { "ERROR \(code) (\(sqlState)): \(message)" }
}

/// Everything that can go wrong talking to a server. Messages say which step failed and why;
/// none ever contains the password.
public enum MySQLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The socket could not be opened, read or written.
    case transport(TransportError)
    /// The server answered with an ERR packet.
    case server(ServerError)
    /// A packet from the server does not have the shape the protocol requires.
    case malformed(String)
    /// A packet arrived with the wrong sequence id; the stream can no longer be trusted.
    case packetsOutOfOrder(expected: UInt8, received: UInt8)
    /// A packet (after joining its 16 MiB fragments) is larger than the configured limit.
    case packetTooLarge(size: Int, limit: Int)
    /// The server asked for something this client does not do (an old protocol, an unknown
    /// authentication plugin).
    case unsupported(String)
    /// Going on would expose a secret, e.g. a cleartext password over plain TCP.
    case insecure(String)
    /// A value handed to the client cannot be used.
    case invalidArgument(String)
    /// A text value cannot be read as the type asked for.
    case invalidValue(column: String, reason: String)
    /// The connection was closed, by `close()` or after an earlier fatal error.
    case connectionClosed
    /// The server sent an error on its own and closed the connection (an idle timeout, a
    /// shutdown): the stream cannot be used any more.
    case closedByServer(ServerError)

    public var description: String {
        switch self {
        case let .transport(error): return error.description
        case let .server(error): return error.description
        case let .malformed(text): return "malformed packet from the server: \(text)"
        case let .packetsOutOfOrder(expected, received):
            return "packets out of order: expected sequence id \(expected), received \(received)"
        case let .packetTooLarge(size, limit):
            return "packet of \(size) bytes is larger than the limit of \(limit) bytes"
        case let .unsupported(text): return "not supported: \(text)"
        case let .insecure(text): return "refused: \(text)"
        case let .invalidArgument(text): return text
        case let .invalidValue(column, reason): return "column \(column): \(reason)"
        case .connectionClosed: return "the connection is closed"
        case let .closedByServer(error): return "the server closed the connection: \(error)"
        }
    }
}
