import Foundation

/// Slack's incoming webhooks as documented (https://api.slack.com/messaging/webhooks#handling_errors):
/// `POST /services/T…/B…/X…` with JSON `text` answers 200 "ok"; a wrong token 403
/// "invalid_token"; a body without text 400 "no_text" (not JSON: 400 "invalid_payload"); a
/// channel it cannot post to 404 "channel_not_found"; an archived one 410 "channel_is_archived".
package enum FakeSlack {
    package static let tokens = ("T0001AAAA", "B0002BBBB", "XXXXsecretXXXXtoken0003")
    package static var path: String { "/services/\(tokens.0)/\(tokens.1)/\(tokens.2)" }
    package static var appriseURL: String { "slack://\(tokens.0)/\(tokens.1)/\(tokens.2)" }

    package static func make(script: [FakeService.Behavior] = [.service], tls: TLSMaterial? = nil) throws -> FakeService {
        try FakeService(script: script, tls: tls) { request in
            let text: FakeService.Answer = (200, [("Content-Type", "text/html")], "ok")
            guard request.method == "POST", request.path.hasPrefix("/services/") else {
                return (404, [("Content-Type", "text/html")], "no_service")
            }
            guard request.path == path else { return (403, [("Content-Type", "text/html")], "invalid_token") }
            guard let body = FakeService.body(request) else { return (400, [("Content-Type", "text/html")], "invalid_payload") }
            guard let message = body["text"] as? String, !message.isEmpty else { return (400, [("Content-Type", "text/html")], "no_text") }
            switch body["channel"] as? String {
            case "#archived": return (410, [("Content-Type", "text/html")], "channel_is_archived")
            case "#nowhere": return (404, [("Content-Type", "text/html")], "channel_not_found")
            default: return text
            }
        }
    }
}
