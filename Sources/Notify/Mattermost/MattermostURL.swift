import Transport

/// `mmost://[botname@]host[:port][/prefix…]/token[?channel=…]` (http) and `mmosts://…`
/// (https): an incoming webhook, `POST {site}{prefix}/hooks/{token}`, as apprise reads it. The
/// token is a credential: plain `mmost://` only to a loopback host.
/// https://developers.mattermost.com/integrate/webhooks/incoming/
public struct MattermostURL: Sendable, Equatable {
    static let service = "Mattermost"
    /// The server and any path prefix before `/hooks/`.
    package var site: SiteURL
    package var token: Secret
    package var channels: [String]
    package var botname: String?

    init(_ url: AppriseURL) throws(DestinationURLError) {
        let service = MattermostURL.service
        guard let token = url.path.last, !token.isEmpty else {
            throw .malformed(service: service, .noMattermostToken)
        }
        site = try url.site(service: service, prefix: url.path.dropLast())
        try AppriseURL.requireProtected(site, service: service)
        self.token = Secret(token)
        channels = url.list("to") + url.list("channel") + url.list("channels")
        botname = url.option("botname") ?? url.user
    }
}
