import Transport

/// Why a message could not be handed to the mail server. Each case says at which step, so
/// that a retry is made only when the server cannot have taken the message. No case carries a
/// password: the server's words are cleaned of the login before they are kept.
public enum SMTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The steps of one SMTP conversation, in order.
    public enum Step: String, Sendable, Equatable {
        case greeting = "the greeting"
        case ehlo = "EHLO"
        case startTLS = "STARTTLS"
        case login = "the login"
        case sender = "MAIL FROM"
        case recipient = "RCPT TO"
        case data = "DATA"
        /// The message was sent whole, the server's answer awaited: it may have taken it.
        case message = "the end of the message"
        case quit = "QUIT"
    }

    /// The connection or the TLS handshake failed: nothing was sent.
    case connect(TransportError)
    /// The server's certificate is not trusted: nothing was sent (no fall-back to plain text).
    case untrustedCertificate(String)
    /// The connection failed or timed out at `step`.
    case lost(TransportError, step: Step)
    /// The server's answer is not an SMTP reply (or is longer than one may be).
    case malformedReply(Malformation, step: Step)
    /// The server answered `code` (4xx: try later; 5xx: refused) at `step`.
    case rejected(code: Int, text: String, step: Step)
    /// A login over plain text to a server beyond loopback: the server offers no STARTTLS, so
    /// the password was not sent.
    case tlsRequiredForLogin
    /// `mailtos://` to a submission port (587, 25) whose server offers no STARTTLS: the
    /// message is not sent in plain text.
    case startTLSRequired
    /// The server offers neither AUTH PLAIN nor AUTH LOGIN (what it offers, when anything).
    case noUsableLogin(offered: [String])
    /// Bytes arrived after the server's go-ahead for STARTTLS and before the TLS handshake: a
    /// man in the middle injecting commands, so nothing more is sent.
    case injectedBeforeTLS
    /// An address of the URL cannot be written in a message (not `local@domain` in ASCII
    /// without spaces, brackets or commas).
    case invalidAddress(String)

    /// True when the server may have taken the message: it was sent whole and the answer was
    /// lost or garbled. Such a message is never sent again.
    public var messageMayHaveBeenTaken: Bool {
        switch self {
        case .lost(_, .message), .malformedReply(_, .message): return true
        default: return false
        }
    }

    /// True when sending again may succeed and cannot send the message twice: the server was
    /// unreachable, the connection broke before the message was sent, or the server said to
    /// try later (4xx).
    public var isTransient: Bool {
        switch self {
        case .connect: return true
        case let .lost(_, step): return step != .message && step != .quit
        case let .rejected(code, _, step): return (400..<500).contains(code) && step != .quit
        default: return false
        }
    }

    public var description: String {
        switch self {
        case let .connect(error):
            return error.description
        case let .untrustedCertificate(reason):
            return "the server's certificate is not trusted: \(reason)"
        case let .lost(error, step):
            if step == .message {
                return "the message was sent but the server's answer was lost (\(error)); whether it was taken is unknown, so it was not sent again"
            }
            return "\(error) (at \(step.rawValue))"
        case let .malformedReply(detail, step):
            return "the server's answer at \(step.rawValue) is not SMTP: \(detail)"
        case let .rejected(code, text, step):
            let kind = code >= 500 ? "refused" : "deferred (try later)"
            return "the server \(kind) \(step.rawValue) with \(code)" + (text.isEmpty ? "" : ": \(text)")
        case .tlsRequiredForLogin:
            return "the server offers no STARTTLS, and the password is not sent in plain text beyond loopback (use mailtos:// or a server that offers STARTTLS)"
        case .startTLSRequired:
            return "the server offers no STARTTLS, which mailtos:// requires on this port; nothing was sent"
        case let .noUsableLogin(offered):
            return "the server offers no login this client can use (AUTH PLAIN or LOGIN)"
                + (offered.isEmpty ? "" : "; it offers \(offered.joined(separator: " "))")
        case .injectedBeforeTLS:
            return "bytes arrived between the server's STARTTLS go-ahead and the TLS handshake (someone on the path may be injecting commands); nothing more was sent"
        case let .invalidAddress(address):
            return "\"\(address)\" is not an e-mail address this client can use (local@domain, ASCII, no spaces, brackets or commas)"
        }
    }

    /// How an answer breaks SMTP's reply form.
    public enum Malformation: Equatable, Sendable, CustomStringConvertible {
        case noReplyCode
        /// The lines of one multi-line reply carry different codes.
        case mixedCodes
        /// A reply of more lines than this client reads.
        case tooManyLines(limit: Int)
        /// A line longer than this client reads.
        case lineTooLong(limit: Int)
        /// A reply code below 400 where the step expects another (a success where none fits).
        case unexpectedCode(Int)

        public var description: String {
            switch self {
            case .noReplyCode: return "a line does not start with a reply code"
            case .mixedCodes: return "the lines of one reply carry different codes"
            case let .tooManyLines(limit): return "a reply of more than \(limit) lines"
            case let .lineTooLong(limit): return "a line longer than \(limit) bytes"
            case let .unexpectedCode(code): return "an unexpected \(code) reply"
            }
        }
    }
}
