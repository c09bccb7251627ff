/// sha256_password (MySQL): the password over TLS or a unix socket, otherwise encrypted with
/// the server's RSA public key, which is asked for when not given.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods_sha256_password_authentication.html
struct SHA256PasswordAuth: AuthPlugin {
    static let pluginName = "sha256_password"
    var name: String { Self.pluginName }

    static let requestPublicKey: UInt8 = 0x01

    mutating func start(_ context: AuthContext) throws(MySQLError) -> [UInt8] {
        if context.password.isEmpty { return [0] }
        if context.channel == .protected { return try context.cleartextPassword(plugin: name) }
        if let pem = context.serverPublicKey {
            return try RSAPublicKey(pem: pem).encryptPassword(context.password, nonce: context.nonce)
        }
        return [Self.requestPublicKey]
    }

    mutating func more(_ data: [UInt8], _ context: AuthContext) throws(MySQLError) -> [UInt8]? {
        try RSAPublicKey(pem: data).encryptPassword(context.password, nonce: context.nonce)
    }
}
