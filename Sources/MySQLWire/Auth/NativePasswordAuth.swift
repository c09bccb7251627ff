import Transport

/// mysql_native_password: SHA1(password) XOR SHA1(nonce + SHA1(SHA1(password))).
/// https://mariadb.com/kb/en/connection/#mysql_native_password-plugin
struct NativePasswordAuth: AuthPlugin {
    static let pluginName = "mysql_native_password"
    var name: String { Self.pluginName }
    var provesFingerprint: Bool { true }

    mutating func start(_ context: AuthContext) throws(MySQLError) -> [UInt8] {
        try Self.scramble(password: context.password.utf8Bytes, nonce: context.nonce)
    }

    /// SHA1(SHA1(password)), what mysql.user stores.
    func passwordHash(_ password: Secret) throws(MySQLError) -> [UInt8] {
        try Digest.sha1(Digest.sha1(password.utf8Bytes))
    }

    /// The client's 20-byte scramble for `nonce`; empty for an empty password, as servers expect.
    static func scramble(password: [UInt8], nonce: [UInt8]) throws(MySQLError) -> [UInt8] {
        guard !password.isEmpty else { return [] }
        let stage1 = try Digest.sha1(password)
        let stage2 = try Digest.sha1(stage1)
        let mask = try Digest.sha1(Array(nonce.prefix(20)), stage2)
        return zip(stage1, mask).map { $0 ^ $1 }
    }
}
