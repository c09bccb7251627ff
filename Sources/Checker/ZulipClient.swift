#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Transport

/// Posts a message to a Zulip stream: `POST {site}/api/v1/messages` with basic auth (bot
/// e-mail, API key) and the form fields type, to, topic, content.
/// https://zulip.com/api/send-message
public struct ZulipClient: Sendable {
    public var settings: ZulipSettings
    public var logger: Logger
    /// Seconds to wait before each retry after a connection error or a 5xx answer.
    public var retryDelays: [Double]
    public var http: HTTPClient

    public init(settings: ZulipSettings, logger: Logger, retryDelays: [Double] = [1, 3],
                timeouts: Timeouts = Timeouts(connect: 10, read: 30, write: 30)) {
        self.settings = settings
        self.logger = logger
        self.retryDelays = retryDelays
        self.http = HTTPClient(site: settings.site, timeouts: timeouts, connector: ZulipClient.connect)
    }

    /// Opens a plain socket for http:// sites and a verified TLS session for https:// ones.
    @Sendable static func connect(_ site: SiteURL, _ timeouts: Timeouts) throws(TransportError) -> ByteStream {
        let socket = try Socket(connectingTo: .tcp(host: site.host, port: site.port), timeouts: timeouts)
        guard site.isTLS else { return socket }
        throw .invalidArgument("https is not supported by this build yet; use an http:// zulip_site")
    }

    /// Delivers `content`; throws `CheckerError.delivery` with Zulip's own explanation when
    /// it refuses, after retrying connection errors and 5xx answers.
    public func post(content: String) throws(CheckerError) {
        let body = FormEncoding.encode([
            ("type", "stream"), ("to", settings.stream), ("topic", settings.topic), ("content", content),
        ])
        let credentials = Base64.encode(Array("\(settings.email):\(settings.apiKey.reveal())".utf8))
        let headers = [
            ("Authorization", "Basic \(credentials)"),
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("User-Agent", "backup-checker"),
            ("Accept", "application/json"),
        ]
        var attempt = 0
        while true {
            let failure: String
            switch once(body: body, headers: headers) {
            case .delivered:
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

    private enum Attempt {
        case delivered
        case refused(String)
        case retryable(String)
    }

    private func once(body: [UInt8], headers: [(String, String)]) -> Attempt {
        let response: HTTPResponse
        do {
            response = try http.send(method: "POST", path: "/api/v1/messages", headers: headers, body: body)
        } catch {
            return .retryable("cannot reach Zulip at \(settings.site): \(error)")
        }
        let json = JSONValue(parsing: response.body)
        if response.status == 200, json?["result"]?.stringValue == "success" { return .delivered }
        let reason = ZulipClient.explain(response, json: json)
        return response.status >= 500 ? .retryable(reason) : .refused(reason)
    }

    static func explain(_ response: HTTPResponse, json: JSONValue?) -> String {
        var text = "\(settings(response.status)) HTTP \(response.status)"
        if let message = json?["msg"]?.stringValue { text += ": \(message.prefix(300))" }
        if let code = json?["code"]?.stringValue { text += " (\(code.prefix(60)))" }
        if json == nil { text += " with a body that is not JSON" }
        return text
    }

    private static func settings(_ status: Int) -> String {
        status >= 500 ? "Zulip failed with" : "Zulip refused the message with"
    }

    static func pause(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
