import Transport

/// `zulip://botname@organization/token/stream[/topic]`: Zulip as the zulip_* settings reach
/// it. The organization is a host name (`zulip.example.org`) or a bare organization
/// (`acme` is acme.zulipchat.com); the bot's e-mail is derived from both as for
/// zulip_bot_name. Without a topic the message's title is the topic, as in apprise (which
/// reads a second path segment as another stream: here it is the topic).
/// https://zulip.com/api/send-message
public struct ZulipURL: Sendable, Equatable {
    static let service = "Zulip"
    package var botname: String
    package var organization: String
    /// The site and the bot's e-mail, derived as for zulip_organization and zulip_bot_name.
    package var site: SiteURL
    package var email: String
    package var token: Secret
    package var stream: String
    package var topic: String?

    init(_ url: AppriseURL) throws(DestinationURLError) {
        let service = ZulipURL.service
        guard let botname = url.user, !url.host.isEmpty else {
            throw .malformed(service: service, .noZulipBot)
        }
        var segments = url.path
        let token = url.option("token") ?? (segments.isEmpty ? nil : segments.removeFirst())
        guard let token, !token.isEmpty else { throw .malformed(service: service, .noZulipKey) }
        guard let stream = url.option("to") ?? segments.first else {
            throw .malformed(service: service, .noZulipStream)
        }
        let organization = url.host + (url.port.map { ":\($0)" } ?? "")
        guard let site = ZulipDestination.site(ofOrganization: organization) else {
            throw .malformed(service: service, .badZulipOrganization)
        }
        self.botname = botname
        self.organization = organization
        self.site = site
        email = ZulipDestination.botEmail(name: botname, host: site.host)
        self.token = Secret(token)
        self.stream = stream
        topic = url.option("topic") ?? (segments.count > 1 ? segments[1] : nil)
    }
}
