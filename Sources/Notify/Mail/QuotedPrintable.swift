/// Quoted-printable (RFC 2045 section 6.7) for a body part whose lines a server without
/// 8BITMIME cannot take as they are: printable ASCII stays, every other byte is `=XX`, a space
/// or tab ending a line is encoded, and no encoded line is longer than 76 characters (a soft
/// break `=` ends the ones that continue).
package enum QuotedPrintable {
    static let maxLineLength = 76
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// `lines` (each without its line end) encoded, lines joined with CRLF.
    package static func encode(lines: [[UInt8]]) -> [UInt8] {
        var output: [UInt8] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { output += [0x0D, 0x0A] }
            var column = 0
            for (position, byte) in line.enumerated() {
                let isLast = position == line.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast)
                let token: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                // Keep room for the soft break's "=" unless this token ends the line.
                let room = isLast ? maxLineLength : maxLineLength - 1
                if column + token.count > room {
                    output += [UInt8(ascii: "="), 0x0D, 0x0A]
                    column = 0
                }
                output += token
                column += token.count
            }
        }
        return output
    }
}
