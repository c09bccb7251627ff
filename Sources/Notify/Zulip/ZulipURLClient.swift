/// A `zulip://` entry of notify_urls: the Zulip client with the URL's bot, key, stream and
/// topic (the title when the URL names none).
package struct ZulipURLClient: SiteDestination {
    package let url: ZulipURL
    let service: ServiceSite

    package init(url: ZulipURL, options: DestinationOptions) {
        self.url = url
        service = ServiceSite("Zulip", at: url.site, options)
    }

    private func client(topic: String) -> ZulipClient {
        ZulipClient(destination: ZulipDestination(
            site: url.site, email: url.email, apiKey: url.token, channel: url.stream, topic: topic,
            caFile: service.options.systemCAFile, extraCAFile: service.options.extraCAFile, timeout: service.options.timeout),
            retry: service.options.retry, userAgent: service.options.userAgent)
    }

    /// The Zulip client for this entry's bot and stream, for checks that post nothing.
    package var client: ZulipClient { client(topic: url.topic ?? "") }

    package var messageLimit: MessageLimit? { .characters(ZulipClient.defaultMaxMessageLength) }
    package func size(of text: String) -> Int { CodeFence.wrap(text).codePointCount }

    package func send(_ message: NotifyMessage) throws(DeliveryError) {
        try client(topic: url.topic ?? message.title).post(content: CodeFence.wrap(message.text))
    }

    /// The bot's profile, as for zulip_*: checks the key without posting.
    package func check() throws(DeliveryError) -> String {
        let bot = try client.me()
        return "bot \(bot.fullName.prefix(80)) <\(bot.email.prefix(100))>; messages go to \(url.stream.prefix(80)) (nothing posted)"
    }
}
