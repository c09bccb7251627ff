import TextRules

/// A notify_urls entry, read: which service and everything its client needs. Parsed as
/// apprise parses the same URL (scheme, user, password, host, port, path and query), then by
/// the service's own rules; a URL that carries a credential over plain text to a host beyond
/// loopback is refused here, before anything connects.
public enum DestinationURL: Sendable, Equatable {
    case email(MailtoURL)
    case slack(SlackURL)
    case mattermost(MattermostURL)
    case discord(DiscordURL)
    case telegram(TelegramURL)
    case matrix(MatrixURL)
    case ntfy(NtfyURL)
    case json(JSONWebhookURL)
    case zulip(ZulipURL)

    /// Reads one URL. The error never carries any part of it but the service's name.
    public static func parse(_ text: String) throws(DestinationURLError) -> DestinationURL {
        let url: AppriseURL
        do {
            url = try AppriseURL(TelegramURL.normalized(text))
        } catch {
            switch error {
            case .notAURL: throw .notAURL
            case .tooLong: throw .malformed(service: nil, .tooLong(limit: AppriseURL.maxLength))
            case .badPort: throw .malformed(service: nil, .badPort)
            case .twoAts: throw .malformed(service: nil, .twoAts)
            case .controlCharacter: throw .malformed(service: nil, .controlCharacter)
            case .badHost: throw .malformed(service: nil, .badHost)
            }
        }
        switch url.scheme {
        case "mailto", "mailtos": return .email(try MailtoURL(url))
        case "slack": return .slack(try SlackURL(url))
        case "mmost", "mmosts": return .mattermost(try MattermostURL(url))
        case "discord": return .discord(try DiscordURL(url))
        case "tgram": return .telegram(try TelegramURL(url))
        case "matrix", "matrixs": return .matrix(try MatrixURL(url))
        case "ntfy", "ntfys": return .ntfy(try NtfyURL(url))
        case "json", "jsons": return .json(try JSONWebhookURL(url))
        case "zulip": return .zulip(try ZulipURL(url))
        default: throw .unknownService(scheme: url.scheme)
        }
    }

    /// The service's name, for messages: "Slack".
    public var service: String {
        switch self {
        case .email: return "e-mail"
        case .slack: return SlackURL.service
        case .mattermost: return MattermostURL.service
        case .discord: return DiscordURL.service
        case .telegram: return TelegramURL.service
        case .matrix: return MatrixURL.service
        case .ntfy: return NtfyURL.service
        case .json: return JSONWebhookURL.service
        case .zulip: return ZulipURL.service
        }
    }

    /// The service by scheme, for naming an entry that could not be read: nil for a scheme
    /// no service has.
    public static func service(scheme: String) -> String? {
        switch scheme.lowercased() {
        case "mailto", "mailtos": return "e-mail"
        case "slack": return SlackURL.service
        case "mmost", "mmosts": return MattermostURL.service
        case "discord": return DiscordURL.service
        case "tgram": return TelegramURL.service
        case "matrix", "matrixs": return MatrixURL.service
        case "ntfy", "ntfys": return NtfyURL.service
        case "json", "jsons": return JSONWebhookURL.service
        case "zulip": return ZulipURL.service
        default: return nil
        }
    }
}
