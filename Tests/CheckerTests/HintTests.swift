import Glibc
import MySQLWire
import Notify
import Testing
import TextRules
import Transport
@testable import Checker

/// Hints are chosen by the error's case and name the settings; the libraries' messages name none.
@Suite("Hints and messages")
struct HintTests {
    @Test("a cleartext plugin refused: without TLS on the server, no TLS setting can help")
    func cleartext() {
        let noTLS = Hints.hint(for: MySQLError.insecure(.cleartextUnencrypted(plugin: "mysql_clear_password", serverOffersTLS: false)))
        #expect(noTLS.contains("enable TLS on the server") && noTLS.contains("db_socket"))
        #expect(!noTLS.contains("db_tls_ca") && !noTLS.contains("db_tls=required"))
        let withTLS = Hints.hint(for: MySQLError.insecure(.cleartextUnencrypted(plugin: "mysql_clear_password", serverOffersTLS: true)))
        #expect(withTLS.contains("db_tls=verify-ca"))
        #expect(MySQLError.insecure(.cleartextUnencrypted(plugin: "mysql_clear_password", serverOffersTLS: true)).description
                == "refused: mysql_clear_password would send the password in cleartext over an unencrypted connection")
    }

    @Test("the libraries' messages name no setting of the checker", arguments: [
        MySQLError.insecure(.tlsNotOffered(mode: .required, server: "10.11.6-MariaDB")),
        .insecure(.untrustedCertificate("self-signed certificate")), .insecure(.wrongHostName("the certificate is not for x")),
        .insecure(.noPasswordForFingerprint("self-signed certificate")), .insecure(.fingerprintMismatch("self-signed certificate")),
        .insecure(.unprovablePlugin("sha256_password")),
    ])
    func libraryMessages(error: MySQLError) {
        #expect(!error.description.includes("db_"), "\(error)")
        #expect(Hints.hint(for: error).includes("db_tls"), "\(error)")
    }

    @Test("verify-ca (or any weaker mode) is offered only for a verified chain whose name differs", arguments: [
        InsecureReason.untrustedCertificate("certificate signature failure"), .untrustedCertificate("certificate has expired"),
        .noPasswordForFingerprint("certificate has expired"), .fingerprintMismatch("certificate signature failure"),
    ])
    func noWeakerModeForAnUnverifiedChain(reason: InsecureReason) {
        let hint = Hints.hint(for: MySQLError.insecure(reason))
        #expect(!hint.includes("verify-ca") && !hint.includes("required") && !hint.includes("preferred"), "\(hint)")
        #expect(hint.includes("db_tls_ca"))
        #expect(Hints.hint(for: MySQLError.insecure(.wrongHostName("the certificate is not for db.example.test"))).includes("db_tls=verify-ca"))
    }

    @Test("a database timeout's hint is chosen by its phase: the login's setting, or the query's", arguments: [
        (MySQLError.timedOut(.login, .connecting("db:3306"), seconds: 10), "db_connect_timeout", "db_read_timeout"),
        (.timedOut(.login, .waitingForAnswer("db:3306"), seconds: 10), "db_connect_timeout", "db_read_timeout"),
        (.timedOut(.query, .waitingForAnswer("db:3306"), seconds: 30), "db_read_timeout", "db_connect_timeout"),
    ])
    func timeoutHints(error: MySQLError, names: String, notNamed: String) {
        let hint = Hints.hint(for: error)
        #expect(hint.includes(names) && !hint.includes(notNamed), "\(hint)")
        #expect(!error.description.includes("db_"))
    }

    @Test("a timeout names its step in words")
    func timeoutWording() {
        #expect(TransportError.timeout(.tlsHandshake("127.0.0.1:3306"), seconds: 5).description
                == "timed out after 5 s in the TLS handshake with 127.0.0.1:3306")
        #expect(TransportError.timeout(.waitingForAnswer("db:3306"), seconds: 0.5).description
                == "timed out after 0.5 s waiting for db:3306 to answer")
        #expect(TransportError.io(.tlsHandshake("db:3306"), .errno(ECONNRESET)).description
                == "the TLS handshake with db:3306 failed: Connection reset by peer")
    }

    @Test("Zulip's answers choose their hints by status and code", arguments: [
        (401, nil as String?, "zulip_bot_api_key"), (400, "STREAM_DOES_NOT_EXIST", "zulip_stream"), (404, nil, "zulip_site"),
        (503, nil, "next run"),
    ])
    func zulip(status: Int, code: String?, setting: String) {
        let error = DeliveryError(service: "Zulip", site: "https://z", problem: .rejected(status: status, message: nil, code: code, retryAfter: nil))
        #expect(Hints.hint(for: error, service: .zulip).includes(setting))
    }

    @Test("a metrics file that cannot be written is hinted by the failed step and errno, never by the words", arguments: [
        (PublishError.file(path: "/m/x.prom", temporary: "/m/.t", step: .create, errno: ENOENT), "does not exist"),
        (.file(path: "/m/x.prom", temporary: "/m/.t", step: .create, errno: ENOTDIR), "does not exist"),
        (.file(path: "/m/x.prom", temporary: "/m/.t", step: .create, errno: EACCES), "may not write"),
        (.file(path: "/m/x.prom", temporary: "/m/.t", step: .write, errno: EROFS), "read-only file system"),
        (.file(path: "/m/x.prom", temporary: "/m/.t", step: .rename, errno: EISDIR), "names a folder"),
        (.file(path: "/m/x.prom", temporary: "/m/.t", step: .flush, errno: ENOSPC), "is full"),
        (.file(path: "/m/x.prom", temporary: "/m/.t", step: .close, errno: EIO), "see the error above"),
    ])
    func metricsFileHints(error: PublishError, words: String) {
        let hint = Hints.hint(for: error)
        #expect(hint.includes(words) && hint.includes("metrics_file"), "\(hint)")
    }
}
