import COpenSSL

/// What every TLS session of one configuration starts from (OpenSSL's SSL_CTX): TLS 1.2 at
/// least, and the trusted CAs when the certificate is verified. Making one is the costliest
/// local step of a TLS connection (OpenSSL 3.0 builds its cipher tables: about a millisecond),
/// so a caller that expects TLS can make it while it waits for the network, then hand it to
/// `TLSStream`.
public final class TLSContext {
    let pointer: OpaquePointer
    /// The configuration this context was made for; the session takes its server name from it.
    public let configuration: TLSConfiguration

    /// Fails when OpenSSL cannot make a context, or the CA file cannot be loaded.
    public init(configuration: TLSConfiguration) throws(TransportError) {
        CryptoLibrary.start()
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .tlsSetup(TLSStream.lastError()) }
        _ = bc_SSL_CTX_set_min_tls12(context)
        bc_SSL_CTX_ignore_unexpected_eof(context)
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        if configuration.verify {
            if let caFile = configuration.caFile {
                guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                    SSL_CTX_free(context)
                    throw .caFile(path: caFile, reason: TLSStream.lastError())
                }
            } else {
                SSL_CTX_set_default_verify_paths(context)
                ERR_clear_error()
            }
        }
        pointer = context
        self.configuration = configuration
    }

    deinit { SSL_CTX_free(pointer) }
}
