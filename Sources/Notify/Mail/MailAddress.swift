/// An address as this client writes it in MAIL FROM, RCPT TO and the headers: `local@domain`
/// in printable ASCII, without spaces, quotes, brackets, commas or semicolons (which would let
/// one address become two, or a header end early).
package struct MailAddress: Sendable, Equatable, CustomStringConvertible {
    package let text: String

    package init(_ text: String) throws(SMTPError) {
        let bytes = Array(text.utf8)
        let forbidden: Set<UInt8> = Set(" \"(),:;<>[\\]".utf8)
        guard (3...254).contains(bytes.count), bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !forbidden.contains($0) }),
              let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else {
            throw .invalidAddress(MailAddress.shown(text))
        }
        self.text = text
    }

    /// The part after the last `@`.
    package var domain: Substring { text[text.index(after: text.lastIndex(of: "@") ?? text.startIndex)...] }

    package var description: String { text }

    /// An address that could not be used, as an error may show it: at most 80 characters, each
    /// control character as `?`.
    static func shown(_ text: String) -> String {
        SMTPReplyReader.printable(Array(text.utf8.prefix(80)))
    }
}
