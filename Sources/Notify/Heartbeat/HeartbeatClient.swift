import Transport

/// A dead man's switch told when a run starts and how it ended, in the monitor's own API
/// (chosen by the URL's form, see `HeartbeatURL`):
///
/// - Healthchecks: `POST {url}/start?rid={run id}`, then `POST {url}/{exit status}?rid={run id}`
///   with the report as the body (at most 100,000 bytes, the last line `[cut: N bytes left out]`
///   when cut). https://healthchecks.io/docs/http_api/
/// - Uptime Kuma: one `GET {url}?status=up|down&msg={headline} (exit N)&ping={milliseconds}` at
///   the end. https://github.com/louislam/uptime-kuma/wiki (push monitors)
/// - Cronitor: `GET {url}?state=run&series={run id}`, then `state=complete|fail` with
///   `status_code`, `message` (the headline) and the same `series`.
///   https://cronitor.io/docs/telemetry-api
///
/// The URL's own query items are kept. All calls of one run share one `HeartbeatBudget`.
/// The ping URL is itself the credential: never sent over plain http beyond loopback and never
/// printed beyond its origin.
public struct HeartbeatClient: Sendable {
    /// The most bytes of a body sent to Healthchecks (the hosted service keeps 100 kB).
    public static let maxBodyBytes = 100_000
    /// The most characters of a message sent in a query (Cronitor keeps 2,000).
    public static let maxMessageCharacters = 2_000

    /// How a run ended, in the forms the three monitors take.
    public struct Ending: Sendable {
        public var exitStatus: Int32
        /// The report's first line: "everything is a-ok" or "something went wrong".
        public var headline: String
        /// The report, for a monitor that keeps a body.
        public var body: String
        /// How long the run took, in milliseconds.
        public var milliseconds: Int64

        public init(exitStatus: Int32, headline: String, body: String, milliseconds: Int64) {
            self.exitStatus = exitStatus
            self.headline = headline
            self.body = body
            self.milliseconds = milliseconds
        }
    }

    public var url: HeartbeatURL
    /// The run's ID (a UUID), which pairs a start with its end at Healthchecks and Cronitor.
    public var runID: String
    public var caFile: String?
    /// The time all calls of the run may take together.
    package let budget: HeartbeatBudget
    public var retry: RetryPolicy
    /// The calling program's name and version for the User-Agent header; nil for none.
    public var userAgent: String?

    public init(url: HeartbeatURL, runID: String, caFile: String? = nil, timeout: Double = 10,
                retry: RetryPolicy = RetryPolicy(), userAgent: String? = nil) {
        self.url = url
        self.runID = runID
        self.caFile = caFile
        budget = HeartbeatBudget(seconds: timeout)
        self.retry = retry
        self.userAgent = userAgent
    }

    /// Tells the monitor that a run started (Uptime Kuma takes only the end: nothing is sent).
    public func start() throws(DeliveryError) {
        switch url.monitor {
        case .healthchecks: try send("POST", "/start", ["rid=\(runID)"])
        case .cronitor: try send("GET", "", ["state=run", "series=\(runID)"])
        case .uptimeKuma: return
        }
    }

    /// Tells the monitor how the run ended: 0 is a success, anything else a failure.
    public func finish(_ ending: Ending) throws(DeliveryError) {
        let status = ending.exitStatus
        switch url.monitor {
        case .healthchecks:
            try send("POST", "/\(status)", ["rid=\(runID)"], body: HeartbeatClient.fitted(ending.body))
        case .uptimeKuma:
            try send("GET", "", ["status=" + (status == 0 ? "up" : "down"),
                                 "msg=" + HeartbeatClient.queryValue("\(ending.headline) (exit \(status))"),
                                 "ping=\(max(0, ending.milliseconds))"])
        case .cronitor:
            try send("GET", "", ["state=" + (status == 0 ? "complete" : "fail"), "status_code=\(status)",
                                 "message=" + HeartbeatClient.queryValue(ending.headline), "series=\(runID)"])
        }
    }

    /// Connects (and for https checks the certificate) without sending a ping, which would
    /// count as a run.
    public func probe() throws(DeliveryError) {
        try budget.spend { (deadline) throws(DeliveryError) in
            var request = self.request
            request.deadline = deadline
            try request.probe(carriesCredential: true)
        }
    }

    private var request: ServiceRequest {
        ServiceRequest(service: "the heartbeat",
                       client: HTTPClient(site: url.site, timeout: max(budget.seconds, 0.001), caFile: caFile, userAgent: userAgent),
                       pathIsSecret: true)
    }

    /// One call: `suffix` after the URL's path, the URL's own query items and `items`, within
    /// what is left of the run's time (retry pauses included).
    private func send(_ method: String, _ suffix: String, _ items: [String], body: [UInt8] = []) throws(DeliveryError) {
        var headers: [(String, String)] = []
        if method == "POST" { headers.append(("Content-Type", "text/plain; charset=utf-8")) }
        if url.monitor == .uptimeKuma { headers.append(("Accept", "application/json")) }
        let http = HTTPRequest(method: method, path: suffix + "?" + (url.query + items).joined(separator: "&"),
                               headers: headers, body: body)
        let monitor = url.monitor
        try budget.spend { (deadline) throws(DeliveryError) in
            var request = self.request
            request.deadline = deadline
            try retry.run(until: deadline) { () throws(DeliveryError) in
                guard !deadline.hasPassed else {
                    throw request.failure(.timeSpent(seconds: budget.seconds))
                }
                if monitor == .uptimeKuma {
                    try HeartbeatClient.expectUptimeKumaSuccess(http, request)
                } else {
                    try request.expectSuccess(http, carriesCredential: true)
                }
            }
        }
    }

    /// Uptime Kuma answers `{"ok":true}`, or an error status with `{"ok":false,"msg":"…"}`.
    private static func expectUptimeKumaSuccess(_ http: HTTPRequest, _ request: ServiceRequest) throws(DeliveryError) {
        let (status, json) = try request.call(http, carriesCredential: true) { json in
            ServiceComplaint(message: json["msg"]?.stringValue)
        }
        guard json?["ok"] == .bool(true) else {
            throw request.failure(.unexpectedAnswer(status: status, detail: "an answer without \"ok\": true"))
        }
    }

    /// `text` when its UTF-8 is at most `maxBodyBytes`; else as many of its first lines as
    /// fit (or its first bytes, between characters, when a line is longer than that) and a
    /// last line `[cut: N bytes left out]`, all within `maxBodyBytes`.
    static func fitted(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.count > maxBodyBytes else { return bytes }
        let room = maxBodyBytes - "\n[cut:  bytes left out]".utf8.count - String(bytes.count).utf8.count
        var end = room
        if let newline = bytes[..<room].lastIndex(of: UInt8(ascii: "\n")), newline > 0 {
            end = newline
        } else {
            while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        }
        return Array(bytes[..<end]) + Array("\n[cut: \(bytes.count - end) bytes left out]".utf8)
    }

    /// A query value percent-encoded (spaces as "+"), at most `maxMessageCharacters` long.
    static func queryValue(_ text: String) -> String {
        let encoded = FormEncoding.encode([("", String(text.prefix(maxMessageCharacters)))])
        return String(decoding: encoded.dropFirst(), as: UTF8.self)
    }
}
