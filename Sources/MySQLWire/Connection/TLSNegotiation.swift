import Transport

/// Whether a connection uses TLS, and what the server's certificate is worth: decided from the
/// TLS mode, the greeting and the socket, before any authentication packet is sent.
struct TLSNegotiation {
    /// What the certificate check allows.
    enum Verdict: Equatable {
        /// Go on; the certificate was checked this way.
        case proceed(CertificateCheck)
        /// Go on only with a plugin that proves MariaDB's fingerprint, and accept the login only
        /// if the final OK packet carries it.
        case awaitFingerprint(reason: String)
    }

    let mode: TLSMode
    let useTLS: Bool
    let serverOffersTLS: Bool

    /// Whether TLS can come into play before the greeting says: never over a unix socket (it
    /// never leaves the host; TLS would add nothing) nor with `disabled`.
    static func mayUseTLS(_ options: ConnectionOptions) -> Bool {
        !options.endpoint.isUnixSocket && options.tlsMode != .disabled
    }

    /// The TLS settings `options` ask for: their CA file (or the default one) when verifying,
    /// and the host name to send, checked against the certificate only under verify-identity
    /// (and then only after the whole chain verified).
    static func configuration(for options: ConnectionOptions) -> TLSConfiguration {
        var host: String?
        if case let .tcp(name, _) = options.endpoint { host = name }
        return TLSConfiguration(caFile: options.tlsCAFile ?? options.tlsDefaultCAFile, serverName: options.tlsServerName ?? host,
                                verify: options.tlsMode.verifies, checkName: options.tlsMode == .verifyIdentity)
    }

    init(options: ConnectionOptions, greeting: HandshakeV10) throws(MySQLError) {
        mode = options.tlsMode
        serverOffersTLS = greeting.capabilities.contains(.ssl)
        if !TLSNegotiation.mayUseTLS(options) {
            useTLS = false
        } else if serverOffersTLS {
            // Also for `preferred`: once offered, TLS is used or the connection fails.
            useTLS = true
        } else if mode == .preferred {
            useTLS = false
        } else {
            throw .insecure(.tlsNotOffered(mode: mode, server: greeting.serverVersion))
        }
    }

    /// The channel the password would travel over, before any certificate is judged.
    var plainChannel: AuthChannel {
        .unencrypted(serverOffersTLS: serverOffersTLS)
    }

    /// Judges the certificate. An untrusted one is refused here, before any authentication
    /// packet leaves, unless this is exactly MariaDB's zero-configuration case: a verify mode
    /// with no CA file configured, a server announcing MariaDB 11.4 or later, and a password to
    /// prove the fingerprint with.
    func judge(_ trust: CertificateTrust, greeting: HandshakeV10, options: ConnectionOptions) throws(MySQLError) -> Verdict {
        guard mode.verifies else { return .proceed(.notVerified) }
        switch trust {
        case .trusted:
            return .proceed(.authority)
        case .notVerified:
            return .proceed(.notVerified)
        case let .wrongName(reason):
            // The chain verified whole; only the name differs, which verify-ca does not ask about
            // (the name is checked only under verify-identity, so this is that mode).
            if mode == .verifyCA { return .proceed(.authority) }
            throw .insecure(.wrongHostName(reason))
        case let .untrusted(reason):
            guard options.tlsCAFile == nil, greeting.canProveCertificate else {
                throw .insecure(.untrustedCertificate(reason))
            }
            guard !options.password.isEmpty else { throw .insecure(.noPasswordForFingerprint(reason)) }
            return .awaitFingerprint(reason: reason)
        }
    }
}

/// How the server's certificate was trusted, for reports.
public enum CertificateCheck: Sendable, Equatable, CustomStringConvertible {
    /// It chains to a trusted CA.
    case authority
    /// MariaDB 11.4+ proved it with the fingerprint after the login.
    case fingerprint
    /// Nobody checked it (TLS modes preferred and required).
    case notVerified

    public var description: String {
        switch self {
        case .authority: return "CA"
        case .fingerprint: return "fingerprint"
        case .notVerified: return "not verified"
        }
    }
}

/// The TLS session of a connection, as negotiated.
public struct TLSInfo: Sendable, Equatable {
    /// The protocol, e.g. "TLSv1.3".
    public let version: String
    /// The cipher suite, e.g. "TLS_AES_256_GCM_SHA384".
    public let cipher: String
    public let certificateCheck: CertificateCheck
}
