import TextRules

/// MariaDB 11.4+ zero-configuration TLS: after a successful login over TLS the server puts
/// 0x01 and the hex SHA-256 of (password hash ‖ greeting nonce ‖ SHA-256 of its certificate) in
/// the OK packet. Only a server that knows the password hash can compute it, so it vouches for
/// a certificate no CA signed. https://mariadb.com/kb/en/mariadb-11-4-0-release-notes/ (MDEV-31855)
enum TLSFingerprint {
    /// The value the server must send for these inputs.
    static func expected(passwordHash: [UInt8], nonce: [UInt8], certificate: [UInt8]) throws(MySQLError) -> String {
        try Digest.sha256(passwordHash, nonce, Digest.sha256(certificate)).map { $0.hexadecimal(width: 2) }.joined()
    }

    /// True when the OK packet's info carries the expected fingerprint.
    static func matches(info: String, passwordHash: [UInt8], nonce: [UInt8], certificate: [UInt8]) throws(MySQLError) -> Bool {
        let bytes = Array(info.utf8)
        guard bytes.first == 0x01, bytes.count == 65 else { return false }
        let received = String(decoding: bytes.dropFirst(), as: UTF8.self).lowercased()
        return received == (try expected(passwordHash: passwordHash, nonce: nonce, certificate: certificate))
    }
}
