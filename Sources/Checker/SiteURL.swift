/// An http(s) base URL such as `https://zulip.example.org` or `http://127.0.0.1:9000/zulip`.
public struct SiteURL: Equatable, Sendable, CustomStringConvertible {
    public var isTLS: Bool
    public var host: String
    public var port: UInt16
    /// Path prefix without a trailing slash ("" for the root).
    public var path: String

    /// Parses an absolute http or https URL without credentials, query or fragment.
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
        guard !authority.isEmpty, !authority.contains("@"), !pathPart.contains("?"), !pathPart.contains("#"),
              !pathPart.contains(" ") else { return nil }
        var hostPart = Substring(authority)
        var portNumber: UInt16 = isTLS ? 443 : 80
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { return nil }
            let after = hostPart[hostPart.index(after: close)...]
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let value = UInt16(after.dropFirst()), value > 0 else { return nil }
                portNumber = value
            }
        } else if let colon = hostPart.lastIndex(of: ":") {
            guard let value = UInt16(hostPart[hostPart.index(after: colon)...]), value > 0 else { return nil }
            portNumber = value
            hostPart = hostPart[..<colon]
        }
        guard !hostPart.isEmpty, hostPart.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._:".contains($0)) })
        else { return nil }
        host = String(hostPart)
        port = portNumber
        path = pathPart
    }

    /// The Host header value: the host, with the port when it is not the scheme's default.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isTLS ? 443 : 80) ? name : "\(name):\(port)"
    }

    public var description: String { "\(isTLS ? "https" : "http")://\(hostHeader)\(path)" }
}
