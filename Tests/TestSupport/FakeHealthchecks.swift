import Foundation

/// A Healthchecks-like server on loopback following its documented pinging API
/// (https://healthchecks.io/docs/http_api/): a check is `/UUID` or `/PING_KEY/SLUG`; a ping is
/// the check's URL (success) or with `/start`, `/fail`, `/log` or `/{0-255}` (an exit status)
/// after it, by GET, HEAD or POST, with an optional `rid` (a UUID, else 400 "invalid rid") and,
/// for a slug, `create=1` (an unknown slug is then created: 201 "Created"). Success is 200
/// "OK"; an unknown check 404 "not found"; a body over 100,000 bytes 413. It records every
/// request.
package final class FakeHealthchecks: @unchecked Sendable {
    package static let uuid = "5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278"
    package static let pingKey = "fqOOd6-F4MMNuCEnzTU01w"
    /// The slug of a check that exists.
    package static let slug = "backups"

    package struct Ping: Sendable, Equatable {
        /// "start", "success", "fail", "log" or the exit status as text.
        package var kind: String
        package var body: String
        /// The run ID, when the ping had one.
        package var rid: String?

        package init(kind: String, body: String, rid: String? = nil) {
            self.kind = kind
            self.body = body
            self.rid = rid
        }
    }

    private let server: LoopbackHTTPServer

    /// `failures` answers the first that many requests with 500; `reply` may answer a request
    /// itself first (a test that holds a ping, say).
    package init(failures: Int = 0, tls: TLSMaterial? = nil,
                reply: (@Sendable (RecordedRequest) -> HTTPReply?)? = nil) throws {
        server = try LoopbackHTTPServer(tls: tls) { request, number in
            if let reply, let answer = reply(request) { return answer }
            if number < failures { return .answer(status: 500, body: "internal error") }
            return FakeHealthchecks.answer(request)
        }
    }

    static func answer(_ request: RecordedRequest) -> HTTPReply {
        guard ["GET", "HEAD", "POST"].contains(request.method) else { return .answer(status: 405, body: "method not allowed") }
        guard let (check, kind) = FakeHealthchecks.parse(request.pathOnly) else { return .answer(status: 404, body: "not found") }
        if let kind, !["start", "fail", "log"].contains(kind), !(Int(kind).map { (0...255).contains($0) } ?? false) {
            return .answer(status: 400, body: "invalid url format")
        }
        if let rid = request.query("rid"), UUID(uuidString: rid) == nil { return .answer(status: 400, body: "invalid rid") }
        guard request.body.count <= 100_000 else { return .answer(status: 413, body: "request body too large") }
        switch check {
        case .known: return .answer(status: 200, body: "OK")
        case .unknownSlug where request.query("create") == "1": return .answer(status: 201, body: "Created")
        case .unknownSlug: return .answer(status: 404, body: "not found")
        }
    }

    enum Check { case known, unknownSlug }

    /// The check a path names and the ping's kind after it; nil for no check at all.
    static func parse(_ path: String) -> (Check, String?)? {
        let parts = path.split(separator: "/").map(String.init)
        if parts.first == uuid, parts.count <= 2 { return (.known, parts.count == 2 ? parts[1] : nil) }
        if parts.first == pingKey, parts.count == 2 || parts.count == 3 {
            let slug = parts[1]
            guard slug.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
            return (slug == FakeHealthchecks.slug ? .known : .unknownSlug, parts.count == 3 ? parts[2] : nil)
        }
        return nil
    }

    /// The ping URL of the check.
    package var pingURL: String { "\(server.url)/\(FakeHealthchecks.uuid)" }
    /// The URL of a check named by the project's ping key and `slug`.
    package func slugURL(_ slug: String) -> String { "\(server.url)/\(FakeHealthchecks.pingKey)/\(slug)" }
    package var url: String { server.url }
    package var requests: [RecordedRequest] { server.requests }
    package func waitForRequests(_ count: Int, timeout: Double = 10) -> Bool { server.waitForRequests(count, timeout: timeout) }
    package func stop() { server.stop() }

    /// The pings the checks got, in order.
    package var pings: [Ping] {
        server.requests.compactMap { request in
            guard let (_, kind) = FakeHealthchecks.parse(request.pathOnly) else { return nil }
            return Ping(kind: kind ?? "success", body: String(decoding: request.body, as: UTF8.self), rid: request.query("rid"))
        }
    }
}
