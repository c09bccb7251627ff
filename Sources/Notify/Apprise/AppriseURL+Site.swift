import TextRules

extension AppriseURL {
    /// Whether the scheme is the service's secure form (`mmosts`, `matrixs`, `jsons`…), as
    /// apprise decides it: the scheme ends in "s".
    package var isSecure: Bool { scheme.hasSuffix("s") }

    /// The http(s) site of a self-hosted service: this URL's host and port (or the scheme's
    /// default), and `prefix` as the path, each segment percent-encoded.
    package func site(service: String, prefix: [String] = []) throws(DestinationURLError) -> SiteURL {
        guard !host.isEmpty else { throw .malformed(service: service, .noHost) }
        let name = host.contains(":") ? "[\(host)]" : host
        let portText = port.map { ":\($0)" } ?? ""
        let path = prefix.map { "/" + PathEncoding.segment($0) }.joined()
        guard let site = SiteURL("\(isSecure ? "https" : "http")://\(name)\(portText)\(path)") else {
            throw .malformed(service: service, .badHost)
        }
        return site
    }

    /// Refuses a credential over plain http to a host beyond loopback.
    package static func requireProtected(_ site: SiteURL, service: String) throws(DestinationURLError) {
        guard site.protectsCredentials else { throw .credentialOverPlainText(service: service, host: site.host) }
    }
}

/// Percent-encoding of one path segment: everything but RFC 3986's unreserved characters.
package enum PathEncoding {
    package static func segment(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + byte.hexadecimal(width: 2, uppercase: true)
            }
        }
        return output
    }
}
