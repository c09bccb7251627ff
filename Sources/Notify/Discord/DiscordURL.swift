import TextRules
import Transport

/// `discord://webhook_id/webhook_token`: a webhook, `POST
/// https://discord.com/api/webhooks/{id}/{token}`, as apprise reads it.
/// https://discord.com/developers/docs/resources/webhook#execute-webhook
public struct DiscordURL: Sendable, Equatable {
    static let service = "Discord"
    package var webhookID: String
    package var token: Secret
    package var botname: String?

    init(_ url: AppriseURL) throws(DestinationURLError) {
        let service = DiscordURL.service
        guard !url.host.isEmpty, let token = url.path.first else {
            throw .malformed(service: service, .noDiscordWebhook)
        }
        guard url.host.isASCIIWord(), token.isASCIIWord(allowing: "-_") else {
            throw .malformed(service: service, .badDiscordWebhook)
        }
        webhookID = url.host
        self.token = Secret(token)
        botname = url.option("botname") ?? url.user
    }
}
