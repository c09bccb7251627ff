import COpenSSL
import Testing
import Transport
@testable import MySQLWire

@Suite("Authentication plugins")
struct AuthPluginTests {
    static func context(_ password: Secret, nonce: [UInt8] = Array(1...20), cleartext: Bool = false,
                        key: [UInt8]? = nil) -> AuthContext {
        AuthContext(password: password, nonce: nonce, channel: cleartext ? .protected : .unencrypted(serverOffersTLS: false),
                    serverPublicKey: key)
    }

    /// RFC 8032, section 7.1, tests 1-3: (secret key, public key, message, signature).
    static let rfc8032 = [
        ("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        ("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
         "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
            + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]

    @Test("Ed25519 signs RFC 8032's test vectors", arguments: rfc8032)
    func ed25519Vectors(secret: String, publicKey: String, message: String, signature: String) throws {
        #expect(try Ed25519.publicKey(secret: hexBytes(secret)) == hexBytes(publicKey))
        #expect(try Ed25519.sign(message: hexBytes(message), secret: hexBytes(secret)) == hexBytes(signature))
    }

    @Test("Ed25519 with a 32-byte secret agrees with OpenSSL's own Ed25519")
    func ed25519AgainstOpenSSL() throws {
        for seed in 1...5 {
            let secret = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ seed &* 101) }
            let message = Array("challenge \(seed)".utf8)
            let key = try #require(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, secret, 32))
            defer { EVP_PKEY_free(key) }
            let context = try #require(EVP_MD_CTX_new())
            defer { EVP_MD_CTX_free(context) }
            #expect(EVP_DigestSignInit(context, nil, nil, nil, key) == 1)
            var signature = [UInt8](repeating: 0, count: 64)
            var length = 64
            #expect(EVP_DigestSign(context, &signature, &length, message, message.count) == 1)
            #expect(try Ed25519.sign(message: message, secret: secret) == signature)
        }
    }

    @Test("client_ed25519 signs the nonce with the password as the secret, of any length")
    func ed25519Plugin() throws {
        var plugin = Ed25519Auth()
        let nonce = Array(repeating: UInt8(7), count: 32)
        let signature = try plugin.start(Self.context("a much longer password than 32 bytes, é", nonce: nonce))
        #expect(signature.count == 64)
        #expect(try signature == Ed25519.sign(message: nonce, secret: Array("a much longer password than 32 bytes, é".utf8)))
        #expect(try plugin.passwordHash("pw").count == 32)
    }

    @Test("caching_sha2_password's scramble matches the SHA-256 construction computed independently")
    func cachingSHA2Scramble() throws {
        // python3: s1=sha256(b'secret'); s2=sha256(s1); xor(s1, sha256(s2 + bytes(range(1,21))))
        var plugin = CachingSHA2PasswordAuth()
        #expect(try plugin.start(Self.context("secret"))
            == hexBytes("746ebe205d56a0707acb3e796e834e0dd7b1d61743b26bd5202c7a623230c7c9"))
        #expect(try plugin.start(Self.context("")).isEmpty)
    }

    @Test("caching_sha2_password: fast path waits, full auth sends the password only when allowed")
    func cachingSHA2Paths() throws {
        var plugin = CachingSHA2PasswordAuth()
        #expect(try plugin.more([0x03], Self.context("pw")) == nil)
        #expect(try plugin.more([0x04], Self.context("pw", cleartext: true)) == Array("pw".utf8) + [0])
        // Without TLS and without a key: ask for the key (0x02), then encrypt with it.
        #expect(try plugin.more([0x04], Self.context("pw")) == [0x02])
        let pair = try TestRSAKey()
        let encrypted = try #require(try plugin.more(pair.publicPEM, Self.context("pw")))
        let plain = try pair.decrypt(encrypted)
        let nonce: [UInt8] = Array(1...20)
        #expect(plain.enumerated().map { $0.element ^ nonce[$0.offset % 20] } == Array("pw".utf8) + [0])
        #expect(throws: MySQLError.malformed(.cachingSHA2Status(0x09))) { try plugin.more([0x09], Self.context("pw")) }
    }

    @Test("sha256_password asks for the key without TLS and sends cleartext only over TLS")
    func sha256Paths() throws {
        var plugin = SHA256PasswordAuth()
        #expect(try plugin.start(Self.context("pw")) == [0x01])
        #expect(try plugin.start(Self.context("pw", cleartext: true)) == Array("pw".utf8) + [0])
        #expect(try plugin.start(Self.context("")) == [0])
        let pair = try TestRSAKey()
        #expect(try plugin.start(Self.context("pw", key: pair.publicPEM)).count == 256)
    }

    @Test("mysql_clear_password is refused over plain TCP and before a certificate is proven")
    func clearPassword() throws {
        var plugin = ClearPasswordAuth()
        #expect(throws: MySQLError.insecure(.cleartextUnencrypted(plugin: "mysql_clear_password", serverOffersTLS: false))) {
            try plugin.start(Self.context("pw"))
        }
        #expect(try plugin.start(Self.context("pw", cleartext: true)) == Array("pw".utf8) + [0])
        let pending = AuthContext(password: "pw", nonce: Array(1...20), channel: .awaitingFingerprint, serverPublicKey: nil)
        #expect(throws: MySQLError.insecure(.unprovablePlugin("mysql_clear_password"))) { try plugin.start(pending) }
    }

    @Test("while a certificate awaits MariaDB's fingerprint, only plugins that prove it may answer")
    func pendingFingerprint() throws {
        // The greeting proposes caching_sha2_password: not chosen, native is used instead.
        var authenticator = Authenticator(proposed: "caching_sha2_password", nonce: Array(1...20), password: "pw",
                                          channel: .awaitingFingerprint, serverPublicKey: nil)
        #expect(authenticator.pluginName == "mysql_native_password")
        _ = try authenticator.initialResponse()
        // A switch to a plugin that would reveal the password is refused before answering.
        for plugin in ["caching_sha2_password", "sha256_password", "mysql_clear_password"] {
            var copy = authenticator
            let request = [0xFE] + Array(plugin.utf8) + [0] + Array(repeating: 1, count: 20) + [0]
            #expect(throws: MySQLError.insecure(.unprovablePlugin(plugin))) {
                try copy.handle(request, capabilities: [.protocol41])
            }
        }
        // ed25519 may answer: its hash proves the fingerprint.
        let request = [0xFE] + Array("client_ed25519".utf8) + [0] + Array(repeating: 2, count: 32)
        guard case let .send(signature) = try authenticator.handle(request, capabilities: [.protocol41]) else {
            Issue.record("no answer to the switch")
            return
        }
        #expect(signature.count == 64)
    }

    @Test("a malformed public key is an error, not a crash")
    func badKey() {
        var plugin = SHA256PasswordAuth()
        #expect(throws: MySQLError.malformed(.publicKeyNotPEM)) {
            try plugin.more(Array("not a key".utf8), Self.context("pw"))
        }
        #expect(throws: MySQLError.malformed(.publicKeyNotRSA)) {
            try plugin.more(Array("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".utf8), Self.context("pw"))
        }
    }

    @Test("the MariaDB TLS fingerprint is SHA-256 over password hash, nonce and certificate digest")
    func fingerprint() throws {
        let hash = try NativePasswordAuth().passwordHash("pw")
        let certificate: [UInt8] = Array(repeating: 0x30, count: 100)
        let expected = try TLSFingerprint.expected(passwordHash: hash, nonce: Array(1...20), certificate: certificate)
        #expect(expected.count == 64)
        #expect(try TLSFingerprint.matches(info: "\u{01}" + expected, passwordHash: hash, nonce: Array(1...20), certificate: certificate))
        #expect(try TLSFingerprint.matches(info: "\u{01}" + expected.uppercased(), passwordHash: hash, nonce: Array(1...20), certificate: certificate))
        #expect(try !TLSFingerprint.matches(info: expected, passwordHash: hash, nonce: Array(1...20), certificate: certificate))
        #expect(try !TLSFingerprint.matches(info: "\u{01}" + expected, passwordHash: hash, nonce: Array(2...21), certificate: certificate))
    }
}

