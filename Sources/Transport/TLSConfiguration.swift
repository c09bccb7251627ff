/// How to set up TLS on a connection. Which CAs a deployment trusts by default is the
/// caller's decision: `caFile` nil means OpenSSL's own default locations.
public struct TLSConfiguration: Sendable, Equatable {
    /// PEM file of trusted CAs; nil for OpenSSL's default locations.
    public var caFile: String?
    /// A PEM file of CAs trusted besides `caFile` (or the default locations): a private CA
    /// that some services use while others keep public certificates.
    public var extraCAFile: String?
    /// The name sent as SNI and checked against the certificate (a DNS name or an IP address).
    public var serverName: String?
    /// Whether the certificate is checked at all. Without it no CA store is loaded, which
    /// saves most of a handshake's client-side cost; `trust` is then `.notVerified`.
    public var verify: Bool

    public init(caFile: String? = nil, extraCAFile: String? = nil, serverName: String? = nil, verify: Bool = true) {
        self.caFile = caFile
        self.extraCAFile = extraCAFile
        self.serverName = serverName
        self.verify = verify
    }
}

/// What certificate verification found. The handshake itself never fails on an untrusted
/// certificate: the caller decides, before sending anything that matters.
public enum CertificateTrust: Sendable, Equatable {
    /// The chain leads to a trusted CA and the certificate names `serverName`.
    case trusted
    /// Verification was not asked for.
    case notVerified
    /// The chain is trusted but the certificate is for another name.
    case wrongName(String)
    /// The chain does not lead to a trusted CA (self-signed, expired, unknown issuer).
    case untrusted(String)
}
