import Foundation

/// Mattermost's incoming webhooks as documented
/// (https://developers.mattermost.com/integrate/webhooks/incoming/): `POST /hooks/{token}` with
/// JSON `text` answers 200 "ok"; an unknown token 400 with its JSON error (`{"id":
/// "web.incoming_webhook.invalid.app_error", "message": "Invalid webhook.", …}`); no text 400
/// `web.incoming_webhook.text.app_error`.
package enum FakeMattermost {
    package static let token = "xr3j5x3p4pfk7xsecret8ytmjzc"

    static func error(_ id: String, _ message: String) -> FakeService.Answer {
        (400, [("Content-Type", "application/json")],
         FakeService.json(["id": id, "message": message, "detailed_error": "", "request_id": "c7yq3", "status_code": 400]))
    }

    package static func make(script: [FakeService.Behavior] = [.service], tls: TLSMaterial? = nil) throws -> FakeService {
        try FakeService(script: script, tls: tls) { request in
            guard request.method == "POST", request.path.hasPrefix("/hooks/") else {
                return (404, [("Content-Type", "application/json")], FakeService.json(["id": "api.context.404.app_error", "message": "Sorry, we could not find the page.", "status_code": 404]))
            }
            guard request.path == "/hooks/\(token)" else { return error("web.incoming_webhook.invalid.app_error", "Invalid webhook.") }
            guard let body = FakeService.body(request), let text = body["text"] as? String, !text.isEmpty else {
                return error("web.incoming_webhook.text.app_error", "No text specified.")
            }
            return (200, [("Content-Type", "text/plain")], "ok")
        }
    }
}
