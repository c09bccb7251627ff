extension DestinationURL {
    /// The client that tells this destination, or nil while this build has none for the
    /// service.
    public func destination(options: DestinationOptions) -> Destination? {
        switch self {
        case .email: return nil  // the SMTP client (Notify/Mail) plugs in here
        case let .json(url): return JSONWebhookClient(url: url, options: options)
        case .slack, .mattermost, .discord, .telegram, .matrix, .ntfy, .zulip: return nil
        }
    }
}
