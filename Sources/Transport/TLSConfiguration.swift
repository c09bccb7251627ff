/// How to set up TLS on a connection. Which CAs a deployment trusts by default is the
/// caller's decision: `caFile` nil means OpenSSL's own default locations.
package struct TLSConfiguration: Sendable, Equatable {
    /// PEM file of trusted CAs; nil for OpenSSL's default locations.
    package var caFile: String?
    /// A PEM file of CAs trusted besides `caFile` (or the default locations): a private CA
    /// that some services use while others keep public certificates.
    package var extraCAFile: String?
    /// The name sent as SNI (a DNS name; an IP address is not sent) and, with `checkName`,
    /// the name the certificate must carry.
    package var serverName: String?
    /// Whether the certificate is checked at all. Without it no CA store is loaded, which
    /// saves most of a handshake's client-side cost; `trust` is then `.notVerified`.
    package var verify: Bool
    /// Whether the certificate must name `serverName` (identity), checked on its own after the
    /// whole chain verified, so that a wrong name can never hide a bad signature or date.
    /// Off only where the caller asks for the chain alone (MySQL's verify-ca).
    package var checkName: Bool

    package init(caFile: String? = nil, extraCAFile: String? = nil, serverName: String? = nil, verify: Bool = true,
                checkName: Bool = true) {
        self.caFile = caFile
        self.extraCAFile = extraCAFile
        self.serverName = serverName
        self.verify = verify
        self.checkName = checkName
    }
}

/// What certificate verification found. The handshake itself never fails on an untrusted
/// certificate: the caller decides, before sending anything that matters.
package enum CertificateTrust: Sendable, Equatable {
    /// The whole chain verified to a trusted CA (every signature, validity dates, CA
    /// constraints) and, when the name is checked, the certificate names `serverName`.
    case trusted
    /// Verification was not asked for.
    case notVerified
    /// The whole chain verified, but the certificate is for another name. Only ever found
    /// after the chain verified, and only when the name is checked.
    case wrongName(String)
    /// The chain does not verify: unknown issuer, self-signed, a bad signature, expired or
    /// not yet valid, a CA that may not sign.
    case untrusted(String)
}
