import Transport

/// How far the connection under the authentication protects the password.
enum AuthChannel: Equatable {
    /// A unix socket, or TLS the caller chose (verified, or encryption without verification):
    /// the password may travel in cleartext.
    case protected
    /// TCP without TLS: the password must not travel in cleartext.
    case unencrypted(serverOffersTLS: Bool)
    /// TLS whose certificate MariaDB 11.4+ has yet to prove with its fingerprint: nothing that
    /// reveals the password may be sent, and the plugin must be able to prove the fingerprint.
    case awaitingFingerprint
}

/// What an authentication plugin may know about the connection it authenticates.
struct AuthContext {
    let password: Secret
    /// The nonce of the greeting or of the latest auth switch.
    let nonce: [UInt8]
    let channel: AuthChannel
    /// The server's RSA public key (PEM) given by the user, if any.
    let serverPublicKey: [UInt8]?

    /// The password and a NUL, for the plugins that send it in cleartext; refused unless the
    /// channel protects it.
    func cleartextPassword(plugin: String) throws(MySQLError) -> [UInt8] {
        switch channel {
        case .protected: return password.utf8Bytes + [0]
        case let .unencrypted(offersTLS): throw .insecure(.cleartextUnencrypted(plugin: plugin, serverOffersTLS: offersTLS))
        case .awaitingFingerprint: throw .insecure(.unprovablePlugin(plugin))
        }
    }
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
    /// True for the plugins whose stored hash proves MariaDB's TLS fingerprint.
    var provesFingerprint: Bool { get }
    /// The hash of the password that the server stores (what the fingerprint is made with).
    func passwordHash(_ password: Secret) throws(MySQLError) -> [UInt8]
}

extension AuthPlugin {
    mutating func more(_ data: [UInt8], _ context: AuthContext) throws(MySQLError) -> [UInt8]? {
        throw .malformed(.unexpectedAuthMoreData(plugin: name))
    }

    var provesFingerprint: Bool { false }

    func passwordHash(_ password: Secret) throws(MySQLError) -> [UInt8] {
        throw .insecure(.unprovablePlugin(name))
    }
}

/// The plugins this client speaks, by name.
enum AuthPlugins {
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
}
