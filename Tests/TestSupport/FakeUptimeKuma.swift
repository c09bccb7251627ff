import Foundation

/// An Uptime Kuma-like server on loopback following its push monitors' API: `GET` (or any
/// method) `/api/push/TOKEN?status=up|down&msg=…&ping=…`. A push to an active monitor answers
/// 200 `{"ok":true}` (`status` other than "up" is down, `msg` defaults to "OK", `ping` is
/// optional); an unknown token 404 `{"ok":false,"msg":"Monitor not found or not active."}`; a
/// `ping` that is not a number from 0 to 100000000000 404 with Uptime Kuma's message for it.
package final class FakeUptimeKuma: @unchecked Sendable {
    package static let token = "vJ3kYc9Wqe"

    /// A push the monitor took.
    package struct Push: Sendable, Equatable {
        package var up: Bool
        package var msg: String
        package var ping: Double?

        package init(up: Bool, msg: String, ping: Double?) {
            self.up = up
            self.msg = msg
            self.ping = ping
        }
    }

    private let server: LoopbackHTTPServer

    package init() throws {
        server = try LoopbackHTTPServer { request, _ in
            let json = [("Content-Type", "application/json; charset=utf-8")]
            guard request.pathOnly == "/api/push/\(FakeUptimeKuma.token)" else {
                return .answer(status: 404, headers: json, body: #"{"ok":false,"msg":"Monitor not found or not active."}"#)
            }
            guard FakeUptimeKuma.push(request) != nil else {
                return .answer(status: 404, headers: json,
                               body: #"{"ok":false,"msg":"Invalid ping value. Must be between 0 and 100000000000 ms."}"#)
            }
            return .answer(status: 200, headers: json, body: #"{"ok":true}"#)
        }
    }

    /// The push a request makes, or nil when its ping is invalid.
    static func push(_ request: RecordedRequest) -> Push? {
        var ping: Double?
        if let text = request.query("ping"), !text.isEmpty {
            guard let value = Double(text), value >= 0, value <= 100_000_000_000 else { return nil }
            ping = value
        }
        return Push(up: request.query("status") == "up", msg: request.query("msg") ?? "OK", ping: ping)
    }

    /// The push URL as Uptime Kuma shows it, with its example query.
    package var pushURL: String { "\(server.url)/api/push/\(FakeUptimeKuma.token)?status=up&msg=OK&ping=" }
    package var url: String { server.url }
    package var requests: [RecordedRequest] { server.requests }

    /// The pushes the monitor took, in order.
    package var pushes: [Push] {
        server.requests.filter { $0.pathOnly == "/api/push/\(FakeUptimeKuma.token)" }.compactMap(FakeUptimeKuma.push)
    }
}
