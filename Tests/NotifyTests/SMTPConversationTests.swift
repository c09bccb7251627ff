import Testing
import TestSupport
import Transport
@testable import Notify

/// The SMTP conversation step by step against scripted servers: the happy path byte for byte,
/// and every way a server (or someone between) can misbehave.
@Suite("SMTP conversation")
struct SMTPConversationTests {
    static let password = Secret("pa55-Wörd!")
    static let greeting = "220 mail.example.org ESMTP\r\n"
    static let ehloTLS = "250-mail.example.org\r\n250-8BITMIME\r\n250-STARTTLS\r\n250 SIZE 1000000\r\n"
    static let ehloAuth = "250-mail.example.org greets you\r\n250-8BITMIME\r\n250 AUTH LOGIN PLAIN\r\n"

    /// A conversation over `replies` (one read each); `afterTLS` answers once STARTTLS upgraded.
    final class Script {
        let plain: ScriptedStream
        let tls: ScriptedStream
        var upgraded = 0
        let conversation: SMTPConversation

        init(host: String = "mail.example.org", _ replies: [String], afterTLS: [String] = [], implicitTLS: Bool = false) {
            plain = ScriptedStream(pieces: replies.map { Array($0.utf8) })
            let tls = ScriptedStream(pieces: afterTLS.map { Array($0.utf8) })
            self.tls = tls
            var upgrade: (() -> Void)?
            conversation = SMTPConversation(stream: plain, host: host, clientName: "checker.example.org", isTLS: implicitTLS,
                                            upgrade: { _ in upgrade?(); return tls })
            upgrade = { [unowned self] in self.upgraded += 1 }
        }

        var plainText: String { String(decoding: plain.written, as: UTF8.self) }
        var tlsText: String { String(decoding: tls.written, as: UTF8.self) }
    }

    static func message(text: String = "everything is a-ok\n.hidden line\nü", to: [String] = ["a@example.org", "b@example.net"]) throws -> MailMessage {
        MailMessage(from: try MailAddress("backup@example.org"), to: try to.map { (address) throws(SMTPError) in try MailAddress(address) },
                    subject: "backup check 2024-10-18: ok", text: text, html: "<pre>ok</pre>", date: 1_729_252_800,
                    unique: "0123456789abcdef0123456789abcdef")
    }

