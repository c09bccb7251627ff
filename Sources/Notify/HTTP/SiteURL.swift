import TextRules
import Transport

/// An http(s) base URL such as `https://zulip.example.org` or `http://127.0.0.1:9000/zulip`:
/// scheme, host, port and a path prefix, without credentials, query or fragment.
public struct SiteURL: Equatable, Sendable, CustomStringConvertible {
    public var isTLS: Bool
    public var host: String
    public var port: UInt16
    /// Path prefix without a trailing slash ("" for the root).
    public var path: String

    /// A site from its parts, for fixed addresses written in the code (hooks.slack.com): the
    /// host must be a host name or an IP address, the path "" or "/…" without a trailing slash.
    package init(isTLS: Bool, host: String, port: UInt16? = nil, path: String = "") {
        self.isTLS = isTLS
        self.host = host
        self.port = port ?? (isTLS ? 443 : 80)
        self.path = path
    }

    /// Parses an absolute http or https URL; nil for anything else. The path may hold only
    /// the characters a URL path allows unescaped (and %-escapes), never spaces or controls.
    public init?(_ text: String) {
        let rest: Substring
        if text.hasPrefix("https://") {
            isTLS = true
            rest = text.dropFirst(8)
        } else if text.hasPrefix("http://") {
            isTLS = false
            rest = text.dropFirst(7)
        } else {
            return nil
        }
        let authority = rest.prefix { $0 != "/" }
        var pathPart = String(rest.dropFirst(authority.count))
        while pathPart.hasSuffix("/") { pathPart.removeLast() }
        guard !authority.isEmpty, !authority.contains("@"), pathPart.utf8.allSatisfy(SiteURL.isPathByte) else { return nil }
        var hostPart = Substring(authority)
        var portNumber: UInt16 = isTLS ? 443 : 80
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { return nil }
            let after = hostPart[hostPart.index(after: close)...]
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
            guard Endpoint.isIPAddress(String(hostPart)), hostPart.contains(":") else { return nil }
            if !after.isEmpty {
                guard after.hasPrefix(":"), let value = UInt16(after.dropFirst()), value > 0 else { return nil }
                portNumber = value
            }
        } else {
            if let colon = hostPart.lastIndex(of: ":") {
                guard let value = UInt16(hostPart[hostPart.index(after: colon)...]), value > 0 else { return nil }
                portNumber = value
                hostPart = hostPart[..<colon]
            }
            guard SiteURL.isHostName(hostPart) else { return nil }
        }
        host = String(hostPart)
        port = portNumber
        path = pathPart
    }

    /// Splits `scheme://user:password@host…` into the site and its user part (percent-decoded;
    /// nil when there is none); nil when the rest is not a site URL.
    public static func parse(withUserPart text: String) -> (site: SiteURL, credentials: BasicCredentials?)? {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return SiteURL(text).map { ($0, nil) } }
        let userPart = authority[..<at]
        guard let site = SiteURL(String(text[..<schemeEnd.upperBound]) + String(rest[authority.index(after: at)...])) else { return nil }
        let user = userPart.prefix { $0 != ":" }
        let password = userPart.dropFirst(user.count + 1)
        return (site, BasicCredentials(user: AppriseURL.decode(user), password: Secret(AppriseURL.decode(password))))
    }

    /// What a message may show of a URL setting's value, which may not even parse: its scheme
    /// and host, never a user part, password, port, path or query; nil when no host can be told.
    public static func schemeAndHost(of text: String) -> String? {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound]
        guard !scheme.isEmpty, scheme.utf8.count <= 16, scheme.isASCIIWord(allowing: "+.-") else { return nil }
        var authority = text[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[...close]
            guard Endpoint.isIPAddress(String(host.dropFirst().dropLast())) else { return nil }
        } else {
            host = authority.prefix { $0 != ":" }
            guard isHostName(host) else { return nil }
        }
        return "\(scheme.lowercased())://\(host)"
    }

    /// What messages show of this site: scheme, host and port, and "/…" for a path left out
    /// (a path may be a secret: a ping URL's, a webhook's).
    public var shown: String { path.isEmpty ? origin : origin + "/…" }

    /// True for a DNS name or an IPv4 address: dot-separated labels of ASCII letters, digits,
    /// hyphens (and the underscores container names use), 1 to 63 characters each, neither
    /// starting nor ending with a hyphen.
    package static func isHostName(_ text: some StringProtocol) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            label.utf8.count <= 63 && label.first != "-" && label.last != "-" && label.isASCIIWord(allowing: "-_")
        }
    }

    /// RFC 3986 path characters: unreserved, sub-delims, ':', '@', '/', and '%' escapes.
    static func isPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=:@/%".utf8.contains(byte)
        }
    }

    /// True when a request that carries a credential may go to this site: it is https, or its
    /// host is a loopback address (where nothing crosses a network).
    public var protectsCredentials: Bool { isTLS || Endpoint.isLoopback(host: host) }

    /// The Host header value: the host, with the port when it is not the scheme's default.
    package var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isTLS ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// Scheme, host and port, without the path: "https://hc-ping.com".
    public var origin: String { "\(isTLS ? "https" : "http")://\(hostHeader)" }

    public var description: String { origin + path }
}
