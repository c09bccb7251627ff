import COpenSSL

/// OpenSSL, started once and the same way everywhere: without the system's openssl.cnf, so
/// that a host and the image (which has none) behave alike and no start-up pays for parsing
/// it (0.3 ms), and without an exit handler that frees OpenSSL's tables as the process ends.
/// Every OpenSSL user in the project calls `start()` first; nothing calls it before a digest or
/// a TLS session is actually needed.
package enum CryptoLibrary {
    /// Starts OpenSSL on the first call; later calls cost a load.
    package static func start() { _ = started }

    private static let started: Bool = {
        let options = UInt64(OPENSSL_INIT_NO_LOAD_CONFIG) | UInt64(OPENSSL_INIT_NO_ATEXIT)
        return OPENSSL_init_ssl(options, nil) == 1
    }()
}
