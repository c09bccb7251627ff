import Transport

/// Telegram's Bot API: `sendMessage` to each chat with the report as HTML `<pre>` (parse_mode
/// HTML, so nothing in it is read as Markdown). Answers are `{"ok": true, "result"}` or
/// `{"ok": false, "error_code", "description"}`; a flood limit is 429 with
/// `parameters.retry_after`, which the retry honours. Doctor calls getMe and getChat, which post
/// nothing. The bot token is in the path, so messages show only the origin.
/// https://core.telegram.org/bots/api
package struct TelegramClient: SiteDestination {
    package static let defaultBase = SiteURL(isTLS: true, host: "api.telegram.org")

    package let url: TelegramURL
    let service: ServiceSite

    package init(url: TelegramURL, options: DestinationOptions, base: SiteURL = TelegramClient.defaultBase) {
        self.url = url
        service = ServiceSite("Telegram", at: base, options, pathIsSecret: true)
    }

    /// 4,096 characters of text after the HTML is read; counted in UTF-16 units, as Telegram
    /// counts them (never fewer than code points).
    package var messageLimit: MessageLimit? { .characters(4_096) }
    package func size(of text: String) -> Int { text.utf16.count }

    private func method(_ name: String, _ fields: [(String, JSONValue)]) throws(DeliveryError) -> JSONValue? {
        let http = HTTPRequest(method: "POST", path: "/bot\(url.botToken.reveal())/\(name)",
                               headers: ServiceRequest.jsonHeaders(), body: Array(JSONValue.object(fields).serialized.utf8))
        let answer = try service.request.call(http, carriesCredential: true) { json in
            ServiceComplaint(message: json["description"]?.stringValue, code: nil,
                             retryAfter: json["parameters"]?["retry_after"]?.seconds)
        }
        guard answer.json?["ok"] == .bool(true) else {
            throw service.request.failure(.unexpectedAnswer(status: answer.status, detail: "an answer without \"ok\": true"))
        }
        return answer.json?["result"]
    }

    /// A chat id as the API takes it: a number, or "@channelname".
    private static func chat(_ id: String) -> JSONValue {
        Int64(id).map(JSONValue.integer) ?? .string(id)
    }

    package func send(_ message: NotifyMessage) throws(DeliveryError) {
        for chat in url.chats {
            let fields: [(String, JSONValue)] = [
                ("chat_id", TelegramClient.chat(chat)), ("text", .string("<pre>" + HTMLEscaping.escape(message.text) + "</pre>")),
                ("parse_mode", .string("HTML")), ("disable_web_page_preview", .bool(true)),
            ]
            _ = try service.options.retry.run { () throws(DeliveryError) in try method("sendMessage", fields) }
        }
    }

    /// getMe (the token) and getChat for each chat (the bot can see it), posting nothing.
    package func check() throws(DeliveryError) -> String {
        let me = try method("getMe", [])
        var found = "bot @\((me?["username"]?.stringValue ?? "?").prefix(64))"
        for chat in url.chats {
            let answer = try method("getChat", [("chat_id", TelegramClient.chat(chat))])
            let title = answer?["title"]?.stringValue ?? answer?["username"]?.stringValue ?? answer?["first_name"]?.stringValue ?? "?"
            found += "; chat \(chat.prefix(32)): \(answer?["type"]?.stringValue ?? "?") \"\(title.prefix(80))\""
        }
        return found + " (nothing posted)"
    }
}
