import Foundation
import Testing
import TestSupport
import Transport
@testable import Checker
@testable import Notify

/// The e-mail client against a real SMTP server (aiosmtpd, started by scripts/smtp): STARTTLS
/// and AUTH, implicit TLS, a server without 8BITMIME, and what the server received as Python's
/// own e-mail parser reads it.
@Suite("E-mail against aiosmtpd", .serialized)
struct MailServerTests {
    let smtp: TestSMTP

    init() throws {
        smtp = try TestSMTP.current()
    }

    static let text = """
        something went wrong
        date: 2024-10-18 (UTC)
        slow: f.example.test took 0:41:00, 9.5× its median of 0:04:20 over 5 runs
        .a line that starts with a dot
        .
        a line that is long: \(String(repeating: "abcdefghij", count: 120))
        """
    /// As a part comes back: SMTP's lines end with CRLF.
    static func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

    static let html = "<!DOCTYPE html>\n<html><body><pre>something went wrong</pre>\n<table><tr><td>o</td></tr></table></body></html>\n"

    func client(_ url: String, ca: String? = nil, timeout: Double = 10) throws -> MailClient {
        guard case let .email(mailto) = try DestinationURL.parse(url) else {
            Issue.record("\(url) is not read as e-mail")
            throw TestFailure("not e-mail")
        }
        return MailClient(url: mailto, options: DestinationOptions(timeout: timeout, extraCAFile: ca, retry: RetryPolicy(delays: [])))
    }

    func send(_ client: MailClient) throws {
        try client.send(NotifyMessage(title: "backup check 2024-10-18: something went wrong", text: Self.text, severity: .failure,
                                      html: Self.html))
    }

    @Test("mailto: STARTTLS, AUTH PLAIN, one message to every recipient, multipart/alternative read back whole")
    func startTLS() throws {
        let first = TestSMTP.uniqueRecipient("first"), second = TestSMTP.uniqueRecipient("second")
        let url = "mailto://\(smtp.user):\(smtp.password)@\(smtp.host):\(smtp.startTLSPort)?to=\(first),\(second)&from=backup@example.test"
        try send(try client(url, ca: smtp.caFile))
        let received = try smtp.received(by: first)
        try #require(received.count == 1)
        let mail = received[0]
        #expect(mail.port == "starttls" && mail.tls && mail.authenticated)
        #expect(mail.login == smtp.user && mail.mechanism == "PLAIN")
        #expect(mail.mailFrom == "backup@example.test")
        #expect(mail.recipients == [first, second])
        // The text has a line longer than SMTP's 998 (quoted-printable), the HTML is ASCII (7bit):
        // no part needs 8BITMIME.
        #expect(mail.mailOptions.isEmpty)
        #expect(mail.header("Subject") == "backup check 2024-10-18: something went wrong")
        #expect(mail.header("From") == "backup@example.test")
        #expect(mail.header("To") == "\(first), \(second)")
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(mail.header("Date")?.hasSuffix(" +0000") == true)
        #expect(mail.header("Message-ID")?.hasSuffix("@example.test>") == true)
        #expect(mail.contentType == "multipart/alternative")
        #expect(mail.defects.isEmpty)
        let parts = mail.parts
        try #require(parts.count == 2)
        #expect(parts[0].type == "text/plain" && parts[0].charset == "utf-8")
        #expect(parts[0].encoding == "quoted-printable")  // one line is longer than SMTP's 998
        #expect(parts[0].text == Self.crlf(Self.text))
        #expect(parts[1].type == "text/html" && parts[1].charset == "utf-8" && parts[1].encoding == "7bit")
        #expect(parts[1].text == Self.crlf(Self.html))
        #expect(!mail.raw.contains(smtp.password))
    }