/// An RSA key pair made with OpenSSL for the test, to decrypt what the plugins encrypt.
final class TestRSAKey {
    let key: OpaquePointer
    let publicPEM: [UInt8]

    init() throws {
        let context = try #require(EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil))
        defer { EVP_PKEY_CTX_free(context) }
        #expect(EVP_PKEY_keygen_init(context) == 1)
        #expect(EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) == 1)
        var generated: OpaquePointer?
        #expect(EVP_PKEY_keygen(context, &generated) == 1)
        key = try #require(generated)
        let bio = try #require(BIO_new(BIO_s_mem()))
        defer { BIO_free(bio) }
        #expect(PEM_write_bio_PUBKEY(bio, key) == 1)
        var pem = [UInt8](repeating: 0, count: 4096)
        let count = BIO_read(bio, &pem, Int32(pem.count))
        publicPEM = Array(pem.prefix(Int(max(0, count))))
    }

    deinit { EVP_PKEY_free(key) }

    func decrypt(_ data: [UInt8]) throws -> [UInt8] {
        let context = try #require(EVP_PKEY_CTX_new(key, nil))
        defer { EVP_PKEY_CTX_free(context) }
        #expect(EVP_PKEY_decrypt_init(context) == 1)
        #expect(bc_EVP_PKEY_CTX_set_rsa_oaep(context) == 1)
        var output = [UInt8](repeating: 0, count: 512)
        var length = output.count
        #expect(EVP_PKEY_decrypt(context, &output, &length, data, data.count) == 1)
        return Array(output.prefix(length))
    }
}
