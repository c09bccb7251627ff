import Transport

/// Executes a Discord webhook: `POST {base}/api/webhooks/{id}/{token}?wait=true` with JSON
/// `content` (the report in a code block). Discord answers 200 with the message; errors are
/// JSON `{"message", "code"}`, and a rate limit is 429 with `retry_after` in seconds, which the
/// retry honours. Doctor reads the webhook (`GET`), which posts nothing.
/// https://discord.com/developers/docs/resources/webhook
package struct DiscordClient: SiteDestination {
    package static let defaultBase = SiteURL(isTLS: true, host: "discord.com")

    package let url: DiscordURL
    let service: ServiceSite

    package init(url: DiscordURL, options: DestinationOptions, base: SiteURL = DiscordClient.defaultBase) {
        self.url = url
        service = ServiceSite("Discord", at: base, options, pathIsSecret: true)
    }

    package var messageLimit: MessageLimit? { .characters(2_000) }
    package func size(of text: String) -> Int { CodeFence.wrap(text).codePointCount }

    private var path: String {
        "/api/webhooks/\(PathEncoding.segment(url.webhookID))/\(PathEncoding.segment(url.token.reveal()))"
    }

    private static func complaint(_ json: JSONValue) -> ServiceComplaint {
        ServiceComplaint(message: json["message"]?.stringValue, code: json["code"]?.integerValue.map(String.init),
                         retryAfter: json["retry_after"]?.seconds)
    }

    package func send(_ message: NotifyMessage) throws(DeliveryError) {
        var fields: [(String, JSONValue)] = [("content", .string(CodeFence.wrap(message.text)))]
        if let botname = url.botname { fields.append(("username", .string(botname))) }
        let http = HTTPRequest(method: "POST", path: path + "?wait=true", headers: ServiceRequest.jsonHeaders(),
                               body: Array(JSONValue.object(fields).serialized.utf8))
        _ = try service.options.retry.run { () throws(DeliveryError) in
            try service.request.call(http, carriesCredential: true, complaint: DiscordClient.complaint)
        }
    }

    /// `GET` the webhook: its name and channel, without posting.
    package func check() throws(DeliveryError) -> String {
        let answer = try service.request.call(HTTPRequest(method: "GET", path: path, headers: ServiceRequest.jsonHeaders()),
                                      carriesCredential: true, complaint: DiscordClient.complaint)
        let name = answer.json?["name"]?.stringValue ?? "?"
        let channel = answer.json?["channel_id"]?.stringValue ?? "?"
        return "webhook \"\(name.prefix(80))\" posts to channel \(channel.prefix(40)) (nothing posted)"
    }
}
