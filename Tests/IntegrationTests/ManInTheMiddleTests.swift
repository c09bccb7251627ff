import Foundation
import MySQLWire
import Testing
import TestSupport
import Transport

/// A relay on loopback that presents its own certificate between the client and the real
/// MariaDB 10.11 and records every byte the client sends after TLS: an authentication packet
/// arriving there is a login handed over. Under verify-ca and verify-identity nothing may
/// reach it unless the certificate's chain verifies whole — signature, dates — and, under
/// verify-identity, it also names the host. The CA comes from db_tls_ca or, with no CA
/// configured, from the deployment's bundle (10.11 cannot prove its certificate with MariaDB
/// 11.4's fingerprint, so the zero-configuration path refuses too).
@Suite("A man in the middle", .serialized)
struct ManInTheMiddleTests {
    /// Where the trusted CA comes from.
    enum TrustedCA: String, CustomStringConvertible {
        /// db_tls_ca (ConnectionOptions.tlsCAFile).
        case configured
        /// The deployment's bundle (SSL_CERT_FILE; ConnectionOptions.tlsDefaultCAFile): the
        /// zero-configuration path.
        case bundle
        var description: String { rawValue }
    }

    /// Each impostor under each verify mode with the CA from each source.
    static func cases(_ impostors: [TLSMaterial.Impostor]) -> [(TLSMaterial.Impostor, TLSMode, TrustedCA)] {
        impostors.flatMap { impostor in
            [TLSMode.verifyCA, .verifyIdentity].flatMap { mode in [TrustedCA.configured, .bundle].map { (impostor, mode, $0) } }
        }
    }

    static func attempt(_ mode: TLSMode, presenting material: TLSMaterial, trustedCA: String?,
                        from source: TrustedCA) throws -> (error: MySQLError?, handshakeDone: Bool, bytes: [UInt8]) {
        let server = try TestServer.current()
        let relay = try TLSRelay(to: server, presenting: material)
        var options = server.options(user: server.user, password: server.password, database: "backups", tls: mode,
                                     ca: source == .configured ? trustedCA : nil, endpoint: .tcp(host: "127.0.0.1", port: relay.port))
        if source == .bundle, let trustedCA { options.tlsDefaultCAFile = trustedCA }
        options.timeouts = Timeouts(connect: 5, read: 5, write: 5)
        var failure: MySQLError?
        do {
            let connection = try Connection(options: options)
            _ = try connection.query("SELECT 1")
            connection.close()
        } catch {
            failure = error
        }
        let seen = relay.bytesFromClientAfterTLS()
        return (failure, seen.handshakeDone, seen.bytes)
    }

    @Test("verify modes refuse a certificate no trusted CA signed, before any authentication packet",
          arguments: [(TLSMode.verifyCA, true), (.verifyIdentity, true), (.verifyCA, false), (.verifyIdentity, false)])
    func refused(mode: TLSMode, ca: Bool) throws {
        let server = try TestServer.current()
        let directory = try TemporaryDirectory()
        let (error, handshakeDone, bytes) = try Self.attempt(mode, presenting: try TLSMaterial.make(in: directory.url),
                                                             trustedCA: ca ? server.tlsCA : nil, from: ca ? .configured : .bundle)
        #expect(handshakeDone, "the TLS handshake with the relay took place")
        #expect(bytes.isEmpty, "\(bytes.count) bytes reached the relay after TLS")
        guard case .insecure(.untrustedCertificate)? = error else {
            Issue.record("expected an untrusted certificate, got \(String(describing: error))")
            return
        }
    }

