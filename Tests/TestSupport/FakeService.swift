import Foundation

/// A loopback stand-in for one HTTP service (Slack, Mattermost, Discord, Telegram, ntfy, a JSON
/// webhook): `answer` follows the service's documented API, error answers included; a script
/// can override the next requests' answers (a rate limit, a dropped connection). The last
/// script entry repeats.
package final class FakeService: @unchecked Sendable {
    package enum Behavior: Sendable {
        /// Answer as the service does.
        case service
        /// Answer with this status, headers and body.
        case respond(Int, [(String, String)], String)
        /// Read the request and close without answering.
        case close
    }

    /// An answer: status, headers, body.
    package typealias Answer = (status: Int, headers: [(String, String)], body: String)

    private let server: LoopbackHTTPServer
    private let state: ScriptedBehaviors<Behavior>

    package init(script: [Behavior] = [.service], tls: TLSMaterial? = nil,
                answer: @escaping @Sendable (RecordedRequest) -> Answer) throws {
        let state = ScriptedBehaviors(script, fallback: Behavior.service)
        self.state = state
        server = try LoopbackHTTPServer(tls: tls) { request, _ in
            switch state.next() {
            case .service:
                let (status, headers, body) = answer(request)
                return .answer(status: status, headers: headers, body: body)
            case let .respond(status, headers, body):
                return .answer(status: status, headers: headers, body: body)
            case .close:
                return .close
            }
        }
    }

    /// "http://127.0.0.1:PORT" (or https).
    package var url: String { server.url }
    package var port: UInt16 { server.port }
    package var requests: [RecordedRequest] { server.requests }
    package func stop() { server.stop() }

    /// The JSON bodies of the requests to `path` (query left out), in order.
    package func jsonBodies(path: String) -> [[String: Any]] {
        requests.filter { $0.path.split(separator: "?").first.map(String.init) == path }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any]
        }
    }

    /// JSON text of `object`.
    package static func json(_ object: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The request's body as JSON, or nil.
    package static func body(_ request: RecordedRequest) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
    }
}
