import Transport

/// Whether a connection uses TLS and how far it trusts the server's certificate, decided from
/// the TLS mode, the greeting and the kind of socket.
struct TLSNegotiation {
    let mode: TLSMode
    let useTLS: Bool
    let configuration: TLSConfiguration

    init(options: ConnectionOptions, greeting: HandshakeV10, isUnixSocket: Bool) throws(MySQLError) {
        mode = options.tlsMode
        let offered = greeting.capabilities.contains(.ssl)
        var host: String?
        if case let .tcp(name, _) = options.endpoint { host = name }
        configuration = TLSConfiguration(caFile: options.tlsCAFile, serverName: options.tlsServerName ?? host,
                                         verify: options.tlsMode.verifies)
        if isUnixSocket || mode == .disabled {
            // A unix socket never leaves the host; TLS would add nothing.
            useTLS = false
        } else if offered {
            // Also for `preferred`: once offered, TLS is used or the connection fails.
            useTLS = true
        } else if mode == .preferred {
            useTLS = false
        } else {
            throw .insecure("db_tls is \(mode.rawValue) but the server \(greeting.serverVersion) does not offer TLS")
        }
    }

    /// Decides what the certificate check found. Returns the certificate and reason when the
    /// decision must wait for MariaDB's fingerprint in the final OK packet.
    func judge(_ trust: CertificateTrust, certificate: [UInt8], greeting: HandshakeV10,
               password: Secret) throws(MySQLError) -> (certificate: [UInt8], reason: String)? {
        guard mode.verifies else { return nil }
        switch trust {
        case .trusted:
            return nil
        case let .wrongName(reason):
            if mode == .verifyCA { return nil }
            throw .insecure("verify-identity: \(reason)")
        case let .untrusted(reason):
            guard greeting.isMariaDB else {
                throw .insecure("the server's certificate is not trusted: \(reason); set db_tls_ca to the CA that signed it")
            }
            guard !password.isEmpty else {
                throw .insecure("the server's certificate is not trusted (\(reason)) and without a password MariaDB cannot vouch for it; set db_tls_ca")
            }
            return (certificate, reason)
        }
    }
}
