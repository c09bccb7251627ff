/// Zulip's API as the checker uses it: post a message to a channel, ask who the bot is, and
/// learn the longest message the server keeps. HTTP basic auth with the bot's e-mail and API
/// key; https verified, host name included; never plain http beyond loopback.
/// https://zulip.com/api/send-message
public struct ZulipClient: Sendable {
    /// The length Zulip cuts messages at unless its administrator changed it.
    public static let defaultMaxMessageLength = 10_000

    public var destination: ZulipDestination
    public var retry: RetryPolicy
    /// The calling program's name and version for the User-Agent header; nil for none.
    public var userAgent: String?

    public init(destination: ZulipDestination, retry: RetryPolicy = RetryPolicy(), userAgent: String? = nil) {
        self.destination = destination
        self.retry = retry
        self.userAgent = userAgent
    }

    private var request: ServiceRequest {
        ServiceRequest(service: "Zulip", client: HTTPClient(site: destination.site, timeout: destination.timeout,
                                                             caFile: destination.caFile,
                                                             extraCAFile: destination.extraCAFile, userAgent: userAgent))
    }

    var headers: [(name: String, value: String)] {
        [BasicCredentials(user: destination.email, password: destination.apiKey).header, ("Accept", "application/json")]
    }

    /// Posts `content` to the channel and topic, retrying only when Zulip cannot have taken it.
    public func post(content: String) throws(DeliveryError) {
        let body = FormEncoding.encode([
            ("type", "stream"), ("to", destination.channel), ("topic", destination.topic), ("content", content),
        ])
        let request = HTTPRequest(method: "POST", path: "/api/v1/messages",
                                  headers: headers + [("Content-Type", "application/x-www-form-urlencoded")], body: body)
        _ = try retry.run { () throws(DeliveryError) in try call(request) }
    }

    /// The bot's own profile (`GET /api/v1/users/me`): checks the site and the credentials
    /// without posting anything.
    public func me() throws(DeliveryError) -> ZulipBot {
        let answer = try call(HTTPRequest(method: "GET", path: "/api/v1/users/me", headers: headers))
        return ZulipBot(fullName: answer["full_name"]?.stringValue ?? "?", email: answer["email"]?.stringValue ?? destination.email)
    }

    /// The server's `max_message_length` (in Unicode code points), from `POST /api/v1/register`
    /// asking for the realm's state only; the event queue that call makes is deleted again.
    public func maxMessageLength() throws(DeliveryError) -> Int {
        let body = FormEncoding.encode([("event_types", "[\"realm\"]"), ("fetch_event_types", "[\"realm\"]")])
        let answer = try call(HTTPRequest(method: "POST", path: "/api/v1/register",
                                          headers: headers + [("Content-Type", "application/x-www-form-urlencoded")],
                                          body: body))
        if let queue = answer["queue_id"]?.stringValue {
            let query = String(decoding: FormEncoding.encode([("queue_id", queue)]), as: UTF8.self)
            _ = try? call(HTTPRequest(method: "DELETE", path: "/api/v1/events?" + query, headers: headers))
        }
        guard let length = answer["max_message_length"]?.integerValue, length > 0, length <= Int64(Int32.max) else {
            throw request.failure(.unexpectedAnswer(status: 200, detail: "no max_message_length in its answer"))
        }
        return Int(length)
    }

    /// One request; success is HTTP 200 with `"result": "success"`, anything else an error
    /// that carries Zulip's `msg` and `code`.
    func call(_ http: HTTPRequest) throws(DeliveryError) -> JSONValue {
        let response = try request.send(http, carriesCredential: true)
        let json = JSONValue(parsing: response.body)
        if response.status == 200, let json, json["result"]?.stringValue == "success" { return json }
        if (200..<300).contains(response.status) {
            let detail = json == nil ? "a body that is not JSON" : "a result that is not \"success\""
            throw request.failure(.unexpectedAnswer(status: response.status, detail: detail))
        }
        let retryAfter = response.retryAfterSeconds ?? json?["retry-after"].flatMap(ZulipClient.seconds)
        throw request.failure(.rejected(status: response.status, message: json?["msg"]?.stringValue,
                                        code: json?["code"]?.stringValue, retryAfter: retryAfter))
    }

    private static func seconds(_ value: JSONValue) -> Double? {
        switch value {
        case let .number(number): return number
        case let .integer(number): return Double(number)
        default: return nil
        }
    }
}
