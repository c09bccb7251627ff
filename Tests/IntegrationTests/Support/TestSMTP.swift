import Foundation
import Testing

/// The SMTP server that scripts/smtp started (aiosmtpd), as scripts/test describes it in
/// BC_TEST_SMTP_*, and the messages it saved. A missing server is a test failure, never a skip.
struct TestSMTP {
    let host: String
    let startTLSPort: UInt16
    let smtpsPort: UInt16
    let plainPort: UInt16
    let caFile: String
    let user: String
    let password: String
    let mailDirectory: URL

    static func current() throws -> TestSMTP {
        let env = ProcessInfo.processInfo.environment
        let port = try #require(env["BC_TEST_SMTP_STARTTLS_PORT"].flatMap(UInt16.init),
                                "BC_TEST_SMTP_STARTTLS_PORT is not set: run the tests with scripts/test, which starts scripts/smtp")
        return TestSMTP(host: env["BC_TEST_SMTP_HOST"] ?? "127.0.0.1", startTLSPort: port,
                        smtpsPort: try #require(env["BC_TEST_SMTP_SMTPS_PORT"].flatMap(UInt16.init)),
                        plainPort: try #require(env["BC_TEST_SMTP_PLAIN_PORT"].flatMap(UInt16.init)),
                        caFile: try #require(env["BC_TEST_SMTP_CA"]), user: try #require(env["BC_TEST_SMTP_USER"]),
                        password: try #require(env["BC_TEST_SMTP_PASSWORD"]),
                        mailDirectory: URL(fileURLWithPath: try #require(env["BC_TEST_SMTP_MAILDIR"])))
    }

    /// A recipient no other test uses, to find this test's message by.
    static func uniqueRecipient(_ name: String = "ops") -> String {
        "\(name)-\(UUID().uuidString.prefix(8).lowercased())@example.test"
    }

    /// What the server saved for one message (see scripts/smtp-server.py).
    struct Received {
        let record: [String: Any]
        var port: String? { record["port"] as? String }
        var tls: Bool { record["tls"] as? Bool ?? false }
        var authenticated: Bool { record["auth"] as? Bool ?? false }
        var login: String? { record["login"] as? String }
        var mechanism: String? { record["mechanism"] as? String }
        var mailFrom: String? { record["mail_from"] as? String }
        var mailOptions: [String] { record["mail_options"] as? [String] ?? [] }
        var recipients: [String] { record["rcpt_tos"] as? [String] ?? [] }
        var raw: String { record["raw"] as? String ?? "" }
        private var message: [String: Any] { record["message"] as? [String: Any] ?? [:] }
        var contentType: String? { message["content_type"] as? String }
        var defects: [String] { message["defects"] as? [String] ?? [] }
        /// Headers as Python's e-mail package read them, in order.
        var headers: [(String, String)] {
            (message["headers"] as? [[String]] ?? []).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
        }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        /// Each leaf part: content type, charset, transfer encoding and its text, decoded by Python.
        var parts: [(type: String, charset: String?, encoding: String?, text: String)] {
            (message["parts"] as? [[String: Any]] ?? []).map {
                ($0["content_type"] as? String ?? "", $0["charset"] as? String, $0["transfer_encoding"] as? String,
                 $0["text"] as? String ?? "")
            }
        }
    }

    /// Every saved message addressed to `recipient`.
    func received(by recipient: String) throws -> [Received] {
        let files = try FileManager.default.contentsOfDirectory(at: mailDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.compactMap { file in
            let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            let received = Received(record: record)
            return received.recipients.contains(recipient) ? received : nil
        }
    }
}
