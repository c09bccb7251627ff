/// One e-mail as the checker sends it: `multipart/alternative` with the plain report and an
/// HTML rendering, UTF-8, a Subject, Date and Message-ID. Each part goes as it is (7bit, or
/// 8bit when the server offers 8BITMIME) when its lines allow, else quoted-printable.
package struct MailMessage: Sendable {
    package var from: MailAddress
    package var to: [MailAddress]
    package var subject: String
    package var text: String
    package var html: String
    /// Seconds since 1970 (UTC), for the Date header.
    package var date: Int64
    /// The Message-ID's unique part and the MIME boundary's.
    package var unique: String

    /// How a body part is written.
    package enum TransferEncoding: String, Sendable {
        case sevenBit = "7bit"
        case eightBit = "8bit"
        case quotedPrintable = "quoted-printable"
    }

    /// The longest line SMTP carries, without its CRLF (RFC 5321 section 4.5.3.1.6).
    static let maxLineBytes = 998

    /// How `text` goes: as it is when its lines are short and hold no CR or NUL (7bit when
    /// ASCII, 8bit when not and `eightBitAllowed`), else quoted-printable.
    package static func encoding(of text: String, eightBitAllowed: Bool) -> TransferEncoding {
        let bytes = Array(text.utf8)
        guard !bytes.contains(0x0D), !bytes.contains(0),
              bytes.split(separator: 0x0A, omittingEmptySubsequences: false).allSatisfy({ $0.count <= maxLineBytes }) else {
            return .quotedPrintable
        }
        if bytes.allSatisfy({ $0 < 0x80 }) { return .sevenBit }
        return eightBitAllowed ? .eightBit : .quotedPrintable
    }

    /// True when a part goes as 8bit, so MAIL FROM must say BODY=8BITMIME.
    package func needsEightBit(eightBitAllowed: Bool) -> Bool {
        [text, html].contains { MailMessage.encoding(of: $0, eightBitAllowed: eightBitAllowed) == .eightBit }
    }

    /// The whole message with CRLF line ends, not yet dot-stuffed.
    package func rendered(eightBitAllowed: Bool) -> [UInt8] {
        var boundary = "=_backup-checker_" + unique
        while text.contains(boundary) || html.contains(boundary) { boundary += "_" }
        var lines = [
            "Date: " + MailDate.format(date),
            "From: " + from.text,
            "To: " + to.map(\.text).joined(separator: ", "),
            "Subject: " + MailMessage.headerText(subject),
            "Message-ID: <\(unique)@\(from.domain)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "This is a message in MIME format: the report as plain text and as HTML.",
        ]
        var output = Array(lines.joined(separator: "\r\n").utf8)
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            let encoding = MailMessage.encoding(of: body, eightBitAllowed: eightBitAllowed)
            lines = ["", "--" + boundary, "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: \(encoding.rawValue)", "", ""]
            output += Array(lines.joined(separator: "\r\n").utf8)
            let bodyLines = Array(body.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            switch encoding {
            case .quotedPrintable: output += QuotedPrintable.encode(lines: bodyLines)
            case .sevenBit, .eightBit: output += Array(bodyLines.joined(separator: [0x0D, 0x0A]))
            }
        }
        output += Array("\r\n--\(boundary)--\r\n".utf8)
        return output
    }

    /// A header's text: as it is in printable ASCII, else RFC 2047 encoded words (UTF-8,
    /// base64), each at most 75 characters, so no value can end the header or start another.
    static func headerText(_ value: String) -> String {
        let bytes = Array(value.utf8)
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && !value.contains("=?") { return value }
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in value.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if chunk.count + encoded.count > 45 {
                words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=")
                chunk = []
            }
            chunk += encoded
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `message` ready for DATA: every line that starts with "." gets another in front, and
    /// it ends with CRLF "." CRLF. https://www.rfc-editor.org/rfc/rfc5321#section-4.5.2
    package static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 64)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == UInt8(ascii: ".") { output.append(byte) }
            output.append(byte)
            atLineStart = byte == 0x0A
        }
        if !output.isEmpty && !(output.count >= 2 && output[output.count - 2] == 0x0D && output.last == 0x0A) {
            output += [0x0D, 0x0A]
        }
        return output + Array(".\r\n".utf8)
    }
}