    @Test("8bit when the server offers 8BITMIME and the lines allow it")
    func eightBit() throws {
        let to = TestSMTP.uniqueRecipient()
        let client = try client("mailtos://\(smtp.user):\(smtp.password)@\(smtp.host):\(smtp.smtpsPort)?to=\(to)", ca: smtp.caFile)
        let text = "everything is a-ok\nzoë's-box ✓\n.dot"
        try client.send(NotifyMessage(title: "backup check 2024-10-18: ok", text: text, severity: .info))
        let mail = try #require(try smtp.received(by: to).first)
        #expect(mail.mailOptions == ["BODY=8BITMIME"])
        #expect(mail.parts.first?.encoding == "8bit")
        #expect(mail.parts.first?.text == Self.crlf(text))
        #expect(mail.raw.contains("\r\nzoë's-box ✓\r\n.dot\r\n"))
        // from= left out: the first recipient is the sender.
        #expect(mail.mailFrom == to)
    }

    @Test("mailtos: TLS from the first byte, AUTH, the message taken")
    func implicitTLS() throws {
        let to = TestSMTP.uniqueRecipient()
        try send(try client("mailtos://\(smtp.user):\(smtp.password)@\(smtp.host):\(smtp.smtpsPort)?to=\(to)&from=b@example.test",
                            ca: smtp.caFile))
        let mail = try #require(try smtp.received(by: to).first)
        #expect(mail.port == "smtps" && mail.tls && mail.authenticated && mail.login == smtp.user)
        #expect(mail.parts.first?.text == Self.crlf(Self.text))
    }

    @Test("a server without 8BITMIME gets quoted-printable and no BODY parameter; a login on loopback without TLS")
    func noEightBitMIME() throws {
        let to = TestSMTP.uniqueRecipient()
        try send(try client("mailto://\(smtp.user):\(smtp.password)@\(smtp.host):\(smtp.plainPort)?to=\(to)&from=b@example.test"))
        let mail = try #require(try smtp.received(by: to).first)
        #expect(mail.port == "plain" && !mail.tls && mail.authenticated)
        #expect(mail.mailOptions.isEmpty)
        #expect(mail.parts.map(\.encoding) == ["quoted-printable", "7bit"])
        #expect(mail.parts.first?.text == Self.crlf(Self.text))
        #expect(!mail.raw.utf8.contains { $0 >= 0x80 })
    }

    @Test("a certificate not signed by a trusted CA: nothing is sent, no fall-back to plain text")
    func untrusted() throws {
        let to = TestSMTP.uniqueRecipient()
        let client = try client("mailto://\(smtp.user):\(smtp.password)@\(smtp.host):\(smtp.startTLSPort)?to=\(to)")
        do {
            try send(client)
            Issue.record("an untrusted certificate was accepted")
        } catch let error as DeliveryError {
            guard case .mail(.untrustedCertificate) = error.problem else { Issue.record("\(error)"); return }
            #expect(!error.description.contains(smtp.password))
        }
        #expect(try smtp.received(by: to).isEmpty)
    }

    @Test("a wrong password: the login step is named, the password is not")
    func wrongPassword() throws {
        let to = TestSMTP.uniqueRecipient()
        let wrong = "Wrong-Mail-Pass-77"
        let client = try client("mailtos://\(smtp.user):\(wrong)@\(smtp.host):\(smtp.smtpsPort)?to=\(to)", ca: smtp.caFile)
        do {
            try send(client)
            Issue.record("a wrong password was accepted")
        } catch let error as DeliveryError {
            guard case let .mail(.rejected(code, _, step)) = error.problem else { Issue.record("\(error)"); return }
            #expect(code == 535 && step == .login)
            #expect(!error.description.contains(wrong))
            #expect(!error.isRetryable)
        }
        #expect(try smtp.received(by: to).isEmpty)
    }

    @Test("doctor's check: connect, STARTTLS, AUTH, QUIT; nothing is sent")
    func probe() throws {
        let to = TestSMTP.uniqueRecipient()
        let client = try client("mailto://\(smtp.user):\(smtp.password)@\(smtp.host):\(smtp.startTLSPort)?to=\(to)", ca: smtp.caFile)
        #expect(try client.check() == "reachable on port \(smtp.startTLSPort) over STARTTLS, logged in; nothing was sent")
        #expect(try smtp.received(by: to).isEmpty)
    }

