/// caching_sha2_password, MySQL 8's default: a SHA-256 scramble that the server can check from
/// its cache (fast path), else the password itself over TLS or a unix socket, or encrypted
/// with the server's RSA key (full authentication).
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html
struct CachingSHA2PasswordAuth: AuthPlugin {
    static let pluginName = "caching_sha2_password"
    var name: String { Self.pluginName }

    private var awaitingKey = false

    static let fastAuthSuccess: UInt8 = 0x03
    static let performFullAuthentication: UInt8 = 0x04
    static let requestPublicKey: UInt8 = 0x02

    mutating func start(_ context: AuthContext) throws(MySQLError) -> [UInt8] {
        try Self.scramble(password: context.password.utf8Bytes, nonce: context.nonce)
    }

    mutating func more(_ data: [UInt8], _ context: AuthContext) throws(MySQLError) -> [UInt8]? {
        if awaitingKey {
            awaitingKey = false
            return try RSAPublicKey(pem: data).encryptPassword(context.password, nonce: context.nonce)
        }
        guard data.count == 1 else { throw .malformed(.cachingSHA2StatusLength(data.count)) }
        switch data[0] {
        case Self.fastAuthSuccess:
            return nil
        case Self.performFullAuthentication:
            if context.channel == .protected { return try context.cleartextPassword(plugin: name) }
            if let pem = context.serverPublicKey {
                return try RSAPublicKey(pem: pem).encryptPassword(context.password, nonce: context.nonce)
            }
            awaitingKey = true
            return [Self.requestPublicKey]
        default:
            throw .malformed(.cachingSHA2Status(data[0]))
        }
    }

    /// The client's scramble: XOR(SHA256(password), SHA256(SHA256(SHA256(password)) + nonce));
    /// empty for no password.
    static func scramble(password: [UInt8], nonce: [UInt8]) throws(MySQLError) -> [UInt8] {
        guard !password.isEmpty else { return [] }
        let stage1 = try Digest.sha256(password)
        let stage2 = try Digest.sha256(stage1)
        let mask = try Digest.sha256(stage2, Array(nonce.prefix(20)))
        return zip(stage1, mask).map { $0 ^ $1 }
    }
}
