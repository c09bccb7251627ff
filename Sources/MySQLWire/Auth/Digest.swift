import COpenSSL
import Transport

/// Message digests through OpenSSL's EVP interface. A failure inside OpenSSL is thrown, never
/// turned into an empty hash that would surface later as a misleading "access denied".
enum Digest {
    static func sha1(_ parts: [UInt8]...) throws(MySQLError) -> [UInt8] { try hash(EVP_sha1(), "SHA-1", parts) }
    static func sha256(_ parts: [UInt8]...) throws(MySQLError) -> [UInt8] { try hash(EVP_sha256(), "SHA-256", parts) }
    static func sha512(_ parts: [UInt8]...) throws(MySQLError) -> [UInt8] { try hash(EVP_sha512(), "SHA-512", parts) }

    static func hash(_ type: OpaquePointer?, _ name: String, _ parts: [[UInt8]]) throws(MySQLError) -> [UInt8] {
        CryptoLibrary.start()
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard let context = EVP_MD_CTX_new() else { throw .crypto("\(name): no digest context") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, type, nil) == 1 else { throw failure(name) }
        for part in parts {
            guard part.withUnsafeBytes({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1 else {
                throw failure(name)
            }
        }
        guard EVP_DigestFinal_ex(context, &output, &length) == 1, length > 0 else { throw failure(name) }
        return Array(output.prefix(Int(length)))
    }

    private static func failure(_ name: String) -> MySQLError {
        ERR_clear_error()
        return .crypto(name)
    }
}
