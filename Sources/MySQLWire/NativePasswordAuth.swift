/// mysql_native_password: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))).
/// https://mariadb.com/kb/en/connection/#mysql_native_password-plugin
enum NativePasswordAuth {
    static let name = "mysql_native_password"

    /// The 20-byte answer to `scramble`; empty for an empty password, as servers expect.
    static func scramble(password: [UInt8], nonce: [UInt8]) -> [UInt8] {
        guard !password.isEmpty else { return [] }
        let stage1 = Digest.sha1(password)
        let stage2 = Digest.sha1(stage1)
        let mask = Digest.sha1(Array(nonce.prefix(20)), stage2)
        return zip(stage1, mask).map { $0 ^ $1 }
    }
}
