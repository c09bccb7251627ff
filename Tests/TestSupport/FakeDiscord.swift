import Foundation

/// Discord's webhooks as documented (https://discord.com/developers/docs/resources/webhook):
/// `POST /api/webhooks/{id}/{token}?wait=true` with JSON `content` (at most 2,000 characters)
/// answers 200 with the message; `GET` the same path answers the webhook; a wrong token 401
/// `{"message": "Invalid Webhook Token", "code": 50027}`, an unknown id 404 `{"message":
/// "Unknown Webhook", "code": 10015}`, content too long 400 with code 50035. `rateLimited`
/// answers Discord's 429 `{"message": "You are being rate limited.", "retry_after": …, "global": false}`.
package enum FakeDiscord {
    package static let id = "1234567890123"
    package static let token = "wEbHoOkSecretToken_abc-123"
    package static var path: String { "/api/webhooks/\(id)/\(token)" }

    package static func rateLimited(retryAfter: Double) -> FakeService.Behavior {
        .respond(429, [("Content-Type", "application/json"), ("X-RateLimit-Scope", "user")],
                 FakeService.json(["message": "You are being rate limited.", "retry_after": retryAfter, "global": false]))
    }

    package static func make(script: [FakeService.Behavior] = [.service], tls: TLSMaterial? = nil) throws -> FakeService {
        try FakeService(script: script, tls: tls) { request in
            let json = [("Content-Type", "application/json")]
            let path = request.path.split(separator: "?").first.map(String.init) ?? ""
            let parts = path.split(separator: "/").map(String.init)
            guard parts.count == 4, parts[0] == "api", parts[1] == "webhooks", parts[2] == id else {
                return (404, json, FakeService.json(["message": "Unknown Webhook", "code": 10015]))
            }
            guard parts[3] == token else { return (401, json, FakeService.json(["message": "Invalid Webhook Token", "code": 50027])) }
            let webhook: [String: Any] = ["id": id, "type": 1, "name": "backups", "channel_id": "987654321", "guild_id": "192837465"]
            switch request.method {
            case "GET":
                return (200, json, FakeService.json(webhook))
            case "POST":
                guard let body = FakeService.body(request), let content = body["content"] as? String, !content.isEmpty else {
                    return (400, json, FakeService.json(["message": "Cannot send an empty message", "code": 50006]))
                }
                guard content.count <= 2_000 else {
                    return (400, json, FakeService.json(["message": "Invalid Form Body", "code": 50035,
                                                         "errors": ["content": ["_errors": [["code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."]]]]]))
                }
                return (200, json, FakeService.json(["id": "1111", "type": 0, "content": content, "channel_id": "987654321", "webhook_id": id]))
            default:
                return (405, json, FakeService.json(["message": "405: Method Not Allowed", "code": 0]))
            }
        }
    }
}
