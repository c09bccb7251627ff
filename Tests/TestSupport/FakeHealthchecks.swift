import Foundation

/// A Healthchecks-like server on loopback following its documented pinging API: a check is a
/// UUID path; `POST /UUID` (success), `/UUID/start`, `/UUID/fail`, `/UUID/log` and
/// `/UUID/{0-255}` (an exit status) answer 200 "OK" and are recorded; an unknown UUID answers
/// 404 "not found"; a body over the limit 413. It records every request.
package final class FakeHealthchecks: @unchecked Sendable {
    package static let uuid = "5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278"

    package struct Ping: Sendable, Equatable {
        /// "start", "success", "fail", "log" or the exit status as text.
        package var kind: String
        package var body: String

        package init(kind: String, body: String) {
            self.kind = kind
            self.body = body
        }
    }

    private let server: LoopbackHTTPServer

    /// `failures` answers the first that many requests with 500.
    package init(failures: Int = 0, tls: TLSMaterial? = nil) throws {
        server = try LoopbackHTTPServer(tls: tls) { request, number in
            if number < failures { return .answer(status: 500, body: "internal error") }
            let parts = request.path.split(separator: "/").map(String.init)
            guard request.method == "POST" || request.method == "GET" || request.method == "HEAD" else {
                return .answer(status: 405, body: "method not allowed")
            }
            guard let first = parts.first, first == FakeHealthchecks.uuid, parts.count <= 2 else {
                return .answer(status: 404, body: "not found")
            }
            if parts.count == 2, !["start", "fail", "log"].contains(parts[1]),
               !(Int(parts[1]).map { (0...255).contains($0) } ?? false) {
                return .answer(status: 400, body: "invalid url format")
            }
            guard request.body.count <= 100_000 else { return .answer(status: 413, body: "request body too large") }
            return .answer(status: 200, body: "OK")
        }
    }

    /// The ping URL of the check.
    package var pingURL: String { "\(server.url)/\(FakeHealthchecks.uuid)" }
    package var url: String { server.url }
    package var requests: [RecordedRequest] { server.requests }
    package func stop() { server.stop() }

    /// The pings the check got, in order.
    package var pings: [Ping] {
        server.requests.compactMap { request in
            let parts = request.path.split(separator: "/").map(String.init)
            guard parts.first == FakeHealthchecks.uuid else { return nil }
            return Ping(kind: parts.count == 2 ? parts[1] : "success", body: String(decoding: request.body, as: UTF8.self))
        }
    }
}
