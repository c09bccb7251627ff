import COpenSSL
import Transport

/// A server's RSA public key (PEM), used to send the password encrypted with RSA-OAEP when
/// there is no TLS: caching_sha2_password and sha256_password full authentication.
struct RSAPublicKey {
    private let pem: [UInt8]

    init(pem: [UInt8]) throws(MySQLError) {
        guard pem.count < 16 << 10, pem.starts(with: Array("-----BEGIN ".utf8)) else {
            throw .malformed(.publicKeyNotPEM)
        }
        self.pem = pem
    }

    /// RSA-OAEP (SHA-1, as the servers use) of (password + NUL) XOR the repeated nonce.
    func encryptPassword(_ password: Secret, nonce: [UInt8]) throws(MySQLError) -> [UInt8] {
        guard !nonce.isEmpty else { throw .malformed(.emptyNonce) }
        var plain = password.utf8Bytes + [0]
        for index in plain.indices { plain[index] ^= nonce[index % nonce.count] }
        defer { for index in plain.indices { plain[index] = 0 } }
        return try encrypt(plain)
    }

    func encrypt(_ plain: [UInt8]) throws(MySQLError) -> [UInt8] {
        CryptoLibrary.start()
        let key: OpaquePointer? = pem.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        guard let key else {
            ERR_clear_error()
            throw .malformed(.publicKeyNotRSA)
        }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_PKEY_CTX_new(key, nil) else { throw .unsupported("RSA encryption (OpenSSL)") }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_encrypt_init(context) == 1, bc_EVP_PKEY_CTX_set_rsa_oaep(context) == 1 else {
            ERR_clear_error()
            throw .unsupported("RSA-OAEP with this key")
        }
        var length = 0
        guard EVP_PKEY_encrypt(context, nil, &length, plain, plain.count) == 1, length > 0, length <= 4096 else {
            ERR_clear_error()
            throw .invalidArgument("the password is too long for the server's RSA key")
        }
        var output = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_encrypt(context, &output, &length, plain, plain.count) == 1 else {
            ERR_clear_error()
            throw .invalidArgument("the password is too long for the server's RSA key")
        }
        return Array(output.prefix(length))
    }
}
