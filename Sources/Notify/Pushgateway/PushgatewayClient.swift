import TextRules

/// Prometheus's Pushgateway, the standard home of a batch job's metrics: the text exposition
/// format sent with `PUT {url}/metrics/job/{job}` (plus `/instance/{instance}` so that several
/// checkers share one Pushgateway without replacing each other's metrics). PUT replaces the
/// whole group, so series of targets that left the list disappear too.
/// https://github.com/prometheus/pushgateway#api
public struct PushgatewayClient: Sendable {
    public var url: SiteURL
    public var job: String
    /// The `instance` grouping label, or nil for none.
    public var instance: String?
    /// Basic auth for a Pushgateway behind it (`--web.config.file` or a proxy), from the URL's
    /// user part; sent only over https or to a loopback address.
    public var credentials: BasicCredentials?
    public var caFile: String?
    public var timeout: Double
    public var retry: RetryPolicy
    /// The calling program's name and version for the User-Agent header; nil for none.
    public var userAgent: String?

    public init(url: SiteURL, job: String, instance: String? = nil, credentials: BasicCredentials? = nil, caFile: String? = nil,
                timeout: Double = 30, retry: RetryPolicy = RetryPolicy(), userAgent: String? = nil) {
        self.userAgent = userAgent
        self.url = url
        self.job = job
        self.instance = instance
        self.credentials = credentials
        self.caFile = caFile
        self.timeout = timeout
        self.retry = retry
    }

    private var request: ServiceRequest {
        ServiceRequest(service: "the Pushgateway", client: HTTPClient(site: url, timeout: timeout, caFile: caFile,
                                                                         userAgent: userAgent))
    }

    /// The grouping key's path: `/metrics/job/{job}[/instance/{instance}]`, each value
    /// percent-free (plain when it is only unreserved characters, else base64url with the
    /// `@base64` suffix Pushgateway understands, which also covers "/" and the empty value).
    public var groupPath: String {
        var path = "/metrics" + PushgatewayClient.label("job", job)
        if let instance { path += PushgatewayClient.label("instance", instance) }
        return path
    }

    /// Replaces the group's metrics with `text` (exposition format 0.0.4).
    public func push(_ text: String) throws(DeliveryError) {
        let http = HTTPRequest(method: "PUT", path: groupPath,
                               headers: [("Content-Type", "text/plain; version=0.0.4")] + authorization,
                               body: Array(text.utf8))
        let request = self.request
        let carriesCredential = credentials != nil
        try retry.run { () throws(DeliveryError) in try request.expectSuccess(http, carriesCredential: carriesCredential) }
    }

    /// Asks `GET /-/ready`, which changes nothing: whether the Pushgateway is up (and, behind
    /// basic auth, whether it takes the credential).
    public func ready() throws(DeliveryError) {
        try request.expectSuccess(HTTPRequest(method: "GET", path: "/-/ready", headers: authorization), carriesCredential: credentials != nil)
    }

    private var authorization: [(name: String, value: String)] { credentials.map { [$0.header] } ?? [] }

    private static func label(_ name: String, _ value: String) -> String {
        if value.isASCIIWord(allowing: "-._~") { return "/\(name)/\(value)" }
        // An empty value is "=" in this encoding, as Pushgateway documents.
        return "/\(name)@base64/\(value.isEmpty ? "=" : Base64.encode(Array(value.utf8), urlSafe: true))"
    }
}
