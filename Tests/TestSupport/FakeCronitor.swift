import Foundation

/// A Cronitor-like server on loopback following its telemetry API
/// (https://cronitor.io/docs/telemetry-api): `GET /p/API_KEY/MONITOR_KEY?state=…` with
/// `state` run, complete, fail or ok, and optional `series`, `status_code` (an integer) and
/// `message` (at most 2,000 characters). A monitor key it does not know is created by its first
/// event. Success is 200 with an empty body; an API key it does not know 403; a malformed event
/// 400.
package final class FakeCronitor: @unchecked Sendable {
    package static let apiKey = "cb54ac4fd16142469f2d84fc1bbebd84"
    package static let monitorKey = "nightly-backup-check"

    /// An event a monitor took.
    package struct Event: Sendable, Equatable {
        package var monitor: String
        package var state: String
        package var series: String?
        package var statusCode: String?
        package var message: String?

        package init(monitor: String, state: String, series: String?, statusCode: String?, message: String?) {
            self.monitor = monitor
            self.state = state
            self.series = series
            self.statusCode = statusCode
            self.message = message
        }
    }

    private let server: LoopbackHTTPServer

    package init() throws {
        server = try LoopbackHTTPServer { request, _ in
            let parts = request.pathOnly.split(separator: "/").map(String.init)
            guard parts.count == 3, parts[0] == "p" else { return .answer(status: 404, body: "Not Found") }
            guard parts[1] == FakeCronitor.apiKey else { return .answer(status: 403, body: "Invalid API key") }
            guard FakeCronitor.event(request) != nil else { return .answer(status: 400, body: "Invalid telemetry event") }
            return .answer(status: 200, body: "")
        }
    }

    /// The event a request records, or nil when it is malformed.
    static func event(_ request: RecordedRequest) -> Event? {
        let parts = request.pathOnly.split(separator: "/").map(String.init)
        guard parts.count == 3, parts[1] == apiKey else { return nil }
        let state = request.query("state") ?? "complete"
        guard ["run", "complete", "fail", "ok"].contains(state) else { return nil }
        let code = request.query("status_code")
        if let code, Int(code) == nil { return nil }
        let message = request.query("message")
        if let message, message.count > 2000 { return nil }
        return Event(monitor: parts[2], state: state, series: request.query("series"), statusCode: code, message: message)
    }

    /// The telemetry URL of the monitor.
    package var pingURL: String { "\(server.url)/p/\(FakeCronitor.apiKey)/\(FakeCronitor.monitorKey)" }
    package var url: String { server.url }
    package var requests: [RecordedRequest] { server.requests }

    /// The events taken, in order.
    package var events: [Event] { server.requests.compactMap(FakeCronitor.event) }
}
