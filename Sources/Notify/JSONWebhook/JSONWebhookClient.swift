import Transport

/// Posts apprise's JSON document to a webhook: `{"version": "1.0", "title", "message",
/// "attachments": [], "type"}` with HTTP basic auth when the URL has a user. Any 2xx answer
/// is success (apprise's rule). No limit on a message's size.
package struct JSONWebhookClient: Destination {
    package let url: JSONWebhookURL
    let options: DestinationOptions

    package init(url: JSONWebhookURL, options: DestinationOptions) {
        self.url = url
        self.options = options
    }

    package var name: String { "JSON webhook (\(url.site.host))" }
    package var messageLimit: MessageLimit? { nil }
    package func size(of text: String) -> Int { text.utf8.count }

    private var request: ServiceRequest {
        ServiceRequest(service: "the JSON webhook", client: options.httpClient(for: url.site), pathIsSecret: true)
    }

    private var carriesCredential: Bool { url.user != nil || url.password != nil }

    package func send(_ message: NotifyMessage) throws(DeliveryError) {
        let document = JSONValue.object([
            ("version", .string("1.0")), ("title", .string(message.title)), ("message", .string(message.text)),
            ("attachments", .array([])), ("type", .string(message.severity.rawValue)),
        ])
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if carriesCredential {
            let credentials = Array("\(url.user ?? ""):\(url.password?.reveal() ?? "")".utf8)
            headers.append(("Authorization", "Basic " + Base64.encode(credentials)))
        }
        let http = HTTPRequest(method: "POST", path: url.site.path.isEmpty ? "/" : "", headers: headers, body: Array(document.serialized.utf8))
        try options.retry.run { () throws(DeliveryError) in
            try request.expectSuccess(http, carriesCredential: carriesCredential)
        }
    }

    /// A webhook cannot be asked anything without posting: only the connection is tried.
    package func check() throws(DeliveryError) -> String {
        try request.probe(carriesCredential: carriesCredential)
        return "\(url.site.origin) reachable (a webhook cannot be checked without posting: only the connection was tried)"
    }
}