    @Test("STARTTLS when offered, EHLO again, AUTH PLAIN, one transaction for every recipient, dot-stuffed DATA, QUIT")
    func happyPath() throws {
        let script = Script([Self.greeting, Self.ehloTLS, "220 2.0.0 go ahead\r\n"],
                            afterTLS: [Self.ehloAuth, "235 2.7.0 ok\r\n", "250 2.1.0 sender ok\r\n", "250 2.1.5 ok\r\n",
                                       "251 2.1.5 will forward\r\n", "354 go on\r\n", "250 2.0.0 queued\r\n", "221 bye\r\n"])
        let message = try Self.message()
        try script.conversation.open(user: "checker", password: Self.password)
        try script.conversation.send(message)
        script.conversation.quit()
        #expect(script.upgraded == 1)
        #expect(script.conversation.isTLS)
        #expect(script.plainText == "EHLO checker.example.org\r\nSTARTTLS\r\n")
        let plainBlob = Base64.encode(Array("\0checker\0pa55-Wörd!".utf8))
        let data = String(decoding: MailMessage.dotStuffed(message.rendered(eightBitAllowed: true)), as: UTF8.self)
        #expect(script.tlsText == "EHLO checker.example.org\r\nAUTH PLAIN \(plainBlob)\r\nMAIL FROM:<backup@example.org> BODY=8BITMIME\r\n"
                + "RCPT TO:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n" + data + "QUIT\r\n")
        #expect(data.contains("\r\n..hidden line\r\n"))
        #expect(data.hasSuffix("\r\n.\r\n"))
    }

    @Test("AUTH LOGIN when PLAIN is not offered: user and password each base64 on a line of their own")
    func authLogin() throws {
        let script = Script([Self.greeting, "250-x\r\n250 AUTH=LOGIN\r\n", "334 VXNlcm5hbWU6\r\n", "334 UGFzc3dvcmQ6\r\n", "235 ok\r\n"],
                            implicitTLS: true)
        try script.conversation.open(user: "checker", password: Self.password)
        #expect(script.plainText == "EHLO checker.example.org\r\nAUTH LOGIN\r\n\(Base64.encode(Array("checker".utf8)))\r\n"
                + "\(Base64.encode(Self.password.utf8Bytes))\r\n")
        #expect(script.upgraded == 0)
    }

    @Test("without STARTTLS, a login beyond loopback is refused before the password is sent")
    func noTLSNoLogin() throws {
        let script = Script([Self.greeting, Self.ehloAuth])
        #expect(throws: SMTPError.tlsRequiredForLogin) { try script.conversation.open(user: "checker", password: Self.password) }
        #expect(script.plainText == "EHLO checker.example.org\r\n")
    }

    @Test("on loopback, a login without TLS is allowed (a local relay)")
    func loopbackLogin() throws {
        let script = Script(host: "127.0.0.1", [Self.greeting, Self.ehloAuth, "235 ok\r\n"])
        try script.conversation.open(user: "checker", password: Self.password)
        #expect(script.plainText.hasSuffix("AUTH PLAIN \(Base64.encode(Array("\0checker\0pa55-Wörd!".utf8)))\r\n"))
    }

    @Test("bytes injected after the STARTTLS go-ahead end the conversation before the handshake")
    func startTLSInjection() throws {
        let script = Script([Self.greeting, Self.ehloTLS, "220 go ahead\r\n250-mail.example.org\r\n250 AUTH PLAIN\r\n"])
        #expect(throws: SMTPError.injectedBeforeTLS) { try script.conversation.open(user: "checker", password: Self.password) }
        #expect(script.upgraded == 0)
        #expect(script.plainText == "EHLO checker.example.org\r\nSTARTTLS\r\n")
    }

    @Test("a server that offers no usable login is named with what it offers")
    func noUsableLogin() throws {
        let script = Script([Self.greeting, "250-x\r\n250 AUTH CRAM-MD5 XOAUTH2\r\n"], implicitTLS: true)
        #expect(throws: SMTPError.noUsableLogin(offered: ["CRAM-MD5", "XOAUTH2"])) {
            try script.conversation.open(user: "checker", password: Self.password)
        }
    }

    @Test("a refused login echoing the credentials: the error carries none of their forms")
    func redactedRefusal() throws {
        let blob = Base64.encode(Array("\0checker\0pa55-Wörd!".utf8))
        let script = Script([Self.greeting, Self.ehloAuth, "535-5.7.8 bad: \(blob)\r\n535 5.7.8 pa55-Wörd! \(Base64.encode(Self.password.utf8Bytes))\r\n"],
                            implicitTLS: true)
        do throws(SMTPError) {
            try script.conversation.open(user: "checker", password: Self.password)
            Issue.record("the login was refused, yet open() returned")
        } catch {
            guard case let .rejected(code, text, step) = error else { Issue.record("\(error)"); return }
            #expect(code == 535 && step == .login)
            #expect(text == "5.7.8 bad: <redacted> 5.7.8 <redacted> <redacted>")
            for secret in [Self.password.reveal(), blob, Base64.encode(Self.password.utf8Bytes)] {
                #expect(!error.description.contains(secret))
                #expect(!DeliveryError(service: "e-mail", site: "smtp://x", problem: .mail(error)).description.contains(secret))
            }
        }
    }

    @Test("a recipient refused with 5xx is permanent, with 4xx worth another try; both name the step")
    func refusedRecipient() throws {
        for (reply, transient) in [("550 5.1.1 no such user\r\n", false), ("451 4.3.0 try later\r\n", true)] {
            let script = Script([Self.greeting, "250 x\r\n", "250 ok\r\n", reply])
            try script.conversation.open(user: nil, password: nil)
            let message = try Self.message()
            do throws(SMTPError) {
                try script.conversation.send(message)
                Issue.record("the recipient was refused, yet send() returned")
            } catch {
                guard case let .rejected(_, _, step) = error else { Issue.record("\(error)"); continue }
                #expect(step == .recipient)
                #expect(error.isTransient == transient)
                #expect(!error.messageMayHaveBeenTaken)
            }
        }
    }

    @Test("the answer to the whole message lost: it may have been taken, so it is not retried")
    func lostAfterMessage() throws {
        let script = Script([Self.greeting, "250 x\r\n", "250 ok\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n"])
        try script.conversation.open(user: nil, password: nil)
        #expect(throws: SMTPError.lost(.closed, step: .message)) { try script.conversation.send(try Self.message()) }
        #expect(SMTPError.lost(.closed, step: .message).messageMayHaveBeenTaken)
        #expect(!SMTPError.lost(.closed, step: .message).isTransient)
        #expect(!DeliveryError(service: "e-mail", site: "x", problem: .mail(.lost(.closed, step: .message))).isRetryable)
        #expect(DeliveryError(service: "e-mail", site: "x", problem: .mail(.lost(.closed, step: .recipient))).isRetryable)
    }

    @Test("without 8BITMIME the body goes quoted-printable and MAIL FROM has no BODY parameter")
    func noEightBit() throws {
        let script = Script([Self.greeting, "250 x\r\n", "250 ok\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n", "250 queued\r\n"])
        try script.conversation.open(user: nil, password: nil)
        try script.conversation.send(try Self.message())
        #expect(script.plainText.contains("MAIL FROM:<backup@example.org>\r\nRCPT TO:"))
        #expect(script.plainText.contains("Content-Transfer-Encoding: quoted-printable\r\n\r\neverything is a-ok\r\n..hidden line\r\n=C3=BC\r\n"))
        #expect(!script.plainText.utf8.contains { $0 >= 0x80 })
    }

    @Test("replies that are not SMTP are errors, never a hang or a trap", arguments: [
        ("hello there\r\n", SMTPError.Malformation.noReplyCode),
        ("250-a\r\n251 b\r\n", .mixedCodes),
        (String(repeating: "2", count: 3000), .lineTooLong(limit: 2048)),
        ("250 " + String(repeating: "x", count: 2100) + "\r\n", .lineTooLong(limit: 2048)),
        (String(repeating: "220-x\r\n", count: 101) + "220 x\r\n", .tooManyLines(limit: 100)),
        ("099 x\r\n", .noReplyCode),
        ("354 go ahead\r\n", .unexpectedCode(354)),
    ])
    func malformed(reply: String, detail: SMTPError.Malformation) {
        let script = Script([reply])
        #expect(throws: SMTPError.malformedReply(detail, step: .greeting)) { try script.conversation.open(user: nil, password: nil) }
    }

    @Test("a multi-line reply over many small reads, bare LF line ends, control characters shown as ?")
    func replyPieces() throws {
        let bytes = Array("250-first\n250-se\u{1b}[31mcond\r\n250 last\r\n".utf8)
        var reader = SMTPReplyReader()
        let reply = try reader.read(from: ScriptedStream(bytes, chunk: 3), step: .ehlo)
        #expect(reply == SMTPReply(code: 250, lines: ["first", "se?[31mcond", "last"]))
    }

    @Test("mailtos:// to a port that starts in plain text requires STARTTLS: without it nothing is sent")
    func startTLSRequired() throws {
        let script = Script(host: "127.0.0.1", [Self.greeting, Self.ehloAuth])
        #expect(throws: SMTPError.startTLSRequired) { try script.conversation.open(user: nil, password: nil, requireTLS: true) }
        #expect(script.plainText == "EHLO checker.example.org\r\n")
    }

    @Test("mailtos:// is TLS from the first byte on 465 (its default) and any other port, STARTTLS on 587 and 25")
    func mailtosPorts() throws {
        func client(_ url: String) throws -> MailClient {
            guard case let .email(mailto) = try DestinationURL.parse(url) else { throw SMTPError.invalidAddress(url) }
            return MailClient(url: mailto, options: DestinationOptions())
        }
        let implicit = try client("mailtos://u:p@mail.example.org?to=a@example.org")
        #expect(implicit.port == 465 && implicit.implicitTLS && !implicit.requiresStartTLS)
        let submission = try client("mailtos://u:p@mail.example.org:587?to=a@example.org")
        #expect(!submission.implicitTLS && submission.requiresStartTLS)
        let plain = try client("mailto://mail.example.org?to=a@example.org")
        #expect(plain.port == 25 && !plain.implicitTLS && !plain.requiresStartTLS)
        #expect(plain.name == "e-mail (mail.example.org)")
    }
}
