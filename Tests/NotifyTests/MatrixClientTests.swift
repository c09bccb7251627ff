import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// The Matrix client's error paths that a real homeserver does not show on demand: Synapse's
/// rate limit (429 M_LIMIT_EXCEEDED with retry_after_ms), answered here as the client-server
/// API documents it. The rest runs against a real Synapse (IntegrationTests).
@Suite("Matrix client")
struct MatrixClientTests {
    /// Login, join, send and logout, as the API answers them.
    static func homeserver(script: [FakeService.Behavior]) throws -> FakeService {
        try FakeService(script: script) { request in
            let json = [("Content-Type", "application/json")]
            let path = request.path
            if path.hasSuffix("/login") { return (200, json, #"{"user_id":"@c:localhost","access_token":"syt_x","device_id":"D"}"#) }
            if path.contains("/join/") { return (200, json, #"{"room_id":"!room:localhost"}"#) }
            if path.contains("/send/m.room.message/") { return (200, json, #"{"event_id":"$e"}"#) }
            if path.hasSuffix("/logout") { return (200, json, "{}") }
            return (404, json, #"{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}"#)
        }
    }

    @Test("a 429 M_LIMIT_EXCEEDED carries retry_after_ms as seconds, and the retry honours it")
    func rateLimited() throws {
        let limited = FakeService.Behavior.respond(429, [("Content-Type", "application/json")],
                                                   #"{"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":250}"#)
        let server = try Self.homeserver(script: [.service, .service, limited, .service])
        guard case let .matrix(url) = try DestinationURL.parse("matrix://c:pw@127.0.0.1:\(server.port)/#backups:localhost") else {
            throw TestFailure("not Matrix")
        }
        let log = RetryLog()
        try MatrixClient(url: url, options: Parsed.options(log.policy(maxRetryAfter: 30))).send(Parsed.message)
        #expect(log.all.count == 1 && log.all[0].contains("M_LIMIT_EXCEEDED") && log.all[0].hasSuffix("retrying in 0.25 s"))
        let paths = server.requests.map { $0.path.split(separator: "/").dropFirst(3).first.map(String.init) ?? "" }
        #expect(paths == ["login", "join", "rooms", "rooms", "logout"])
        // The same transaction id both times: a retried send cannot post twice.
        let sends = server.requests.filter { $0.method == "PUT" }.map(\.path)
        #expect(sends.count == 2 && sends[0] == sends[1])
        #expect(server.requests.last?.headers["authorization"] == "Bearer syt_x")
    }
}
