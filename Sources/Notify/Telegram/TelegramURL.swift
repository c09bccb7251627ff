import TextRules
import Transport

/// `tgram://bottoken/chat_id[/chat_id…]`, the bot token written `123456789:ABC…` as BotFather
/// gives it: the Bot API's sendMessage to each chat, as apprise reads it. A chat id is
/// required (apprise would look for one in the bot's updates).
/// https://core.telegram.org/bots/api#sendmessage
public struct TelegramURL: Sendable, Equatable {
    static let service = "Telegram"
    /// `ID:TOKEN`, checked to hold digits, a colon, letters, digits, - and _ only (it goes
    /// into the request path as it is).
    package var botToken: Secret
    package var chats: [String]

    init(_ url: AppriseURL) throws(DestinationURLError) {
        let service = TelegramURL.service
        guard url.host.isASCIIWord(), url.host.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let second = url.path.first,
              second.isASCIIWord(allowing: "-_") else {
            throw .malformed(service: service, .noTelegramToken)
        }
        botToken = Secret(url.host + ":" + second)
        chats = Array(url.path.dropFirst()) + url.list("to")
        guard !chats.isEmpty else {
            throw .malformed(service: service, .noTelegramChat)
        }
        for chat in chats where !chat.isASCIIWord(allowing: "-_@") {
            throw .malformed(service: service, .badTelegramChat)
        }
    }

    /// apprise's reading of `tgram://[bot]ID:TOKEN/…`: the colon between the token's halves
    /// becomes a slash, so that the generic parser sees `tgram://ID/TOKEN/…`.
    static func normalized(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.lowercased().hasPrefix("tgram://") else { return text }
        var rest = trimmed.dropFirst("tgram://".count)
        if rest.lowercased().hasPrefix("bot") { rest = rest.dropFirst(3) }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        let after = rest.dropFirst(digits.count)
        guard !digits.isEmpty else { return text }
        if after.hasPrefix(":") { return "tgram://\(digits)/" + after.dropFirst() }
        if after.lowercased().hasPrefix("%3a") { return "tgram://\(digits)/" + after.dropFirst(3) }
        return text
    }
}