    @Test("a forged or expired certificate for another name gets no login, under either verify mode",
          arguments: cases([.forged, .expired]))
    func impostorRefused(impostor: TLSMaterial.Impostor, mode: TLSMode, source: TrustedCA) throws {
        let directory = try TemporaryDirectory()
        let material = try TLSMaterial.make(in: directory.url)
        let (error, handshakeDone, bytes) = try Self.attempt(mode, presenting: try material.presenting(impostor),
                                                             trustedCA: material.caFile, from: source)
        #expect(handshakeDone, "the TLS handshake with the relay took place")
        #expect(bytes.isEmpty, "\(bytes.count) bytes reached the relay after TLS")
        guard case let .insecure(.untrustedCertificate(reason))? = error else {
            Issue.record("expected an untrusted certificate, got \(String(describing: error))")
            return
        }
        #expect(reason.contains(impostor == .forged ? "signature" : "expired"), "\(reason)")
    }

    @Test("a certificate the CA signed for another name: verify-ca logs in, verify-identity refuses",
          arguments: [TLSMode.verifyCA, .verifyIdentity], [TrustedCA.configured, .bundle])
    func wrongName(mode: TLSMode, source: TrustedCA) throws {
        let directory = try TemporaryDirectory()
        let material = try TLSMaterial.make(in: directory.url)
        let (error, handshakeDone, bytes) = try Self.attempt(mode, presenting: try material.presenting(.wrongName),
                                                             trustedCA: material.caFile, from: source)
        #expect(handshakeDone)
        if mode == .verifyCA {
            #expect(error == nil, "\(String(describing: error))")
            #expect(bytes.count > 36, "the handshake response went through the relay")
        } else {
            #expect(bytes.isEmpty, "\(bytes.count) bytes reached the relay after TLS")
            guard case let .insecure(.wrongHostName(reason))? = error else {
                Issue.record("expected a wrong host name, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("127.0.0.1"), "\(reason)")
        }
    }

    @Test("the real binary: an impostor under a verify mode ends in exit 3 with no login handed over",
          arguments: cases(TLSMaterial.Impostor.allCases))
    func binary(impostor: TLSMaterial.Impostor, mode: TLSMode, source: TrustedCA) throws {
        let setup = try CheckerSetup(list: "a.example.test\n")
        let material = try TLSMaterial.make(in: setup.directory.url)
        let relay = try TLSRelay(to: setup.server, presenting: try material.presenting(impostor))
        var settings = ["db_host": "127.0.0.1", "db_port": String(relay.port), "db_tls": mode.rawValue,
                        "db_connect_timeout": "5", "db_read_timeout": "5"]
        if source == .configured { settings["db_tls_ca"] = material.caFile } else { settings["SSL_CERT_FILE"] = material.caFile }
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: setup.environment(settings))
        let seen = relay.bytesFromClientAfterTLS()
        #expect(seen.handshakeDone)
        if impostor == .wrongName && mode == .verifyCA {
            #expect(seen.bytes.count > 36, "the login went through the relay")
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        } else {
            #expect(seen.bytes.isEmpty, "\(seen.bytes.count) bytes reached the relay after TLS")
            #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
            let refusal = impostor == .wrongName ? "refused: the server's certificate is trusted but the certificate is not for 127.0.0.1"
                : "refused: the server's certificate is not trusted"
            #expect(result.stdout.contains(refusal), "\(result.stdout)")
            // A weaker mode is advised only when the chain verified and only the name differs.
            let advisesVerifyCA = (result.stdout + result.stderr).contains("db_tls=verify-ca")
            #expect(advisesVerifyCA == (impostor == .wrongName), "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("db_tls=required"), "\(result.stderr)")
        }
    }

    @Test("without verification the relay gets the login: the test can tell")
    func requiredIsRelayed() throws {
        let directory = try TemporaryDirectory()
        let (error, handshakeDone, bytes) = try Self.attempt(.required, presenting: try TLSMaterial.make(in: directory.url),
                                                             trustedCA: nil, from: .configured)
        #expect(error == nil, "\(String(describing: error))")
        #expect(handshakeDone)
        #expect(bytes.count > 36, "the handshake response and the query went through the relay")
    }
}
