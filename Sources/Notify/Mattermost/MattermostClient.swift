import Transport

/// Posts to a Mattermost incoming webhook: `POST {site}/hooks/{token}` with JSON `text` (the
/// report in a code block), and `channel` and `username` when the URL names them, once per
/// channel. Mattermost answers 200 `ok`, or JSON `{"id", "message", "status_code"}`.
/// https://developers.mattermost.com/integrate/webhooks/incoming/
package struct MattermostClient: Destination {
    package let url: MattermostURL
    let options: DestinationOptions

    package init(url: MattermostURL, options: DestinationOptions) {
        self.url = url
        self.options = options
    }

    package var name: String { "Mattermost (\(url.site.host))" }
    package var messageLimit: MessageLimit? { .characters(16_383) }
    package func size(of text: String) -> Int { CodeFence.wrap(text).codePointCount }

    private var request: ServiceRequest {
        ServiceRequest(service: "Mattermost", client: options.httpClient(for: url.site), pathIsSecret: true)
    }

    package func send(_ message: NotifyMessage) throws(DeliveryError) {
        for channel in url.channels.isEmpty ? [nil] : url.channels.map(Optional.some) {
            var fields: [(String, JSONValue)] = [("text", .string(CodeFence.wrap(message.text)))]
            if let channel { fields.append(("channel", .string(channel))) }
            if let botname = url.botname { fields.append(("username", .string(botname))) }
            let http = HTTPRequest(method: "POST", path: "/hooks/" + PathEncoding.segment(url.token.reveal()),
                                   headers: ServiceRequest.jsonHeaders(), body: Array(JSONValue.object(fields).serialized.utf8))
            _ = try options.retry.run { () throws(DeliveryError) in
                try request.call(http, carriesCredential: true) { json in
                    ServiceComplaint(message: json["message"]?.stringValue, code: json["id"]?.stringValue)
                }
            }
        }
    }

    /// A webhook cannot be asked anything without posting: the connection is tried.
    package func check() throws(DeliveryError) -> String {
        try request.probe(carriesCredential: true)
        return "\(url.site.origin) reachable (a webhook cannot be checked without posting: only the connection was tried)"
    }
}
