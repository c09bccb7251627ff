import Transport

/// `mailto://[user:password@]host[:port]?to=a@x,b@y&from=…` (SMTP, STARTTLS) and
/// `mailtos://…` (implicit TLS, port 465), as apprise reads them: the server, the login, the
/// recipients (`to`, else the path's addresses, else user@host) and the sender (`from`, else
/// the first recipient's address), and `mode` (`ssl`, `starttls`).
/// https://github.com/caronc/apprise/wiki/Notify_email
public struct MailtoURL: Sendable, Equatable {
    static let service = "e-mail"
    package var host: String
    package var port: UInt16?
    /// `mailtos`: TLS from the first byte.
    package var implicitTLS: Bool
    /// apprise's `?mode=`: `ssl` (TLS from the first byte, on any port) or `starttls` (STARTTLS
    /// required); nil without it, and for `insecure`, which is read as `mailto://` is (STARTTLS
    /// whenever offered, a login in plain text only to a loopback address), never weaker.
    package var mode: Mode?

    package enum Mode: String, Sendable, Equatable {
        case ssl
        case startTLS = "starttls"
    }
    package var user: String?
    package var password: Secret?
    package var to: [String]
    package var from: String?

    init(_ url: AppriseURL) throws(DestinationURLError) {
        let service = MailtoURL.service
        guard !url.host.isEmpty, SiteURL.isHostName(url.host) || url.host.contains(":") else {
            throw .malformed(service: service, .noMailHost)
        }
        host = url.host
        port = url.port
        implicitTLS = url.scheme == "mailtos"
        user = url.option("user") ?? url.user
        password = (url.option("pass") ?? url.password).map { Secret($0) }
        var to = url.list("to")
        if to.isEmpty { to = url.path.filter { $0.contains("@") } }
        if to.isEmpty, let user = url.user { to = [user.contains("@") ? user : "\(user)@\(url.host)"] }
        guard !to.isEmpty else { throw .malformed(service: service, .noRecipient) }
        self.to = to
        from = url.option("from")
        switch url.option("mode")?.lowercased() {
        case nil, "insecure": mode = nil
        case let text?:
            guard let mode = Mode(rawValue: text) else { throw .malformed(service: service, .badMailMode) }
            self.mode = mode
        }
    }
}
