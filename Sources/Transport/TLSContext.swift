import COpenSSL
import Synchronization

/// What TLS sessions that trust the same CAs start from (OpenSSL's SSL_CTX): TLS 1.2 at
/// least, and the trusted CAs when the certificate is verified. The server name belongs to
/// each session, not to the context. Making one is the costliest local step of a TLS
/// connection: OpenSSL 3.0 builds its cipher tables (about 1 ms) and a CA bundle is parsed
/// whole (about 18 ms for the system's 140 certificates). Hence `shared(for:)`, and callers
/// that expect TLS may make theirs while they wait for the network.
///
/// Immutable once made; OpenSSL lets one context serve sessions on several threads.
package final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer
    /// PEM file of trusted CAs, or nil for OpenSSL's default locations; nil when not verifying.
    package let caFile: String?
    /// Whether sessions verify the server's certificate.
    package let verify: Bool

    /// A context of its own for the trust settings of `configuration` (its CA files and whether
    /// to verify). Fails when OpenSSL cannot make one or the CA file cannot be loaded.
    package init(configuration: TLSConfiguration) throws(TransportError) {
        let key = Key(configuration)
        CryptoLibrary.start()
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .tlsSetup(TLSStream.lastError()) }
        _ = bc_SSL_CTX_set_min_tls12(context)
        bc_SSL_CTX_ignore_unexpected_eof(context)
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        if key.verify {
            if let caFile = key.caFile {
                guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                    SSL_CTX_free(context)
                    throw .caFile(path: caFile, .openSSL(TLSStream.errorCodes()))
                }
            } else {
                SSL_CTX_set_default_verify_paths(context)
                ERR_clear_error()
            }
            if let extra = key.extraCAFile, SSL_CTX_load_verify_locations(context, extra, nil) != 1 {
                SSL_CTX_free(context)
                throw .caFile(path: extra, .openSSL(TLSStream.errorCodes()))
            }
        }
        pointer = context
        caFile = key.caFile
        verify = key.verify
    }

    deinit { SSL_CTX_free(pointer) }

    /// The process's context for these trust settings, made on first use and then reused by
    /// every connection that trusts the same CAs (the database, Zulip, the heartbeat and the
    /// Pushgateway of one run load the CA bundle once, not once each). A CA file changed on
    /// disk is read by the next process; a context that could not be made is not remembered.
    package static func shared(for configuration: TLSConfiguration) throws(TransportError) -> TLSContext {
        let key = Key(configuration)
        return try made.withLock { (contexts) throws(TransportError) -> TLSContext in
            if let context = contexts[key] { return context }
            let context = try TLSContext(configuration: configuration)
            contexts[key] = context
            return context
        }
    }

    private static let made = Mutex<[Key: TLSContext]>([:])

    /// What a context depends on: the CA file only matters when verifying.
    private struct Key: Hashable {
        let caFile: String?
        let extraCAFile: String?
        let verify: Bool

        init(_ configuration: TLSConfiguration) {
            verify = configuration.verify
            caFile = configuration.verify ? configuration.caFile : nil
            extraCAFile = configuration.verify ? configuration.extraCAFile : nil
        }
    }
}
