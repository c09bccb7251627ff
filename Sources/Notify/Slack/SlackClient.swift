import Transport

/// Posts to a Slack incoming webhook: `POST {base}/services/A/B/C` with JSON `text` (the report
/// in a code block), once per channel when channels are named. Slack answers 200 `ok`, or an
/// error code as text (`invalid_token`, `channel_not_found`, `invalid_payload`, …).
/// https://api.slack.com/messaging/webhooks#handling_errors
package struct SlackClient: SiteDestination {
    /// Where Slack's webhooks are; a parameter only so that tests can point at loopback.
    package static let defaultBase = SiteURL(isTLS: true, host: "hooks.slack.com")

    package let url: SlackURL
    let service: ServiceSite

    package init(url: SlackURL, options: DestinationOptions, base: SiteURL = SlackClient.defaultBase) {
        self.url = url
        service = ServiceSite("Slack", at: base, options, pathIsSecret: true)
    }

    package var messageLimit: MessageLimit? { .characters(40_000) }
    package func size(of text: String) -> Int { CodeFence.wrap(text).codePointCount }

    private var path: String {
        "/services/" + [url.tokenA, url.tokenB, url.tokenC].map { PathEncoding.segment($0.reveal()) }.joined(separator: "/")
    }

    package func send(_ message: NotifyMessage) throws(DeliveryError) {
        for http in IncomingWebhook.posts(path: path, text: message.text, channels: url.channels, botname: url.botname) {
            try service.options.retry.run { () throws(DeliveryError) in
                try service.request.expectSuccess(http, carriesCredential: true)
            }
        }
    }

    /// Slack's webhooks answer only posts: the connection and certificate are checked.
    package func check() throws(DeliveryError) -> String {
        try service.probe(carriesCredential: true, "Slack's webhooks")
    }
}
