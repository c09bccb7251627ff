#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Transport

/// Zulip's API as the checker uses it: post a message to a stream, and ask who the bot is.
/// Basic auth with the bot's e-mail and API key; https verified against the system's CAs (or
/// `caFile`), host name included. https://zulip.com/api/send-message
public struct ZulipClient: Sendable {
    public var settings: ZulipSettings
    public var logger: Logger
    /// Seconds to wait before each retry after a connection error or a 5xx answer.
    public var retryDelays: [Double]
    public var http: HTTPClient

    public init(settings: ZulipSettings, logger: Logger, retryDelays: [Double] = [2, 10], timeouts: Timeouts? = nil) {
        let timeouts = timeouts ?? Timeouts(connect: settings.timeout, read: settings.timeout, write: settings.timeout)
        self.settings = settings
        self.logger = logger
        self.retryDelays = retryDelays
        let caFile = settings.caFile
        self.http = HTTPClient(site: settings.site, timeouts: timeouts) { (site, timeouts) throws(TransportError) in
            try ZulipClient.connect(site, timeouts, caFile: caFile)
        }
    }

    /// A plain socket for http:// sites; for https:// a TLS session whose certificate must chain
    /// to a trusted CA and name the site's host.
    static func connect(_ site: SiteURL, _ timeouts: Timeouts, caFile: String?) throws(TransportError) -> ByteStream {
        let socket = try Socket(connectingTo: .tcp(host: site.host, port: site.port), timeouts: timeouts)
        guard site.isTLS else { return socket }
        let tls = try TLSStream(over: socket, configuration: TLSConfiguration(caFile: caFile, serverName: site.host),
                                timeouts: timeouts)
        switch tls.trust {
        case .trusted:
            return tls
        case let .wrongName(reason), let .untrusted(reason):
            tls.close()
            throw .untrustedCertificate(reason)
        }
    }

    private var authorization: (String, String) {
        ("Authorization", "Basic " + Base64.encode(Array("\(settings.email):\(settings.apiKey.reveal())".utf8)))
    }

    /// Delivers `content`; throws `CheckerError.delivery` with Zulip's own explanation when it
    /// refuses, after retrying connection errors and 5xx answers.
    public func post(content: String) throws(CheckerError) {
        let body = FormEncoding.encode([
            ("type", "stream"), ("to", settings.stream), ("topic", settings.topic), ("content", content),
        ])
        let headers = [
            authorization, ("Content-Type", "application/x-www-form-urlencoded"),
            ("User-Agent", "backup-checker"), ("Accept", "application/json"),
        ]
        var attempt = 0
        while true {
            let failure: String
            switch once(method: "POST", path: "/api/v1/messages", headers: headers, body: body) {
            case .succeeded:
                logger.info("posted to \(settings.stream) > \(settings.topic)")
                return
            case let .refused(reason):
                throw .delivery(reason)
            case let .retryable(reason):
                failure = reason
            }
            guard attempt < retryDelays.count else { throw .delivery(failure) }
            logger.warning("\(failure); retrying in \(retryDelays[attempt]) s")
            ZulipClient.pause(seconds: retryDelays[attempt])
            attempt += 1
        }
    }

    /// The bot's own profile (`GET /api/v1/users/me`): checks the site, the credentials and
    /// returns the bot's full name, without posting anything.
    public func me() throws(CheckerError) -> (name: String, email: String) {
        let headers = [authorization, ("User-Agent", "backup-checker"), ("Accept", "application/json")]
        let response: HTTPResponse
        do {
            response = try http.send(method: "GET", path: "/api/v1/users/me", headers: headers)
        } catch {
            throw .delivery("cannot reach Zulip at \(settings.site): \(error)")
        }
        let json = JSONValue(parsing: response.body)
        guard response.status == 200, json?["result"]?.stringValue == "success" else {
            throw .delivery(ZulipClient.explain(response, json: json))
        }
        return (json?["full_name"]?.stringValue ?? "?", json?["email"]?.stringValue ?? settings.email)
    }

    private enum Attempt {
        case succeeded
        case refused(String)
        case retryable(String)
    }

    private func once(method: String, path: String, headers: [(String, String)], body: [UInt8]) -> Attempt {
        let response: HTTPResponse
        do {
            response = try http.send(method: method, path: path, headers: headers, body: body)
        } catch {
            if case .transport(.untrustedCertificate) = error {
                return .refused("cannot reach Zulip at \(settings.site): \(error)")
            }
            return .retryable("cannot reach Zulip at \(settings.site): \(error)")
        }
        let json = JSONValue(parsing: response.body)
        if response.status == 200, json?["result"]?.stringValue == "success" { return .succeeded }
        let reason = ZulipClient.explain(response, json: json)
        return response.status >= 500 ? .retryable(reason) : .refused(reason)
    }

    /// Zulip's answer in words: status, its `msg` and `code`.
    static func explain(_ response: HTTPResponse, json: JSONValue?) -> String {
        var text = response.status >= 500 ? "Zulip failed with" : "Zulip refused the request with"
        text += " HTTP \(response.status)"
        if let message = json?["msg"]?.stringValue { text += ": \(message.prefix(300))" }
        if let code = json?["code"]?.stringValue { text += " (\(code.prefix(60)))" }
        if json == nil { text += " and a body that is not JSON" }
        return text
    }

    static func pause(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
