import Foundation

/// Telegram's Bot API as documented (https://core.telegram.org/bots/api): `POST
/// /bot{token}/{method}` with JSON; answers `{"ok": true, "result": …}` or `{"ok": false,
/// "error_code", "description"}`: a wrong token 401 "Unauthorized", an unknown chat 400 "Bad
/// Request: chat not found", text over 4,096 characters 400 "Bad Request: message is too
/// long". `floodLimited` answers 429 with `parameters.retry_after`.
package enum FakeTelegram {
    package static let token = "123456789:AAHsecretBotTokenXyz_0123456789abcd"
    package static let chat: Int64 = -1001234567890

    package static func floodLimited(retryAfter: Int) -> FakeService.Behavior {
        .respond(429, [("Content-Type", "application/json")], FakeService.json([
            "ok": false, "error_code": 429, "description": "Too Many Requests: retry after \(retryAfter)",
            "parameters": ["retry_after": retryAfter]]))
    }

    static func failure(_ code: Int, _ description: String) -> FakeService.Answer {
        (code, [("Content-Type", "application/json")], FakeService.json(["ok": false, "error_code": code, "description": description]))
    }

    package static func make(script: [FakeService.Behavior] = [.service], tls: TLSMaterial? = nil) throws -> FakeService {
        try FakeService(script: script, tls: tls) { request in
            let json = [("Content-Type", "application/json")]
            let parts = request.path.split(separator: "/").map(String.init)
            guard parts.count == 2, parts[0].hasPrefix("bot") else { return failure(404, "Not Found") }
            guard parts[0] == "bot" + token else { return failure(401, "Unauthorized") }
            let body = FakeService.body(request) ?? [:]
            let chatID = (body["chat_id"] as? NSNumber)?.int64Value
            func ok(_ result: Any) -> FakeService.Answer { (200, json, FakeService.json(["ok": true, "result": result])) }
            switch parts[1] {
            case "getMe":
                return ok(["id": 123456789, "is_bot": true, "first_name": "Backups", "username": "backup_check_bot"])
            case "getChat":
                guard chatID == chat else { return failure(400, "Bad Request: chat not found") }
                return ok(["id": chat, "type": "supergroup", "title": "Ops"])
            case "sendMessage":
                guard chatID == chat else { return failure(400, "Bad Request: chat not found") }
                guard let text = body["text"] as? String, !text.isEmpty else { return failure(400, "Bad Request: message text is empty") }
                if body["parse_mode"] as? String == "HTML", !text.hasPrefix("<pre>") || !text.hasSuffix("</pre>") {
                    return failure(400, "Bad Request: can't parse entities")
                }
                let visible = text.replacingOccurrences(of: "<pre>", with: "").replacingOccurrences(of: "</pre>", with: "")
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&amp;", with: "&")
                guard visible.utf16.count <= 4_096 else { return failure(400, "Bad Request: message is too long") }
                return ok(["message_id": 7, "chat": ["id": chat, "type": "supergroup"], "date": 1_729_252_800, "text": visible])
            default:
                return failure(404, "Not Found: method not found")
            }
        }
    }
}
