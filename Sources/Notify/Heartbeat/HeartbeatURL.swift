/// A heartbeat_url: which monitor it belongs to, chosen by the URL's form, its site, and the
/// URL's own query items (`?create=1`), kept and sent with every call.
///
/// - Uptime Kuma: a push monitor's URL, `…/api/push/TOKEN` (the `status`, `msg` and `ping` its
///   page shows after the token are the tool's to set).
/// - Cronitor: the telemetry URL, `https://cronitor.link/p/API_KEY/MONITOR_KEY`.
/// - Healthchecks: any other URL (`https://hc-ping.com/UUID`, `…/PING_KEY/slug?create=1`, or a
///   self-hosted `…/ping/UUID`).
public struct HeartbeatURL: Sendable, Equatable {
    public enum Monitor: String, Sendable, Equatable {
        case healthchecks = "Healthchecks"
        case uptimeKuma = "Uptime Kuma"
        case cronitor = "Cronitor"
    }

    public let monitor: Monitor
    /// Scheme, host, port and path; the path is the credential.
    public let site: SiteURL
    /// The URL's own query items (`name=value`, escapes as written), without those the tool sets.
    public let query: [String]

    /// Parses an http(s) URL with an optional query string; nil for anything else (a user
    /// part, a fragment, a space or control character).
    public init?(_ text: String) {
        let parts = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let site = SiteURL(String(parts[0])) else { return nil }
        var items: [String] = []
        if parts.count == 2 {
            guard parts[1].utf8.allSatisfy(HeartbeatURL.isQueryByte) else { return nil }
            items = parts[1].split(separator: "&").map(String.init)
        }
        self.init(site: site, query: items)
    }

    /// The URL of `site` (its path chooses the monitor) with `query` items kept, less those
    /// the tool sets itself.
    public init(site: SiteURL, query items: [String] = []) {
        let segments = site.path.split(separator: "/")
        let monitor: Monitor
        if segments.count >= 3 && segments[segments.count - 3] == "api" && segments[segments.count - 2] == "push" {
            monitor = .uptimeKuma
        } else if segments.count == 3 && segments[0] == "p" {
            monitor = .cronitor
        } else {
            monitor = .healthchecks
        }
        let ours: Set<Substring> = switch monitor {
        case .healthchecks: ["rid"]
        case .uptimeKuma: ["status", "msg", "ping"]
        case .cronitor: ["state", "status_code", "message", "series"]
        }
        self.monitor = monitor
        self.site = site
        query = items.filter { !ours.contains($0.prefix { $0 != "=" }) }
    }

    /// RFC 3986 query characters: those of a path, and '?'.
    private static func isQueryByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "?") || SiteURL.isPathByte(byte)
    }
}
