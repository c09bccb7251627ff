import TextRules
import Transport

/// `ntfy://topic` (ntfy.sh), `ntfy://[user:password@]host[:port]/topic[/topic…]` (http) and
/// `ntfys://…` (https), a token as `?token=tk_…` or as the user, as apprise reads them: a host
/// with topics is a server of one's own, anything else a topic on ntfy.sh. A password or
/// token is a credential: plain `ntfy://` to a server of one's own only on loopback.
/// https://docs.ntfy.sh/publish/
public struct NtfyURL: Sendable, Equatable {
    static let service = "ntfy"
    package enum Auth: Sendable, Equatable {
        case none
        case basic(user: String, password: Secret)
        case token(Secret)
    }

    /// nil for ntfy.sh (whose address the client is given).
    package var site: SiteURL?
    package var topics: [String]
    package var auth: Auth
    /// ntfy's priority (1-5 or min, low, default, high, max), when set.
    package var priority: String?
    package var tags: [String]

    init(_ url: AppriseURL) throws(DestinationURLError) {
        let service = NtfyURL.service
        var topics = url.path + url.list("to")
        let hostIsServer = SiteURL.isHostName(url.host) || Endpoint.isIPAddress(url.host)
        let isCloud = url.option("mode").map { $0.lowercased() == "cloud" }
            ?? !(hostIsServer && !url.path.isEmpty && !url.host.lowercased().contains("ntfy.sh"))
        if isCloud {
            if !url.host.lowercased().contains("ntfy.sh") && !url.host.isEmpty { topics.insert(url.host, at: 0) }
            site = nil
        } else {
            site = try url.site(service: service)
        }
        guard !topics.isEmpty else { throw .malformed(service: service, .noTopic) }
        for topic in topics where !topic.isASCIIWord(allowing: "-_") || topic.count > 64 {
            throw .malformed(service: service, .badTopic)
        }
        self.topics = topics
        if let token = url.option("token") {
            auth = .token(Secret(token))
        } else if let user = url.user, let password = url.password {
            auth = .basic(user: user, password: Secret(password))
        } else if let user = url.user {
            auth = user.lowercased().hasPrefix("tk_") ? .token(Secret(user)) : .basic(user: user, password: Secret(""))
        } else {
            auth = .none
        }
        if auth != .none, let site { try AppriseURL.requireProtected(site, service: service) }
        priority = url.option("priority")
        tags = url.list("tags").isEmpty ? url.list("xtags") : url.list("tags")
    }
}
