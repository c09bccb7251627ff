import TextRules
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
    /// PEM file of CAs trusted besides `caFile` (notify_tls_ca for a `zulip://` entry).
    public var extraCAFile: String?
    /// Seconds one request may take, from connecting to the end of the answer.
    public var timeout: Double

    public init(site: SiteURL, email: String, apiKey: Secret, channel: String, topic: String, caFile: String? = nil,
                extraCAFile: String? = nil, timeout: Double = 30) {
        self.site = site
        self.email = email
        self.apiKey = apiKey
        self.channel = channel
        self.topic = topic
        self.caFile = caFile
        self.extraCAFile = extraCAFile
        self.timeout = timeout
    }
}

extension ZulipDestination {
    /// "zulip.example.org" → https://zulip.example.org; "acme" → https://acme.zulipchat.com; an
    /// http(s) URL of a host as it stands; nil for anything else ("acme/x", "a b"). As apprise
    /// and the seed's deployment derive it.
    public static func site(ofOrganization text: String) -> SiteURL? {
        let url: SiteURL?
        if text.hasPrefix("https://") || text.hasPrefix("http://") {
            url = SiteURL(text)
        } else if text.contains(".") || text.contains(":") {
            url = SiteURL("https://" + text)
        } else {
            url = text.isASCIIWord(allowing: "-") ? SiteURL("https://\(text).zulipchat.com") : nil
        }
        guard let url, url.path.isEmpty else { return nil }
        return url
    }

    /// The bot's e-mail: `name` as it stands when it holds "@", else NAME-bot@HOST (the "-bot"
    /// added when missing).
    public static func botEmail(name: String, host: String) -> String {
        name.contains("@") ? name : (name.hasSuffix("-bot") ? name : name + "-bot") + "@" + host
    }
}

/// The bot as Zulip describes it.
public struct ZulipBot: Sendable, Equatable {
    public var fullName: String
    public var email: String
}
