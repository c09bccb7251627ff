import Transport

/// client_ed25519 (MariaDB): an Ed25519 signature of the server's 32-byte nonce, with the
/// password as the secret key's seed.
/// https://mariadb.com/kb/en/authentication-plugin-ed25519/
struct Ed25519Auth: AuthPlugin {
    static let pluginName = "client_ed25519"
    var name: String { Self.pluginName }
    var provesFingerprint: Bool { true }

    mutating func start(_ context: AuthContext) throws(MySQLError) -> [UInt8] {
        try Ed25519.sign(message: context.nonce, secret: context.password.utf8Bytes)
    }

    /// The public key, which is what MariaDB stores for the account.
    func passwordHash(_ password: Secret) throws(MySQLError) -> [UInt8] {
        try Ed25519.publicKey(secret: password.utf8Bytes)
    }
}
