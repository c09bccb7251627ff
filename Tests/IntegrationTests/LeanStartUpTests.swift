import Foundation
import Testing
import TestSupport

/// OpenSSL starts without the system's configuration file: the image has none, so a host that
/// has one must behave the same, and no run pays for parsing it.
@Suite("Lean start-up", .serialized)
struct LeanStartUpTests {
    @Test("a check over verified TLS never opens OPENSSL_CONF")
    func noOpenSSLConfiguration() throws {
        let setup = try CheckerSetup(list: "mail.example.test\n")
        // A FIFO: whoever opens it for reading meets a writer waiting in `open`, which returns
        // only then. The checker ending first, the test opens the reading end itself.
        let fifo = setup.directory.url.appendingPathComponent("openssl.cnf").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let opened = Flag()
        let checkerEnded = Flag()
        let writer = Thread {
            let descriptor = open(fifo, O_WRONLY)
            if !checkerEnded.isSet { opened.set() }
            if descriptor >= 0 { close(descriptor) }
        }
        writer.start()

        let result = try CheckerProcess.run(["--dry-run"], environment: setup.environment([
            "OPENSSL_CONF": fifo, "db_tls": "verify-ca", "db_tls_ca": setup.server.tlsCA,
        ]))
        checkerEnded.set()
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { if reader >= 0 { close(reader) } }
        #expect(!opened.isSet, "the checker opened OPENSSL_CONF")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("diff: ['mail.example.test']"), "\(result.stdout)")
    }
}

/// A flag set once by one thread and read by another.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
