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
            case .tooLong: throw .malformed(service: nil, reason: "it is longer than \(AppriseURL.maxLength) bytes")
            case .badPort: throw .malformed(service: nil, reason: "its port is not a number from 1 to 65535")
            case .twoAts: throw .malformed(service: nil, reason: "it has more than one @ before the host (write an @ in a user name as %40)")
            case .controlCharacter: throw .malformed(service: nil, reason: "it contains a control character")
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

/// Why a notify_urls entry cannot be used. No case carries any part of the URL but its
/// scheme (a plain word) and, for a refused plain-text credential, the host.
public enum DestinationURLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not `scheme://…`.
    case notAURL
    /// A scheme no service here has.
    case unknownService(scheme: String)
    /// The service's form is not followed; `reason` says what is wrong, never with a value.
    case malformed(service: String?, reason: String)
    /// A credential would cross a network unencrypted.
    case credentialOverPlainText(service: String, host: String)

    public var description: String {
        switch self {
        case .notAURL:
            return "is not a URL (scheme://…)"
        case let .unknownService(scheme):
            let shown = scheme.isASCIIWord() ? "\"\(scheme)://\"" : "its scheme"
            return "\(shown) is not a service the checker can tell (mailto, mailtos, slack, mmost, mmosts, discord, tgram, matrix, matrixs, ntfy, ntfys, json, jsons, zulip)"
        case let .malformed(_, reason):
            return reason
        case let .credentialOverPlainText(service, host):
            return "would send its credential to \(service) at \(host) unencrypted; use the secure form of the URL (plain text only to a loopback address)"
        }
    }
}
