import Transport

/// Where Zulip messages go and as whom.
public struct ZulipDestination: Sendable {
    public var site: SiteURL
    /// The bot's e-mail, the user name of HTTP basic auth.
    public var email: String
    public var apiKey: Secret
    /// The channel the messages go to (called a stream before Zulip 9).
    public var channel: String
    public var topic: String
    /// PEM file of CAs trusted for an https site with a private CA; nil for the defaults.
    public var caFile: String?
    /// Seconds one request may take, from connecting to the end of the answer.
    public var timeout: Double

    public init(site: SiteURL, email: String, apiKey: Secret, channel: String, topic: String, caFile: String? = nil,
                timeout: Double = 30) {
        self.site = site
        self.email = email
        self.apiKey = apiKey
        self.channel = channel
        self.topic = topic
        self.caFile = caFile
        self.timeout = timeout
    }
}

/// The bot as Zulip describes it.
public struct ZulipBot: Sendable, Equatable {
    public var fullName: String
    public var email: String
}
