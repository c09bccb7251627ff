import Transport

/// Posts to a Mattermost incoming webhook: `POST {site}/hooks/{token}` with JSON `text` (the
/// report in a code block), and `channel` and `username` when the URL names them, once per
/// channel. Mattermost answers 200 `ok`, or JSON `{"id", "message", "status_code"}`.
/// https://developers.mattermost.com/integrate/webhooks/incoming/
package struct MattermostClient: SiteDestination {
    package let url: MattermostURL
    let service: ServiceSite

    package init(url: MattermostURL, options: DestinationOptions) {
        self.url = url
        service = ServiceSite("Mattermost", at: url.site, options, pathIsSecret: true)
    }

    package var messageLimit: MessageLimit? { .characters(16_383) }
    package func size(of text: String) -> Int { CodeFence.wrap(text).codePointCount }

    package func send(_ message: NotifyMessage) throws(DeliveryError) {
        let path = "/hooks/" + PathEncoding.segment(url.token.reveal())
        for http in IncomingWebhook.posts(path: path, text: message.text, channels: url.channels, botname: url.botname) {
            _ = try service.options.retry.run { () throws(DeliveryError) in
                try service.request.call(http, carriesCredential: true) { json in
                    ServiceComplaint(message: json["message"]?.stringValue, code: json["id"]?.stringValue)
                }
            }
        }
    }

    /// A webhook cannot be asked anything without posting: the connection is tried.
    package func check() throws(DeliveryError) -> String {
        try service.probe(carriesCredential: true, "a webhook")
    }
}
