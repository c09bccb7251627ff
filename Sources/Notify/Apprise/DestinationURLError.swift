import TextRules

/// Why a notify_urls entry cannot be used. No case carries any part of the URL but its
/// scheme (a plain word) and, for a refused plain-text credential, the host.
public enum DestinationURLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not `scheme://…`.
    case notAURL
    /// A scheme no service here has.
    case unknownService(scheme: String)
    /// The service's form is not followed (`service` nil: not even the generic URL form);
    /// the problem says what is wrong, never with a value.
    case malformed(service: String?, Problem)
    /// A credential would cross a network unencrypted.
    case credentialOverPlainText(service: String, host: String)

    public var description: String {
        switch self {
        case .notAURL:
            return "is not a URL (scheme://…)"
        case let .unknownService(scheme):
            let shown = scheme.isASCIIWord() ? "\"\(scheme)://\"" : "its scheme"
            return "\(shown) is not a service the checker can tell (mailto, mailtos, slack, mmost, mmosts, discord, tgram, matrix, matrixs, ntfy, ntfys, json, jsons, zulip)"
        case let .malformed(_, problem):
            return problem.description
        case let .credentialOverPlainText(service, host):
            return "would send its credential to \(service) at \(host) unencrypted; use the secure form of the URL (plain text only to a loopback address)"
        }
    }

    /// What breaks a URL's form, one case per rule, so that callers and tests match the rule
    /// and the words are written once, here.
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        case tooLong(limit: Int)
        case badPort
        case twoAts
        case controlCharacter
        case noHost
        case badHost
        case noSlackTokens
        case slackBotToken
        case slackTokenCount
        case badSlackToken
        case noTopic
        case badTopic
        case methodNotPOST
        case noDiscordWebhook
        case badDiscordWebhook
        case noZulipBot
        case noZulipKey
        case noZulipStream
        case badZulipOrganization
        case noMatrixLogin
        case noMatrixRoom
        case badMatrixRoom
        case badMatrixMessageType
        case noMailHost
        case noRecipient
        case badMailMode
        case noTelegramToken
        case noTelegramChat
        case badTelegramChat
        case noMattermostToken

        public var description: String {
            switch self {
            case let .tooLong(limit): return "it is longer than \(limit) bytes"
            case .badPort: return "its port is not a number from 1 to 65535"
            case .twoAts: return "it has more than one @ before the host (write an @ in a user name as %40)"
            case .controlCharacter: return "it contains a control character"
            case .noHost: return "it names no host"
            case .badMailMode: return "its mode is none of ssl, starttls and insecure"
            case .badHost: return "its host is not a host name or an IP address"
            case .noSlackTokens: return "it names no webhook tokens"
            case .slackBotToken: return "a bot token (xoxb-…) is not supported; use an incoming webhook's URL (slack://TokenA/TokenB/TokenC)"
            case .slackTokenCount: return "it needs the webhook's three tokens (slack://TokenA/TokenB/TokenC)"
            case .badSlackToken: return "a webhook token holds letters, digits, - and _ only"
            case .noTopic: return "it names no topic (ntfy://topic or ntfys://host/topic)"
            case .badTopic: return "a topic holds up to 64 letters, digits, - and _"
            case .methodNotPOST: return "only method=POST is supported"
            case .noDiscordWebhook: return "it needs the webhook's id and token (discord://webhook_id/webhook_token)"
            case .badDiscordWebhook: return "a webhook id holds digits and a token letters, digits, - and _ only"
            case .noZulipBot: return "it needs the bot's name and the organization (zulip://botname@organization/token/stream)"
            case .noZulipKey: return "it names no API key (zulip://botname@organization/token/stream)"
            case .noZulipStream: return "it names no stream (zulip://botname@organization/token/stream/topic)"
            case .badZulipOrganization: return "its organization is not a host name (zulip.example.org) or an organization (acme)"
            case .noMatrixLogin: return "it needs a user and password, or an access token (matrixs://user:password@host/#room)"
            case .noMatrixRoom: return "it names no room (matrixs://user:password@host/#room)"
            case .badMatrixRoom: return "a room is #alias, !id or an alias, each with an optional :server (users as targets are not supported)"
            case .badMatrixMessageType: return "msgtype is text or notice"
            case .noMailHost: return "it names no mail server host (mailtos://user:password@host?to=…)"
            case .noRecipient: return "it names no recipient (?to=a@example.org)"
            case .noTelegramToken: return "it needs the bot's token (tgram://123456789:ABC…/chat_id)"
            case .noTelegramChat: return "it names no chat (tgram://bottoken/chat_id)"
            case .badTelegramChat: return "a chat is its numeric id or @channelname"
            case .noMattermostToken: return "it names no webhook token (mmosts://host/token)"
            }
        }
    }
}
