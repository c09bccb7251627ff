import Transport
import TextRules

/// A notification URL in apprise's form, taken apart as apprise's `parse_url` does:
/// `scheme://[user[:password]@]host[:port][/segment…][?key=value&…]`. The scheme is lower
/// case; user, password, host, path segments and query values are percent-decoded (`%23` is
/// `#`; a `+` stays a `+`, as in apprise); query keys are lower case and a value's surrounding
/// white space is dropped. Nothing here is ever shown in a message: the parts are credentials.
/// https://github.com/caronc/apprise/wiki/URLBasics
package struct AppriseURL: Sendable, Equatable {
    package var scheme: String
    package var user: String?
    package var password: String?
    /// The host as written (a token for the services whose "host" is one, such as Slack's).
    package var host: String
    package var port: UInt16?
    /// The path's non-empty segments, each decoded (a `%2F` inside one stays in it).
    package var path: [String]
    /// The query's values by lower-case key; a key given twice keeps its last value.
    package var query: [String: String]

    /// The longest URL read: apprise has no limit, but a notify_urls entry longer than this is
    /// not a URL anyone wrote.
    package static let maxLength = 8 << 10

    /// Why a text is not an apprise URL; never carries any part of it.
    package enum Problem: Error, Equatable, Sendable {
        case notAURL
        case tooLong
        case badPort
        case twoAts
        case controlCharacter
        /// A bracket that does not enclose the whole host (`[::1` unclosed, `[]`, `ho]st`).
        case badHost
    }

    package init(_ text: String) throws(Problem) {
        guard text.utf8.count <= AppriseURL.maxLength else { throw .tooLong }
        let trimmed = text.trimmingWhitespace()
        guard let separator = trimmed.firstRange(of: "://") else { throw .notAURL }
        let schemeText = trimmed[..<separator.lowerBound]
        guard !schemeText.isEmpty, schemeText.count <= 32, schemeText.isASCIIWord(allowing: "") else { throw .notAURL }
        scheme = schemeText.lowercased()
        var rest = trimmed[separator.upperBound...]
        while rest.hasPrefix("/") { rest = rest.dropFirst() }

        var queryText: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            queryText = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let authority = rest.prefix { $0 != "/" }
        let pathText = rest.dropFirst(authority.count)

        var hostPart = authority
        let ats = authority.split(separator: "@", omittingEmptySubsequences: false)
        guard ats.count <= 2 else { throw .twoAts }
        if ats.count == 2 {
            hostPart = ats[1]
            let userInfo = ats[0]
            if let colon = userInfo.firstIndex(of: ":") {
                user = AppriseURL.decode(userInfo[..<colon])
                password = AppriseURL.decode(userInfo[userInfo.index(after: colon)...])
            } else {
                user = AppriseURL.decode(userInfo)
            }
            if user == "" { user = nil }
            if password == "" { password = nil }
        }
        if hostPart.hasPrefix("[") {
            // An IPv6 literal: the brackets enclose the whole host, and only a port follows.
            guard let close = hostPart.firstIndex(of: "]") else { throw .badHost }
            let after = hostPart[hostPart.index(after: close)...]
            host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
            guard Endpoint.isIPAddress(host), host.contains(":") else { throw .badHost }
            if !after.isEmpty {
                guard after.hasPrefix(":"), let value = UInt16(after.dropFirst()), value > 0 else { throw .badPort }
                port = value
            }
        } else if hostPart.contains("[") || hostPart.contains("]") {
            throw .badHost
        } else if let colon = hostPart.lastIndex(of: ":") {
            let portText = hostPart[hostPart.index(after: colon)...]
            guard let value = UInt16(portText), value > 0 else { throw .badPort }
            port = value
            host = AppriseURL.decode(hostPart[..<colon])
        } else {
            host = AppriseURL.decode(hostPart)
        }
        // Checked as decoded: `ho%5Dst` is the host `ho]st`, and no host holds a bracket.
        guard !host.contains("["), !host.contains("]") else { throw .badHost }
        path = pathText.split(separator: "/").map { AppriseURL.decode($0) }

        var values: [String: String] = [:]
        for pair in queryText.split(whereSeparator: { $0 == "&" || $0 == ";" }) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = AppriseURL.decode(parts[0]).trimmingWhitespace().lowercased()
            let value = parts.count > 1 ? String(AppriseURL.decode(parts[1]).trimmingWhitespace()) : ""
            values[String(key)] = value
        }
        query = values

        let parts = [user ?? "", password ?? "", host] + path + Array(query.keys) + Array(query.values)
        guard !parts.contains(where: { ControlCharacters.occur(in: $0) }) else { throw .controlCharacter }
    }

    /// Percent-decoding as Python's `unquote`: a `%` not followed by two hex digits stays as it
    /// is, and bytes that are not UTF-8 become U+FFFD.
    package static func decode(_ text: some StringProtocol) -> String {
        guard text.contains("%") else { return String(text) }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The value of query key `name` when it is set and not empty.
    package func option(_ name: String) -> String? {
        guard let value = query[name], !value.isEmpty else { return nil }
        return value
    }

    /// A list in a query value, as apprise's parse_list reads one: split at commas, white
    /// space and semicolons.
    package func list(_ name: String) -> [String] {
        guard let value = option(name) else { return [] }
        return value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
    }

    /// A yes/no query value as apprise's parse_bool reads it.
    package func flag(_ name: String, default fallback: Bool) -> Bool {
        guard let value = option(name)?.lowercased() else { return fallback }
        if ["yes", "y", "true", "t", "1", "on", "enable", "enabled", "+", "always", "allow"].contains(value) { return true }
        if ["no", "n", "false", "f", "0", "off", "disable", "disabled", "-", "never", "deny"].contains(value) { return false }
        return fallback
    }
}
