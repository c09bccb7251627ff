import Transport

/// Posts apprise's JSON document to a webhook: `{"version": "1.0", "title", "message",
/// "attachments": [], "type"}` with HTTP basic auth when the URL has a user. Any 2xx answer
/// is success (apprise's rule). No limit on a message's size.
package struct JSONWebhookClient: SiteDestination {
    package let url: JSONWebhookURL
    let service: ServiceSite

    package init(url: JSONWebhookURL, options: DestinationOptions) {
        self.url = url
        service = ServiceSite("the JSON webhook", at: url.site, options, title: "JSON webhook", pathIsSecret: true)
    }

    package var messageLimit: MessageLimit? { nil }
    package func size(of text: String) -> Int { text.utf8.count }

    /// The URL's user part, for HTTP basic auth; nil when it has none.
    private var credentials: BasicCredentials? {
        guard url.user != nil || url.password != nil else { return nil }
        return BasicCredentials(user: url.user ?? "", password: url.password ?? Secret(""))
    }

    private var carriesCredential: Bool { credentials != nil }

    package func send(_ message: NotifyMessage) throws(DeliveryError) {
        let document = JSONValue.object([
            ("version", .string("1.0")), ("title", .string(message.title)), ("message", .string(message.text)),
            ("attachments", .array([])), ("type", .string(message.severity.rawValue)),
        ])
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if let credentials { headers.append(credentials.header) }
        let http = HTTPRequest(method: "POST", path: url.site.path.isEmpty ? "/" : "", headers: headers, body: Array(document.serialized.utf8))
        try service.options.retry.run { () throws(DeliveryError) in
            try service.request.expectSuccess(http, carriesCredential: carriesCredential)
        }
    }

    /// A webhook cannot be asked anything without posting: only the connection is tried.
    package func check() throws(DeliveryError) -> String {
        try service.probe(carriesCredential: carriesCredential, "a webhook")
    }
}
