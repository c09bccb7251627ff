import TextRules
import Transport

/// `slack://[botname@]TokenA/TokenB/TokenC[/#channel…][?to=…]`: an incoming webhook
/// (https://hooks.slack.com/services/TokenA/TokenB/TokenC), as apprise reads it. Channels are
/// `#name`, `@user` or `+ID`; a bare name is a channel. Slack's bot tokens (`xoxb-…`) are not
/// supported: the checker posts only through webhooks.
/// https://api.slack.com/messaging/webhooks
public struct SlackURL: Sendable, Equatable {
    static let service = "Slack"
    package var tokenA: Secret
    package var tokenB: Secret
    package var tokenC: Secret
    /// Where each message goes, as Slack's `channel` field takes it; empty for the webhook's own.
    package var channels: [String]
    package var botname: String?

    init(_ url: AppriseURL) throws(DestinationURLError) {
        let service = SlackURL.service
        let segments = [url.host] + url.path
        guard let first = segments.first, !first.isEmpty else { throw .malformed(service: service, .noSlackTokens) }
        if first.hasPrefix("xo") {
            throw .malformed(service: service, .slackBotToken)
        }
        guard segments.count >= 3 else {
            throw .malformed(service: service, .slackTokenCount)
        }
        for token in segments.prefix(3) where !token.isASCIIWord(allowing: "-_") {
            throw .malformed(service: service, .badSlackToken)
        }
        tokenA = Secret(segments[0])
        tokenB = Secret(segments[1])
        tokenC = Secret(segments[2])
        channels = (segments.dropFirst(3) + url.list("to")).map(SlackURL.channel)
        botname = url.user
    }

    /// A target as Slack's `channel` field takes it, as apprise sends it: `#name` and `@user`
    /// as written, `+ID` as the ID, a bare name as `#name`.
    static func channel(_ target: String) -> String {
        if target.hasPrefix("#") || target.hasPrefix("@") { return target }
        if target.hasPrefix("+") { return String(target.dropFirst()) }
        return "#" + target
    }
}
