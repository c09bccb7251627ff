/// One report as a destination gets it: a title (the e-mail subject, ntfy's and the JSON
/// webhook's title), one part of the text, and how it went.
public struct NotifyMessage: Sendable, Equatable {
    /// How the run went, as apprise's notification types name it.
    public enum Severity: String, Sendable {
        /// All is well.
        case info
        /// All is well, with warnings.
        case warning
        /// Something went wrong.
        case failure
    }

    /// "backup check 2024-10-18: ok".
    public var title: String
    /// The report (or one part of it) as plain text; each service wraps it in its own code
    /// formatting.
    public var text: String
    public var severity: Severity
    /// An HTML rendering of the whole report, for the services that carry one (e-mail's
    /// alternative part); nil to derive it from `text`.
    public var html: String?

    public init(title: String, text: String, severity: Severity, html: String? = nil) {
        self.title = title
        self.text = text
        self.severity = severity
        self.html = html
    }
}

/// A place a report is sent to (a notify_urls entry): a small client of one service.
public protocol Destination: Sendable {
    /// The service and host, as messages name the destination: "Slack (hooks.slack.com)".
    var name: String { get }
    /// The most one message may hold, in the unit `size(of:)` counts; nil when unlimited.
    var messageLimit: MessageLimit? { get }
    /// What `text` counts against `messageLimit` once wrapped as the service gets it.
    func size(of text: String) -> Int
    /// Whether it carries an HTML rendering of the report (`NotifyMessage.html`), as e-mail's
    /// alternative part does; false unless a destination says so.
    var takesHTML: Bool { get }
    /// Sends one message.
    func send(_ message: NotifyMessage) throws(DeliveryError)
    /// Checks the destination without posting where the service allows it, and says what it
    /// found (or, for a service that cannot be asked without posting, that only the connection
    /// was tried).
    func check() throws(DeliveryError) -> String
}

extension Destination {
    public var takesHTML: Bool { false }
}

/// How much one message of a service may hold.
public struct MessageLimit: Sendable, Equatable {
    public var count: Int
    /// What is counted, in words: "characters", "bytes".
    public var unit: String

    public init(count: Int, unit: String) {
        self.count = count
        self.unit = unit
    }

    public static func characters(_ count: Int) -> MessageLimit { MessageLimit(count: count, unit: "characters") }
    public static func bytes(_ count: Int) -> MessageLimit { MessageLimit(count: count, unit: "bytes") }
}

/// What every destination's client is given: how long a request may take, the CA file
/// trusted besides the system's, and the retry policy.
public struct DestinationOptions: Sendable {
    /// Seconds one request may take, from connecting to the last byte of the answer.
    public var timeout: Double
    /// The system's CA bundle (nil for OpenSSL's default locations).
    public var systemCAFile: String?
    /// notify_tls_ca: trusted besides the system's CAs.
    public var extraCAFile: String?
    public var retry: RetryPolicy
    /// The calling program's name and version for the User-Agent header; nil for none.
    public var userAgent: String?

    public init(timeout: Double = 30, systemCAFile: String? = nil, extraCAFile: String? = nil,
                retry: RetryPolicy = RetryPolicy(), userAgent: String? = nil) {
        self.userAgent = userAgent
        self.timeout = timeout
        self.systemCAFile = systemCAFile
        self.extraCAFile = extraCAFile
        self.retry = retry
    }
}

extension String {
    /// Length in Unicode code points (Zulip's, Slack's, Discord's and Mattermost's count).
    package var codePointCount: Int { unicodeScalars.count }
}

extension DestinationOptions {
    /// The HTTP client for `site` with these options' deadline and trusted CAs.
    package func httpClient(for site: SiteURL) -> HTTPClient {
        HTTPClient(site: site, timeout: timeout, caFile: systemCAFile, extraCAFile: extraCAFile, userAgent: userAgent)
    }
}
