extension DestinationURL {
    /// The client that tells this destination, or nil while this build has none for the
    /// service.
    public func destination(options: DestinationOptions) -> Destination? {
        switch self {
        case let .email(url): return MailClient(url: url, options: options)
        case let .slack(url): return SlackClient(url: url, options: options)
        case let .mattermost(url): return MattermostClient(url: url, options: options)
        case let .discord(url): return DiscordClient(url: url, options: options)
        case let .telegram(url): return TelegramClient(url: url, options: options)
        case let .matrix(url): return MatrixClient(url: url, options: options)
        case let .ntfy(url): return NtfyClient(url: url, options: options)
        case let .json(url): return JSONWebhookClient(url: url, options: options)
        case let .zulip(url): return ZulipURLClient(url: url, options: options)
        }
    }
}
