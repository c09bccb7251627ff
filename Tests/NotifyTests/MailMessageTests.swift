import Testing
@testable import Notify

/// The e-mail message as written: transfer encodings, quoted-printable, headers, the date,
/// dot-stuffing, addresses.
@Suite("Mail message")
struct MailMessageTests {
    @Test("each part goes as it is when it can: 7bit for ASCII, 8bit with 8BITMIME, else quoted-printable")
    func encodings() {
        #expect(MailMessage.encoding(of: "plain ascii\nlines", eightBitAllowed: false) == .sevenBit)
        #expect(MailMessage.encoding(of: "ü", eightBitAllowed: true) == .eightBit)
        #expect(MailMessage.encoding(of: "ü", eightBitAllowed: false) == .quotedPrintable)
        #expect(MailMessage.encoding(of: String(repeating: "x", count: 999), eightBitAllowed: true) == .quotedPrintable)
        #expect(MailMessage.encoding(of: String(repeating: "x", count: 998), eightBitAllowed: true) == .sevenBit)
        #expect(MailMessage.encoding(of: "a\rb", eightBitAllowed: true) == .quotedPrintable)
        #expect(MailMessage.encoding(of: "a\u{0}b", eightBitAllowed: true) == .quotedPrintable)
    }

    @Test("quoted-printable: = and 8-bit bytes escaped, a space before a line end encoded, lines of at most 76 with soft breaks")
    func quotedPrintable() {
        func encoded(_ text: String) -> String {
            String(decoding: QuotedPrintable.encode(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }),
                   as: UTF8.self)
        }
        #expect(encoded("a=b ü\ntrailing \n\ttab\t") == "a=3Db =C3=BC\r\ntrailing=20\r\n\ttab=09")
        let long = encoded(String(repeating: "é", count: 40))
        let lines = long.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(lines.map { $0.hasSuffix("=") ? String($0.dropLast()) : String($0) }.joined() == String(repeating: "=C3=A9", count: 40))
        #expect(encoded(String(repeating: "a", count: 76)) == String(repeating: "a", count: 76))
        #expect(encoded(String(repeating: "a", count: 77)) == String(repeating: "a", count: 75) + "=\r\naa")
    }

    @Test("the Date header in UTC as RFC 5322 writes it")
    func date() {
        #expect(MailDate.format(1_729_252_800) == "Fri, 18 Oct 2024 12:00:00 +0000")
        #expect(MailDate.format(0) == "Thu, 1 Jan 1970 00:00:00 +0000")
        #expect(MailDate.format(951_868_799) == "Tue, 29 Feb 2000 23:59:59 +0000")
        #expect(MailDate.format(-1) == "Wed, 31 Dec 1969 23:59:59 +0000")
    }

    @Test("a subject that is not printable ASCII goes as encoded words: no line break reaches the header")
    func subject() {
        #expect(MailMessage.headerText("backup check 2024-10-18: ok") == "backup check 2024-10-18: ok")
        let hostile = MailMessage.headerText("ok\r\nBcc: everyone@example.org")
        #expect(!hostile.contains("\r\nBcc"))
        #expect(hostile.hasPrefix("=?UTF-8?B?"))
        #expect(MailMessage.headerText("Prüfung") == "=?UTF-8?B?UHLDvGZ1bmc=?=")
    }

    @Test("dot-stuffing: a line that starts with . gets another; the message ends with CRLF.CRLF")
    func dotStuffing() {
        let stuffed = MailMessage.dotStuffed(Array(".a\r\nb\r\n.\r\n..c".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "..a\r\nb\r\n..\r\n...c\r\n.\r\n")
    }

    @Test("addresses: local@domain in ASCII; anything that could split or end a header is refused", arguments: [
        "a@b", "first.last+tag@mail.example.org",
    ])
    func goodAddress(address: String) throws {
        #expect(try MailAddress(address).text == address)
    }

    @Test("addresses refused", arguments: ["", "nobody", "@example.org", "a@", "a b@x", "a@x>", "<a@x", "a@x,b@y", "a@x\r\nRCPT TO:<c@d>",
                                         "ü@example.org", "a@x;b", "\"a\"@x"])
    func badAddress(address: String) {
        #expect(throws: SMTPError.invalidAddress(MailAddress.shown(address))) { try MailAddress(address) }
    }

    @Test("the message: headers, multipart/alternative with both parts in UTF-8, and the MIME boundary kept out of the parts")
    func rendered() throws {
        let message = MailMessage(from: try MailAddress("backup@example.org"), to: [try MailAddress("a@example.org"), try MailAddress("b@example.net")],
                                  subject: "backup check 2024-10-18: something went wrong", text: "ü\n=_backup-checker_u", html: "<p>x</p>",
                                  date: 1_729_252_800, unique: "u")
        let text = String(decoding: message.rendered(eightBitAllowed: true), as: UTF8.self)
        #expect(text.hasPrefix("""
            Date: Fri, 18 Oct 2024 12:00:00 +0000\r
            From: backup@example.org\r
            To: a@example.org, b@example.net\r
            Subject: backup check 2024-10-18: something went wrong\r
            Message-ID: <u@example.org>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="=_backup-checker_u_"\r

            """))
        #expect(text.contains("\r\n--=_backup-checker_u_\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nü\r\n=_backup-checker_u\r\n"))
        #expect(text.contains("\r\n--=_backup-checker_u_\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n<p>x</p>\r\n--=_backup-checker_u_--\r\n"))
    }
}
