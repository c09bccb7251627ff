import Transport

/// Publishes to ntfy as JSON, as apprise does: `POST {server}/` with `topic`, `title` and
/// `message` (plain text: a phone shows it as it is), `X-Priority` and `X-Tags` when the URL
/// sets them, and the login as HTTP basic auth or a Bearer token. ntfy answers 200 with the
/// message as JSON, or `{"code", "http", "error"}` (429 when a rate limit is hit). A message
/// holds 4,096 bytes (ntfy turns a longer one into an attachment).
/// https://docs.ntfy.sh/publish/#publish-as-json
package struct NtfyClient: SiteDestination {
    package static let defaultBase = SiteURL(isTLS: true, host: "ntfy.sh")

    package let url: NtfyURL
    let service: ServiceSite

    /// `cloudBase` is ntfy.sh's address, used when the URL names no server of its own.
    package init(url: NtfyURL, options: DestinationOptions, cloudBase: SiteURL = NtfyClient.defaultBase) {
        self.url = url
        let site = url.site ?? cloudBase
        service = ServiceSite("ntfy", at: SiteURL(isTLS: site.isTLS, host: site.host, port: site.port), options)
    }

    package var messageLimit: MessageLimit? { .bytes(4_096) }
    package func size(of text: String) -> Int { text.utf8.count }

    private var carriesCredential: Bool { url.auth != .none }

    private var headers: [(name: String, value: String)] {
        var extra: [(name: String, value: String)] = []
        switch url.auth {
        case .none: break
        case let .basic(user, password):
            extra.append(BasicCredentials(user: user, password: password).header)
        case let .token(token):
            extra.append(("Authorization", "Bearer " + token.reveal()))
        }
        if let priority = url.priority { extra.append(("X-Priority", priority)) }
        if !url.tags.isEmpty { extra.append(("X-Tags", url.tags.joined(separator: ","))) }
        return ServiceRequest.jsonHeaders(extra)
    }

    package func send(_ message: NotifyMessage) throws(DeliveryError) {
        for topic in url.topics {
            let document = JSONValue.object([("topic", .string(topic)), ("title", .string(message.title)),
                                             ("message", .string(message.text))])
            let http = HTTPRequest(method: "POST", path: "/", headers: headers, body: Array(document.serialized.utf8))
            _ = try service.options.retry.run { () throws(DeliveryError) in
                try service.request.call(http, carriesCredential: carriesCredential) { json in
                    ServiceComplaint(message: json["error"]?.stringValue, code: json["code"]?.integerValue.map(String.init))
                }
            }
        }
    }

    /// Reading a topic would count against nothing, but publishing is all a login may be
    /// allowed; the server's health endpoint and the connection are checked.
    package func check() throws(DeliveryError) -> String {
        let answer = try service.request.call(HTTPRequest(method: "GET", path: "/v1/health", headers: ServiceRequest.jsonHeaders()),
                                      carriesCredential: false) { json in
            ServiceComplaint(message: json["error"]?.stringValue, code: json["code"]?.integerValue.map(String.init))
        }
        let healthy = answer.json?["healthy"] == .bool(true)
        return "\(service.site.origin) \(healthy ? "healthy" : "answered") (topics cannot be checked without publishing: \(url.topics.count) topic(s) not tried)"
    }
}
