import Glibc
import Transport

/// Sends the report by e-mail (`mailto://`, `mailtos://`): one message to every recipient, over
/// STARTTLS whenever the server offers it (and required before a login beyond loopback) or
/// TLS from the first byte (`mailtos`, port 465), the certificate verified against the
/// system's CAs and notify_tls_ca. `mailtos://` to port 587 or 25 (submission ports that
/// speak plain text first) requires STARTTLS instead. No limit on a message's size.
public struct MailClient: Destination {
    public let url: MailtoURL
    let options: DestinationOptions
    /// Seconds since 1970 for the Date header; the clock unless a test fixes it.
    var clock: @Sendable () -> Int64 = { Int64(time(nil)) }

    public init(url: MailtoURL, options: DestinationOptions) {
        self.url = url
        self.options = options
    }

    /// The port: the URL's, else 465 for `mode=ssl` and mailtos, 587 for `mode=starttls`, 25
    /// for mailto.
    package var port: UInt16 {
        if let port = url.port { return port }
        switch url.mode {
        case .ssl?: return 465
        case .startTLS?: return 587
        case nil: return url.implicitTLS ? 465 : 25
        }
    }

    /// TLS from the first byte: `mode=ssl`, or mailtos except to the ports that start in plain text.
    package var implicitTLS: Bool {
        switch url.mode {
        case .ssl?: return true
        case .startTLS?: return false
        case nil: return url.implicitTLS && port != 587 && port != 25
        }
    }

    /// STARTTLS required: `mode=starttls`, or mailtos to 587 or 25.
    package var requiresStartTLS: Bool { url.mode == .startTLS || (url.mode == nil && url.implicitTLS && !implicitTLS) }

    public var name: String { "e-mail (\(url.host))" }
    public var messageLimit: MessageLimit? { nil }
    /// The HTML part of `multipart/alternative`.
    public var takesHTML: Bool { true }
    public func size(of text: String) -> Int { text.utf8.count }

    public func send(_ message: NotifyMessage) throws(DeliveryError) {
        let mail: MailMessage
        do {
            let to = try url.to.map { (address) throws(SMTPError) in try MailAddress(address) }
            mail = MailMessage(from: try MailAddress(url.from ?? url.to.first ?? ""), to: to, subject: message.title,
                               text: message.text, html: message.html ?? MailClient.html(message.text), date: clock(),
                               unique: MailClient.uniquePart())
        } catch {
            throw failure(error)
        }
        try options.retry.run { () throws(DeliveryError) in
            do throws(SMTPError) {
                let conversation = try open()
                defer { conversation.close() }
                try conversation.open(user: url.user, password: url.password, requireTLS: requiresStartTLS)
                try conversation.send(mail)
                conversation.quit()
            } catch {
                throw failure(error)
            }
        }
    }

    /// Connects, sets up TLS, logs in and says QUIT: nothing is sent.
    public func check() throws(DeliveryError) -> String {
        do throws(SMTPError) {
            let conversation = try open()
            defer { conversation.close() }
            try conversation.open(user: url.user, password: url.password, requireTLS: requiresStartTLS)
            conversation.quit()
            let tls = implicitTLS ? "TLS" : conversation.isTLS ? "STARTTLS" : "no TLS (the server offers no STARTTLS)"
            let login = url.password != nil ? ", logged in" : ""
            return "reachable on port \(port) over \(tls)\(login); nothing was sent"
        } catch {
            throw failure(error)
        }
    }

    /// A connected conversation: the socket, and TLS from the first byte for mailtos.
    private func open() throws(SMTPError) -> SMTPConversation {
        let timeouts = Timeouts(connect: options.timeout, read: options.timeout, write: options.timeout)
        let deadline = Deadline(secondsFromNow: options.timeout)
        let socket: Socket
        do {
            socket = try Socket(connectingTo: .tcp(host: url.host, port: port), timeouts: timeouts, deadline: deadline)
        } catch {
            throw .connect(error)
        }
        let secure = { (stream: ByteStream) throws(SMTPError) -> ByteStream in
            try MailClient.tls(over: socket, host: url.host, options: options, timeouts: timeouts)
        }
        if implicitTLS {
            let stream = try secure(socket)
            return SMTPConversation(stream: stream, host: url.host, clientName: MailClient.clientName, isTLS: true, upgrade: secure)
        }
        return SMTPConversation(stream: socket, host: url.host, clientName: MailClient.clientName, isTLS: false, upgrade: secure)
    }

    /// The TLS session over `socket`, its certificate verified (chain and host name) before
    /// anything more is sent; an untrusted one ends the conversation, never falls back.
    static func tls(over socket: Socket, host: String, options: DestinationOptions, timeouts: Timeouts) throws(SMTPError) -> ByteStream {
        let stream: TLSStream
        do {
            stream = try TLSStream(over: socket, configuration: TLSConfiguration(caFile: options.systemCAFile,
                                                                                 extraCAFile: options.extraCAFile,
                                                                                 serverName: host),
                                   timeouts: timeouts)
        } catch {
            socket.close()
            throw .connect(error)
        }
        switch stream.trust {
        case .trusted:
            return stream
        case let .wrongName(reason), let .untrusted(reason):
            stream.close()
            throw .untrustedCertificate(reason)
        case .notVerified:
            stream.close()
            throw .untrustedCertificate("the certificate was not verified")
        }
    }

    private func failure(_ error: SMTPError) -> DeliveryError {
        DeliveryError(service: "e-mail", site: "smtp\(implicitTLS ? "s" : "")://\(url.host):\(port)", problem: .mail(error))
    }

    /// The name given in EHLO: this machine's host name when it is one, else "localhost".
    static let clientName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return SiteURL.isHostName(name) ? name : "localhost"
    }()

    /// 128 random bits in hex, for the Message-ID and the MIME boundary.
    static func uniquePart() -> String {
        var generator = SystemRandomNumberGenerator()
        return [generator.next(), generator.next()].map { (value: UInt64) in
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    /// An HTML part for a text that came without one: the text in <pre>.
    static func html(_ text: String) -> String {
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n<pre>" + HTMLEscaping.escape(text) + "</pre>\n</body></html>\n"
    }
}
