import Foundation
import MySQLWire
import Testing
import TestSupport
import Transport

/// A relay on loopback that presents its own certificate between the client and the real
/// MariaDB 10.11: under verify-ca and verify-identity no authentication packet may reach it,
/// with a CA configured or without one (10.11 cannot prove its certificate with MariaDB
/// 11.4's fingerprint). Under `required` (encryption without verification) the relay does get
/// the login, which shows it would have worked.
@Suite("A man in the middle", .serialized)
struct ManInTheMiddleTests {
    static func attempt(_ mode: TLSMode, ca: Bool) throws -> (error: MySQLError?, handshakeDone: Bool, bytes: [UInt8]) {
        let server = try TestServer.current()
        let directory = try TemporaryDirectory()
        let relay = try TLSRelay(to: server, presenting: try TLSMaterial.make(in: directory.url))
        var options = server.options(user: server.user, password: server.password, database: "backups", tls: mode,
                                     ca: ca ? server.tlsCA : nil, endpoint: .tcp(host: "127.0.0.1", port: relay.port))
        options.timeouts = Timeouts(connect: 5, read: 5, write: 5)
        var failure: MySQLError?
        do {
            let connection = try Connection(options: options)
            _ = try connection.query("SELECT COUNT(*) FROM list")
            connection.close()
        } catch {
            failure = error
        }
        let seen = relay.bytesFromClientAfterTLS()
        return (failure, seen.handshakeDone, seen.bytes)
    }

    @Test("verify modes refuse the relay's certificate before any authentication packet",
          arguments: [(TLSMode.verifyCA, true), (.verifyIdentity, true), (.verifyCA, false), (.verifyIdentity, false)])
    func refused(mode: TLSMode, ca: Bool) throws {
        let (error, handshakeDone, bytes) = try Self.attempt(mode, ca: ca)
        #expect(handshakeDone, "the TLS handshake with the relay took place")
        #expect(bytes.isEmpty, "\(bytes.count) bytes reached the relay after TLS")
        guard case .insecure(.untrustedCertificate)? = error else {
            Issue.record("expected an untrusted certificate, got \(String(describing: error))")
            return
        }
    }

    @Test("without verification the relay gets the login: the test can tell")
    func requiredIsRelayed() throws {
        let (error, handshakeDone, bytes) = try Self.attempt(.required, ca: false)
        #expect(error == nil, "\(String(describing: error))")
        #expect(handshakeDone)
        #expect(bytes.count > 36, "the handshake response and the query went through the relay")
    }
}
