/// What an authentication plugin may know about the connection it authenticates.
struct AuthContext {
    let password: Secret
    /// The nonce of the greeting or of the latest auth switch.
    let nonce: [UInt8]
    /// True when a cleartext password may be sent: TLS (whose certificate is not awaiting the
    /// server's fingerprint) or a unix socket.
    let cleartextAllowed: Bool
    /// The server's RSA public key (PEM) given by the user, if any.
    let serverPublicKey: [UInt8]?
}

/// One authentication method: its first answer, its answers to the server's "more data"
/// packets, and (for MariaDB's TLS fingerprint) the password hash the server stores.
/// https://mariadb.com/kb/en/connection/#authentication-plugins
protocol AuthPlugin {
    /// The plugin's name on the wire.
    var name: String { get }
    /// The auth data sent first (in HandshakeResponse41 or after an auth switch).
    mutating func start(_ context: AuthContext) throws(MySQLError) -> [UInt8]
    /// Answers an auth-more-data packet (its payload after the 0x01 byte); nil when there is
    /// nothing to send and the next packet from the server decides.
    mutating func more(_ data: [UInt8], _ context: AuthContext) throws(MySQLError) -> [UInt8]?
    /// The hash of the password that the server stores, or nil when the plugin has none the
    /// fingerprint check can use.
    func passwordHash(_ password: Secret) -> [UInt8]?
}

extension AuthPlugin {
    mutating func more(_ data: [UInt8], _ context: AuthContext) throws(MySQLError) -> [UInt8]? {
        throw .malformed("unexpected auth-more-data for \(name)")
    }

    func passwordHash(_ password: Secret) -> [UInt8]? { nil }
}

/// The plugins this client speaks, by name.
enum AuthPlugins {
    static let names = [
        NativePasswordAuth.pluginName, CachingSHA2PasswordAuth.pluginName, SHA256PasswordAuth.pluginName,
        ClearPasswordAuth.pluginName, Ed25519Auth.pluginName,
    ]

    static func make(_ name: String) throws(MySQLError) -> any AuthPlugin {
        switch name {
        case NativePasswordAuth.pluginName: return NativePasswordAuth()
        case CachingSHA2PasswordAuth.pluginName: return CachingSHA2PasswordAuth()
        case SHA256PasswordAuth.pluginName: return SHA256PasswordAuth()
        case ClearPasswordAuth.pluginName: return ClearPasswordAuth()
        case Ed25519Auth.pluginName: return Ed25519Auth()
        default: throw .unsupported("authentication plugin \(name)")
        }
    }

    /// The password and a NUL, for the plugins that send it in cleartext; refused unless the
    /// channel is TLS or a unix socket.
    static func cleartext(_ context: AuthContext, plugin: String) throws(MySQLError) -> [UInt8] {
        guard context.cleartextAllowed else {
            throw .insecure("\(plugin) would send the password in cleartext over an unencrypted or unverified connection; use TLS (db_tls) or a unix socket")
        }
        return context.password.utf8Bytes + [0]
    }
}
