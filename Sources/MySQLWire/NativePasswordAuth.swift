/// mysql_native_password: SHA1(password) XOR SHA1(nonce + SHA1(SHA1(password))).
/// https://mariadb.com/kb/en/connection/#mysql_native_password-plugin
struct NativePasswordAuth: AuthPlugin {
    static let pluginName = "mysql_native_password"
    var name: String { Self.pluginName }

    mutating func start(_ context: AuthContext) throws(MySQLError) -> [UInt8] {
        Self.scramble(password: context.password.utf8Bytes, nonce: context.nonce)
    }

    /// SHA1(SHA1(password)), what mysql.user stores.
    func passwordHash(_ password: Secret) -> [UInt8]? {
        Digest.sha1(Digest.sha1(password.utf8Bytes))
    }

    /// The 20-byte answer to `nonce`; empty for an empty password, as servers expect.
    static func scramble(password: [UInt8], nonce: [UInt8]) -> [UInt8] {
        guard !password.isEmpty else { return [] }
        let stage1 = Digest.sha1(password)
        let stage2 = Digest.sha1(stage1)
        let mask = Digest.sha1(Array(nonce.prefix(20)), stage2)
        return zip(stage1, mask).map { $0 ^ $1 }
    }
}
