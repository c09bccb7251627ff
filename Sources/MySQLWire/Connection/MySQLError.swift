import TextRules
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

/// Why the client refused to go on: continuing would expose the password or trust a server
/// it cannot identify. Every case is decided before the password (or anything derived from
/// it) is sent.
public enum InsecureReason: Sendable, Equatable, CustomStringConvertible {
    /// The TLS mode requires TLS and the server does not offer it.
    case tlsNotOffered(mode: TLSMode, server: String)
    /// The certificate does not chain to a trusted CA.
    case untrustedCertificate(String)
    /// verify-identity: the certificate is trusted but names another host.
    case wrongHostName(String)
    /// The certificate is not trusted, and MariaDB 11.4+ could vouch for it only with a
    /// password, which there is none of.
    case noPasswordForFingerprint(String)
    /// MariaDB 11.4+ was to vouch for its certificate after authentication and did not.
    case fingerprintMismatch(String)
    /// An authentication plugin would send the password in cleartext over TCP without TLS.
    case cleartextUnencrypted(plugin: String, serverOffersTLS: Bool)
    /// While the certificate still awaits MariaDB's fingerprint, a plugin that would reveal
    /// the password (cleartext, or RSA with a key the unverified server sends) or that has no
    /// hash to prove the fingerprint with.
    case unprovablePlugin(String)

    public var description: String {
        switch self {
        case let .tlsNotOffered(mode, server):
            return "TLS mode \(mode.rawValue) needs TLS but the server \(server) does not offer it"
        case let .untrustedCertificate(reason):
            return "the server's certificate is not trusted: \(reason)"
        case let .wrongHostName(reason):
            return "the server's certificate is trusted but \(reason)"
        case let .noPasswordForFingerprint(reason):
            return "the server's certificate is not trusted (\(reason)) and without a password MariaDB cannot vouch for it"
        case let .fingerprintMismatch(reason):
            return "the server's certificate is not trusted (\(reason)) and the server did not prove it with the fingerprint MariaDB 11.4+ sends"
        case let .cleartextUnencrypted(plugin, _):
            return "\(plugin) would send the password in cleartext over an unencrypted connection"
        case let .unprovablePlugin(plugin):
            return "\(plugin) cannot be used before the server's certificate is verified: it would reveal the password, or cannot prove the certificate's fingerprint"
        }
    }
}

/// The part of a conversation with the server that was under way, for a timeout to name.
public enum MySQLPhase: Sendable, Equatable {
    /// Connecting through authentication, bounded by the connect timeout as a whole.
    case login
    /// A statement, from sending it to its last row, bounded by the command timeout.
    case query
    /// Another command, by its protocol name ("COM_PING").
    case command(String)
}

/// Everything that can go wrong talking to a server. Messages say which step failed and why;
/// none ever contains the password.
public enum MySQLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The socket could not be opened, read or written.
    case transport(TransportError)
    /// The server stopped answering: in which phase (the login, a query), at which step of
    /// the transport (connecting, waiting for an answer), after how many seconds.
    case timedOut(MySQLPhase, TransportStep, seconds: Double)
    /// The server answered with an ERR packet.
    case server(ServerError)
    /// A packet from the server does not have the shape the protocol requires: which rule it breaks.
    case malformed(Malformation)
    /// A packet arrived with the wrong sequence id; the stream can no longer be trusted.
    case packetsOutOfOrder(expected: UInt8, received: UInt8)
    /// A packet (after joining its 16 MiB fragments) is larger than the configured limit.
    case packetTooLarge(size: Int, limit: Int)
    /// The server asked for something this client does not do (an old protocol, an unknown
    /// authentication plugin).
    case unsupported(String)
    /// Going on would expose the password or trust an unidentified server.
    case insecure(InsecureReason)
    /// A value handed to the client cannot be used (a NUL in the user name, an unreadable
    /// key file, a column index out of range).
    case invalidArgument(String)
    /// A statement did not return what the call expects (rows from `forEachRow`, one result
    /// set from `query`).
    case unexpectedResult(String)
    /// A text value (its first 40 bytes) cannot be read as the kind asked for.
    case invalidValue(column: String, value: String, expected: ValueKind)
    /// OpenSSL failed at a computation (a digest, big-number arithmetic).
    case crypto(String)
    /// The connection was closed, by `close()` or after an earlier fatal error.
    case connectionClosed
    /// The server sent an error on its own and closed the connection (an idle timeout, a
    /// shutdown): the stream cannot be used any more.
    case closedByServer(ServerError)

    public var description: String {
        switch self {
        case let .transport(error): return error.description
        case let .timedOut(phase, step, seconds):
            let timedOut = "timed out after \(formatSeconds(seconds)) s"
            switch (phase, step) {
            case let (.query, .waitingForAnswer(peer)): return "\(timedOut) waiting for the rows of the query from \(peer)"
            case let (.query, .sending(peer)): return "\(timedOut) sending the query to \(peer)"
            case (.query, _): return "\(timedOut) during the query: \(step.whileDoing)"
            case (.login, _): return "\(timedOut) during login: \(step.whileDoing)"
            case let (.command(name), _): return "\(timedOut) during \(name): \(step.whileDoing)"
            }
        case let .server(error): return error.description
        case let .malformed(malformation): return "malformed packet from the server: \(malformation)"
        case let .packetsOutOfOrder(expected, received):
            return "packets out of order: expected sequence id \(expected), received \(received)"
        case let .packetTooLarge(size, limit):
            return "packet of \(size) bytes is larger than the limit of \(limit) bytes"
        case let .unsupported(text): return "not supported: \(text)"
        case let .insecure(reason): return "refused: \(reason)"
        case let .invalidArgument(text): return text
        case let .unexpectedResult(text): return text
        case let .invalidValue(column, value, kind): return "column \(column): \"\(value)\" is not \(kind)"
        case let .crypto(text): return "OpenSSL failed: \(text)"
        case .connectionClosed: return "the connection is closed"
        case let .closedByServer(error): return "the server closed the connection: \(error)"
        }
    }
}

extension MySQLError {
    /// A transport timeout named by the phase it happened in; any other error as it is.
    func during(_ phase: MySQLPhase) -> MySQLError {
        guard case let .transport(.timeout(step, seconds)) = self else { return self }
        return .timedOut(phase, step, seconds: seconds)
    }
}
