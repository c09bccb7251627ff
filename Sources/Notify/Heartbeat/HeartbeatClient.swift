/// A dead man's switch that follows the Healthchecks pinging API (hosted or self-hosted
/// Healthchecks; Uptime Kuma and Cronitor take the same calls): `POST {url}/start` when a run
/// starts, `POST {url}/{exit status}` with the run's log as the body when it ends, so that a
/// non-zero status reads as a failure and a run that never ends is noticed too.
/// The ping URL is itself the credential: it is never sent over plain http beyond loopback
/// and never printed beyond its origin. https://healthchecks.io/docs/http_api/
public struct HeartbeatClient: Sendable {
    /// Healthchecks keeps at most this many bytes of a ping's body (its default PING_BODY_LIMIT).
    public static let maxBodyBytes = 10_000

    public var url: SiteURL
    public var caFile: String?
    /// Seconds one ping may take, from connecting to the end of the answer.
    public var timeout: Double
    public var retry: RetryPolicy
    /// The calling program's name and version for the User-Agent header; nil for none.
    public var userAgent: String?

    public init(url: SiteURL, caFile: String? = nil, timeout: Double = 30, retry: RetryPolicy = RetryPolicy(),
                userAgent: String? = nil) {
        self.url = url
        self.caFile = caFile
        self.timeout = timeout
        self.retry = retry
        self.userAgent = userAgent
    }

    private var request: ServiceRequest {
        ServiceRequest(service: "the heartbeat", client: HTTPClient(site: url, timeout: timeout, caFile: caFile, userAgent: userAgent),
                       pathIsSecret: true)
    }

    /// Signals that a run started (`POST {url}/start`).
    public func start() throws(DeliveryError) {
        try ping("/start", body: [])
    }

    /// Signals that a run ended with `exitStatus` (`POST {url}/{exit status}`, 0 is success),
    /// with the beginning of `log` (at most 10,000 bytes, cut between characters) as the body.
    public func finish(exitStatus: Int32, log: String) throws(DeliveryError) {
        try ping("/\(exitStatus)", body: HeartbeatClient.truncated(log))
    }

    /// Connects (and for https checks the certificate) without sending a ping, which would
    /// count as a run.
    public func probe() throws(DeliveryError) {
        try request.probe(carriesCredential: true)
    }

    private func ping(_ suffix: String, body: [UInt8]) throws(DeliveryError) {
        let http = HTTPRequest(method: "POST", path: suffix,
                               headers: [("Content-Type", "text/plain; charset=utf-8")],
                               body: body)
        let request = self.request
        try retry.run { () throws(DeliveryError) in try request.expectSuccess(http, carriesCredential: true) }
    }

    /// The first `maxBodyBytes` bytes of `text`'s UTF-8, never ending inside a character.
    static func truncated(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.count > maxBodyBytes else { return bytes }
        var end = maxBodyBytes
        while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(bytes[0..<end])
    }
}
