import COpenSSL

/// Message digests through OpenSSL's EVP interface.
enum Digest {
    static func sha1(_ parts: [UInt8]...) -> [UInt8] { hash(EVP_sha1(), parts) }
    static func sha256(_ parts: [UInt8]...) -> [UInt8] { hash(EVP_sha256(), parts) }
    static func sha512(_ parts: [UInt8]...) -> [UInt8] { hash(EVP_sha512(), parts) }

    private static func hash(_ type: OpaquePointer?, _ parts: [[UInt8]]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard let context = EVP_MD_CTX_new() else { return [] }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, type, nil) == 1 else { return [] }
        for part in parts {
            guard part.withUnsafeBytes({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1 else { return [] }
        }
        guard EVP_DigestFinal_ex(context, &output, &length) == 1 else { return [] }
        return Array(output.prefix(Int(length)))
    }
}
