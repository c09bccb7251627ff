import Foundation

/// An ntfy server as documented (https://docs.ntfy.sh/publish/): `POST /` with JSON `topic`,
/// `title`, `message` publishes and answers the message as JSON; a login is HTTP basic or a
/// Bearer token, and when `requireLogin` a missing or wrong one is 401/403 with ntfy's JSON
/// error (`{"code": 40101, "http": 401, "error": "unauthorized"}`); a message over 4,096
/// bytes 413; `GET /v1/health` answers `{"healthy": true}`.
package enum FakeNtfy {
    package static let user = "phil"
    package static let password = "ntfy secret"
    package static let token = "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2"

    static func error(_ code: Int, _ http: Int, _ text: String) -> FakeService.Answer {
        (http, [("Content-Type", "application/json")], FakeService.json(["code": code, "http": http, "error": text]))
    }

    package static func make(requireLogin: Bool = false, script: [FakeService.Behavior] = [.service],
                            tls: TLSMaterial? = nil) throws -> FakeService {
        try FakeService(script: script, tls: tls) { request in
            if request.method == "GET" && request.path == "/v1/health" {
                return (200, [("Content-Type", "application/json")], #"{"healthy":true}"#)
            }
            guard request.method == "POST" || request.method == "PUT" else { return error(40401, 404, "page not found") }
            if requireLogin {
                let basic = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
                switch request.headers["authorization"] {
                case nil: return error(40101, 401, "unauthorized")
                case basic?, ("Bearer " + token)?: break
                default: return error(40301, 403, "forbidden")
                }
            }
            guard request.path == "/", let body = FakeService.body(request), let topic = body["topic"] as? String, !topic.isEmpty else {
                return error(40009, 400, "invalid request: topic invalid")
            }
            let message = body["message"] as? String ?? ""
            guard message.utf8.count <= 4_096 else { return error(41301, 413, "request entity too large") }
            return (200, [("Content-Type", "application/json")], FakeService.json([
                "id": "sPs71M8A2T", "time": 1_729_252_800, "expires": 1_729_296_000, "event": "message", "topic": topic,
                "title": body["title"] as? String ?? "", "message": message]))
        }
    }
}