    @Test("apprise's ?mode=: ssl is TLS from the first byte on any port, starttls requires STARTTLS, as apprise reads them")
    func secureMode() throws {
        let to = TestSMTP.uniqueRecipient()
        let base = "\(smtp.user):\(smtp.password)@\(smtp.host)"
        let ssl = try client("mailto://\(base):\(smtp.smtpsPort)?to=\(to)&mode=ssl", ca: smtp.caFile)
        #expect(try ssl.check() == "reachable on port \(smtp.smtpsPort) over TLS, logged in; nothing was sent")
        let startTLS = try client("mailtos://\(base):\(smtp.startTLSPort)?to=\(to)&mode=starttls", ca: smtp.caFile)
        #expect(try startTLS.check() == "reachable on port \(smtp.startTLSPort) over STARTTLS, logged in; nothing was sent")
        // STARTTLS required, and the server offers none: refused, never a login in plain text.
        let required = try client("mailto://\(base):\(smtp.plainPort)?to=\(to)&mode=starttls", ca: smtp.caFile)
        #expect {
            try required.check()
        } throws: { error in
            (error as? DeliveryError)?.problem == .mail(.startTLSRequired)
        }
        // The default ports follow the mode, as in apprise: 465 for ssl, 587 for starttls.
        #expect(try client("mailto://h.example.test?to=a@b&mode=ssl").port == 465)
        #expect(try client("mailtos://h.example.test?to=a@b&mode=starttls").port == 587)
        #expect(try client("mailtos://h.example.test?to=a@b&mode=STARTTLS").requiresStartTLS)
        #expect(throws: DestinationURLError.malformed(service: "e-mail", .badMailMode)) {
            try DestinationURL.parse("mailto://u:p@h.example.test?to=a@b&mode=sometimes")
        }
        #expect(try smtp.received(by: to).isEmpty)
    }

    @Test("a server that accepts and never answers: the greeting's deadline, a retryable error")
    func silentServer() throws {
        let listener = try #require(listenOnLoopback())
        defer { close(listener.fd) }
        let client = try client("mailto://\(smtp.host):\(listener.port)?to=a@example.test", timeout: 0.5)
        do {
            try send(client)
            Issue.record("a silent server was taken for one that answered")
        } catch let error as DeliveryError {
            guard case .mail(.lost(.timeout, .greeting)) = error.problem else { Issue.record("\(error)"); return }
            #expect(error.isRetryable)
        }
    }

    @Test("the checker tells the mail server: the subject, the report as text, the report and the grid in the HTML part")
    func endToEnd() throws {
        let setup = try CheckerSetup(list: "mail.example.test\nweb.example.test mon-fri\n")
        try setup.database.insert([
            ("2024-10-17", "mail.example.test", "01:00:00", "01:02:00", "success"),
            ("2024-10-17", "web.example.test", "01:00:00", nil, "failed"),
            ("2024-10-18", "mail.example.test", "01:01:00", "01:02:32", "success"),
        ])
        let zulip = try FakeZulip()
        let to = TestSMTP.uniqueRecipient()
        let url = "mailto://\(smtp.user):\(smtp.password)@\(smtp.host):\(smtp.startTLSPort)?to=\(to)&from=checker@example.test"
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: setup.environment(CheckerSetup.zulip(zulip).merging(
            ["notify_urls": url, "notify_tls_ca": smtp.caFile, "report_history_days": "3"]) { $1 }))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("told e-mail (127.0.0.1)"), "\(result.stderr)")
        #expect(!result.stderr.contains(smtp.password) && !result.stdout.contains(smtp.password))
        let mail = try #require(try smtp.received(by: to).first)
        #expect(mail.header("Subject") == "backup check 2024-10-18: something went wrong")
        #expect(mail.parts.first?.text == Self.crlf(result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout))
        #expect(result.stdout.hasSuffix("""
            history: 2024-10-16 to 2024-10-18 (o success, x failed, - missing, . not due)
                              16 17 18
            mail.example.test  -  o  o
            web.example.test   -  x  -

            """))
        let html = try #require(mail.parts.last?.text)
        #expect(mail.parts.last?.type == "text/html")
        #expect(html.contains("<pre style=\"font-family:monospace;font-size:13px\">something went wrong\r\n"))
        #expect(!html.contains("<pre style=\"font-family:monospace;font-size:13px\">something went wrong\r\n" + "x"))
        #expect(html.contains("missing: web.example.test (no success in the last 35 days)\r\n"))
        #expect(html.contains("<caption style=\"text-align:left;padding:4px 0\">history: 2024-10-16 to 2024-10-18 (o success, x failed, - missing, . not due)</caption>"))
        #expect(html.contains("web.example.test</th><td style=\"background:#ffe0b2;color:#e65100;text-align:center;padding:1px 3px;border:1px solid #fff\" title=\"2024-10-16 missing\">-</td>"
                              + "<td style=\"background:#ffcdd2;color:#b71c1c;text-align:center;padding:1px 3px;border:1px solid #fff\" title=\"2024-10-17 failed\">x</td>"))
        // The grid is a table in the HTML part, not text in its <pre>.
        #expect(!html.contains("history: 2024-10-16 to 2024-10-18 (o success, x failed, - missing, . not due)\r\n"))
    }

    @Test("apprise and the checker send the same mailto URL to aiosmtpd: same envelope sender, login, From, Subject and recipients")
    func sameAsApprise() throws {
        let first = TestSMTP.uniqueRecipient("apprise-a"), second = TestSMTP.uniqueRecipient("apprise-b")
        let url = "mailto://\(smtp.user):\(smtp.password)@\(smtp.host):\(smtp.plainPort)?to=\(first),\(second)&from=backup@example.test"
        let title = "backup check 2024-10-18: something went wrong"
        let python = try #require(ProcessInfo.processInfo.environment["BC_APPRISE_PYTHON"],
                                  "BC_APPRISE_PYTHON is not set: run the tests with scripts/test, which makes apprise's venv")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Apprise/send.py").path
        #expect(try runProgram(python, [script, url, title, Self.text, "failure"]).status == 0)
        let byApprise = try smtp.received(by: first) + smtp.received(by: second)
        try send(try client(url))
        let byChecker = try smtp.received(by: first).filter { mail in !byApprise.contains { $0.raw == mail.raw } }
        try #require(byApprise.count == 2 && byChecker.count == 1)
        let mail = byChecker[0]
        for theirs in byApprise {
            #expect(theirs.mailFrom == mail.mailFrom)
            #expect(theirs.login == mail.login && theirs.mechanism == mail.mechanism)
            #expect(theirs.header("From") == mail.header("From"))
            #expect(theirs.header("Subject") == mail.header("Subject"))
            #expect(theirs.header("Message-ID") != nil && theirs.header("Date") != nil)
        }
        // apprise sends one message per recipient; the checker one message to all of them.
        #expect(Set(byApprise.flatMap(\.recipients)) == Set(mail.recipients))
        #expect(Set(byApprise.compactMap { $0.header("To") }) == [first, second])
        #expect(mail.header("To") == "\(first), \(second)")
        // Both multipart/alternative, text and HTML in UTF-8 (apprise's plain part joins the
        // report's lines with spaces; the checker keeps them).
        for received in byApprise + [mail] {
            #expect(received.contentType == "multipart/alternative")
            #expect(received.parts.map(\.type) == ["text/plain", "text/html"] && received.parts.allSatisfy { $0.charset == "utf-8" })
        }
        #expect(mail.parts.first?.text == Self.crlf(Self.text))
    }
}
